/** Shared by the score/export/report commands: which run, which weights, scores for them. */
import type { Config } from '../config/config.js';
import { getRun, type Db, type RunRow } from '../store/db.js';
import { scoreRun } from './score.js';
import { saveScores } from './store.js';
import type { RunScores } from './types.js';
import { DEFAULT_WEIGHTS_FILE, loadWeights, type Weights } from './weights.js';

export class NoRunError extends Error {
  override name = 'NoRunError';
}

/** The run asked for, or the newest finished crawl/check run. */
export function resolveRun(db: Db, runId?: number): RunRow {
  if (runId !== undefined) {
    const run = getRun(db, runId);
    if (!run) throw new NoRunError(`run ${runId} does not exist in the database`);
    return run;
  }
  const run = db
    .prepare(`SELECT * FROM runs WHERE kind IN ('crawl','check') AND state = 'done' ORDER BY id DESC LIMIT 1`)
    .get() as RunRow | undefined;
  if (!run) throw new NoRunError('no finished crawl run in the database: run `govscan crawl` (or `govscan demo`) first, or pass --run');
  return run;
}

/** Weights from --weights, else config `scoring`, else the built-in default. */
export function weightsFor(file: string | undefined, config?: Config): Weights {
  return loadWeights(file ?? config?.scoring ?? DEFAULT_WEIGHTS_FILE);
}

/**
 * Scores of a run under these weights, computed now (cheap, and results may have been replayed
 * since the last scoring) and stored with the config, replacing that config's earlier rows.
 */
export function scoresFor(db: Db, runId: number, weights: Weights): RunScores {
  const scores = scoreRun(db, runId, weights);
  saveScores(db, scores);
  return scores;
}
