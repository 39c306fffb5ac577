/**
 * Scores as stored with the weights that produced them (rows in src/store/scores.ts): saving,
 * reading back in exactly the shape `scoreRun` returns, and checking they still reproduce.
 */
import type { Db } from '../store/db.js';
import { insertScores, loadSiteScores, scoreConfigJson, scoredConfigs } from '../store/scores.js';
import { orderSites, scoreRun } from './score.js';
import type { RunScores } from './types.js';
import { canonicalJson, parseWeights, type Weights, weightsHash } from './weights.js';

export { scoredConfigs };

/** Store (replace) the scores of a run for one config. */
export function saveScores(db: Db, scores: RunScores, scoredAt = new Date().toISOString()): void {
  if (weightsHash(scores.weights) !== scores.configHash)
    throw new Error('scores carry a config hash that does not match their weights');
  insertScores(db, scores, canonicalJson(scores.weights), scoredAt);
}

export function storedWeights(db: Db, hash: string): Weights {
  const json = scoreConfigJson(db, hash);
  if (json === undefined) throw new Error(`no stored scoring config with hash ${hash}`);
  return parseWeights(JSON.parse(json), `stored config ${hash.slice(0, 12)}`);
}

/** The stored scores of a run for a config (default: the one it was scored with most recently). */
export function loadScores(db: Db, runId: number, configHash?: string): RunScores | undefined {
  const hash = configHash ?? scoredConfigs(db, runId)[0]?.hash;
  if (!hash) return undefined;
  const weights = storedWeights(db, hash);
  const sites = loadSiteScores(db, runId, hash);
  if (!sites.length) return undefined;
  return { runId, configHash: hash, weights, sites: orderSites(sites) };
}

/**
 * Re-score a run with each config it was stored with (parsed back from the stored JSON) and compare
 * with the stored rows. `same: false` means the results changed since scoring, or scoring is not
 * deterministic.
 */
export function checkStoredScores(
  db: Db,
  runId: number,
): { hash: string; name: string; same: boolean; differing: string[] }[] {
  return scoredConfigs(db, runId).map(({ hash, name }) => {
    const stored = loadScores(db, runId, hash)!;
    const fresh = scoreRun(db, runId, storedWeights(db, hash));
    return { hash, name, ...compareScores(stored, fresh) };
  });
}

/** Sites whose stored and fresh scores differ (or are missing from the fresh ones). */
export function compareScores(stored: RunScores, fresh: RunScores): { same: boolean; differing: string[] } {
  const byCode = new Map(stored.sites.map((s) => [s.code, canonicalJson(s)]));
  const differing = fresh.sites.filter((s) => byCode.get(s.code) !== canonicalJson(s)).map((s) => s.code);
  const missing = stored.sites.filter((s) => !fresh.sites.some((f) => f.code === s.code)).map((s) => s.code);
  const all = [...differing, ...missing];
  return { same: all.length === 0 && fresh.configHash === stored.configHash, differing: all };
}
