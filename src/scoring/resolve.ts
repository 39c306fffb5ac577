/** Shared by the score/export/report/diff commands: which run, which weights, scores for them. */
import type { Config } from '../config/config.js';
import type { Db } from '../store/db.js';
import { getRun, newestFinishedRun, type RunRow } from '../store/runs.js';
import { scoreRun } from './score.js';
import { compareScores, loadScores, saveScores, scoredConfigs } from './stored.js';
import type { RunScores } from './types.js';
import { DEFAULT_WEIGHTS_FILE, loadWeights, type Weights } from './weights.js';

export class NoRunError extends Error {
  override name = 'NoRunError';
}

/** The run asked for, or the newest finished run (`newestFinishedRun`: crawl or check, state done). */
export function resolveRun(db: Db, runId?: number): RunRow {
  if (runId !== undefined) {
    const run = getRun(db, runId);
    if (!run) throw new NoRunError(`run ${runId} does not exist in the database`);
    return run;
  }
  const run = newestFinishedRun(db);
  if (!run)
    throw new NoRunError(
      'no finished crawl run in the database: run `govscan crawl` (or `govscan demo`) first, or pass --run',
    );
  return run;
}

/** Weights from --weights, else config `scoring`, else the built-in default. */
export function weightsFor(file: string | undefined, config?: Config): Weights {
  return loadWeights(file ?? config?.scoring ?? DEFAULT_WEIGHTS_FILE);
}

/**
 * Scores of a run under these weights, computed now (cheap, and results may have been replayed
 * or audited since the last scoring) and stored with the config, replacing that config's earlier
 * rows. Only `score` and the commands that end in scoring (demo) call this: it writes.
 */
export function scoresFor(db: Db, runId: number, weights: Weights): RunScores {
  const scores = scoreRun(db, runId, weights);
  saveScores(db, scores);
  return scores;
}

/**
 * Scores for a read command (export, report): computed in memory, never stored. `stored` says
 * how they relate to the stored scores of that config: `same`, `missing` (never scored with
 * these weights) or `stale` (results changed since, e.g. an audit ran): the caller tells the user.
 */
export function scoresToRead(
  db: Db,
  runId: number,
  weights: Weights,
): { scores: RunScores; stored: 'same' | 'missing' | 'stale' } {
  const scores = scoreRun(db, runId, weights);
  const known = scoredConfigs(db, runId).some((c) => c.hash === scores.configHash);
  const stored = known ? loadScores(db, runId, scores.configHash) : undefined;
  if (!stored) return { scores, stored: scores.sites.length ? 'missing' : 'same' };
  return { scores, stored: compareScores(stored, scores).same ? 'same' : 'stale' };
}
