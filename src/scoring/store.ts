/**
 * Writing scores back to SQLite (migration 002-scores) together with the weights that produced
 * them, and reading them back in exactly the shape `scoreRun` returns.
 */
import { stripUndefined, type Db } from '../store/db.js';
import type { FetchStatus, LocalityKind } from '../types.js';
import type { DeductionScore, DimensionScore, IndicatorScore, RunScores, SiteScore, VetoCheck } from './types.js';
import { orderSites, scoreRun } from './score.js';
import { canonicalJson, parseWeights, weightsHash, type Weights } from './weights.js';

/** Store (replace) the scores of a run for one config. */
export function saveScores(db: Db, scores: RunScores, scoredAt = new Date().toISOString()): void {
  const { runId, configHash: hash } = scores;
  if (weightsHash(scores.weights) !== hash) throw new Error('scores carry a config hash that does not match their weights');
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO score_configs (hash, weights_json, name, created_at) VALUES (?, ?, ?, ?)').run(
      hash, canonicalJson(scores.weights), scores.weights.name, scoredAt,
    );
    for (const t of ['site_scores', 'dimension_scores', 'indicator_scores'])
      db.prepare(`DELETE FROM ${t} WHERE run_id = ? AND config_hash = ?`).run(runId, hash);
    const insSite = db.prepare(
      `INSERT INTO site_scores (run_id, code, config_hash, scored, no_score_reason, total, coverage, deducted, national_rank,
         provincial_rank, tier, flags_json, vetoes_json, scored_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const insDim = db.prepare(
      'INSERT INTO dimension_scores (run_id, code, config_hash, seq, dimension, name, points, max, coverage) VALUES (?,?,?,?,?,?,?,?,?)',
    );
    const insInd = db.prepare(
      `INSERT INTO indicator_scores (run_id, code, config_hash, seq, kind, ref_key, indicator, dimension, sub, status, points, max,
         fraction, excluded, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    for (const s of scores.sites) {
      insSite.run(
        runId, s.code, hash, s.scored ? 1 : 0, s.noScoreReason ?? null, s.total, s.coverage, s.deducted, s.nationalRank,
        s.provincialRank, s.tier, JSON.stringify(s.flags), JSON.stringify(s.vetoes), scoredAt,
      );
      s.dimensions.forEach((d, i) => insDim.run(runId, s.code, hash, i, d.id, d.name, d.points, d.max, d.coverage));
      s.indicators.forEach((x, i) =>
        insInd.run(runId, s.code, hash, i, 'ref', x.key, x.indicator, x.dimension, x.sub, x.status, x.points, x.max, x.fraction, x.excluded ? 1 : 0, x.note ?? null),
      );
      s.deductions.forEach((x, i) =>
        insInd.run(runId, s.code, hash, i, 'deduction', x.key, x.indicator, null, null, x.status, x.deducted, x.max, null, x.excluded ? 1 : 0, x.note ?? null),
      );
    }
  })();
}

export function storedWeights(db: Db, hash: string): Weights {
  const row = db.prepare('SELECT weights_json FROM score_configs WHERE hash = ?').get(hash) as { weights_json: string } | undefined;
  if (!row) throw new Error(`no stored scoring config with hash ${hash}`);
  return parseWeights(JSON.parse(row.weights_json), `stored config ${hash.slice(0, 12)}`);
}

/** Config hashes a run has been scored with, newest first. */
export function scoredConfigs(db: Db, runId: number): { hash: string; name: string; scoredAt: string }[] {
  return db
    .prepare(
      `SELECT ss.config_hash AS hash, c.name, MAX(ss.scored_at) AS scoredAt FROM site_scores ss
       JOIN score_configs c ON c.hash = ss.config_hash WHERE ss.run_id = ? GROUP BY ss.config_hash ORDER BY scoredAt DESC, hash`,
    )
    .all(runId) as { hash: string; name: string; scoredAt: string }[];
}

interface SiteScoreRow {
  code: string; name: string; province: string; kind: LocalityKind; site_status: FetchStatus; scored: number;
  no_score_reason: string | null; total: number | null; coverage: number; deducted: number; national_rank: number | null;
  provincial_rank: number | null; tier: string | null; flags_json: string; vetoes_json: string;
}

/** The stored scores of a run for a config (default: the one it was scored with most recently). */
export function loadScores(db: Db, runId: number, configHash?: string): RunScores | undefined {
  const hash = configHash ?? scoredConfigs(db, runId)[0]?.hash;
  if (!hash) return undefined;
  const weights = storedWeights(db, hash);
  const rows = db
    .prepare(
      `SELECT ss.*, s.name, s.province, s.kind, sr.site_status FROM site_scores ss
       JOIN sites s ON s.code = ss.code JOIN site_runs sr ON sr.run_id = ss.run_id AND sr.code = ss.code
       WHERE ss.run_id = ? AND ss.config_hash = ?`,
    )
    .all(runId, hash) as SiteScoreRow[];
  if (!rows.length) return undefined;
  const dimStmt = db.prepare('SELECT * FROM dimension_scores WHERE run_id = ? AND code = ? AND config_hash = ? ORDER BY seq');
  const indStmt = db.prepare('SELECT * FROM indicator_scores WHERE run_id = ? AND code = ? AND config_hash = ? AND kind = ? ORDER BY seq');
  type IndRow = {
    ref_key: string; indicator: string; dimension: string | null; sub: string | null; status: IndicatorScore['status'];
    points: number | null; max: number; fraction: number | null; excluded: number; note: string | null;
  };
  const sites = rows.map((r): SiteScore => {
    const dimensions = (dimStmt.all(runId, r.code, hash) as { dimension: string; name: string; points: number | null; max: number; coverage: number }[]).map(
      (d): DimensionScore => ({ id: d.dimension, name: d.name, points: d.points, max: d.max, coverage: d.coverage }),
    );
    const indicators = (indStmt.all(runId, r.code, hash, 'ref') as IndRow[]).map(
      (x): IndicatorScore => stripUndefined({
        key: x.ref_key, indicator: x.indicator, dimension: x.dimension ?? '', sub: x.sub ?? '', status: x.status, points: x.points,
        max: x.max, fraction: x.fraction, excluded: !!x.excluded, note: x.note ?? undefined,
      }),
    );
    const deductions = (indStmt.all(runId, r.code, hash, 'deduction') as IndRow[]).map(
      (x): DeductionScore => stripUndefined({
        key: x.ref_key, indicator: x.indicator, status: x.status, deducted: x.points, max: x.max, excluded: !!x.excluded, note: x.note ?? undefined,
      }),
    );
    return stripUndefined({
      code: r.code, name: r.name, province: r.province, kind: r.kind, siteStatus: r.site_status,
      nationalRank: r.national_rank, provincialRank: r.provincial_rank, tier: r.tier, scored: !!r.scored,
      noScoreReason: r.no_score_reason ?? undefined, total: r.total, coverage: r.coverage, deducted: r.deducted,
      flags: JSON.parse(r.flags_json) as string[], dimensions, indicators, deductions, vetoes: JSON.parse(r.vetoes_json) as VetoCheck[],
    });
  });
  return { runId, configHash: hash, weights, sites: orderSites(sites) };
}


/**
 * Re-score a run with each config it was stored with (parsed back from the stored JSON) and compare
 * with the stored rows. `same: false` means the results changed since scoring, or scoring is not
 * deterministic.
 */
export function checkStoredScores(db: Db, runId: number): { hash: string; name: string; same: boolean; differing: string[] }[] {
  return scoredConfigs(db, runId).map(({ hash, name }) => {
    const stored = loadScores(db, runId, hash)!;
    const fresh = scoreRun(db, runId, storedWeights(db, hash));
    const byCode = new Map(stored.sites.map((s) => [s.code, canonicalJson(s)]));
    const differing = fresh.sites.filter((s) => byCode.get(s.code) !== canonicalJson(s)).map((s) => s.code);
    const missing = stored.sites.filter((s) => !fresh.sites.some((f) => f.code === s.code)).map((s) => s.code);
    const all = [...differing, ...missing];
    return { hash, name, same: all.length === 0 && fresh.configHash === hash, differing: all };
  });
}
