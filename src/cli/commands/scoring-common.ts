/**
 * Options and lookups shared by score / export / report: open the database, pick the run,
 * load the weights, and turn "no such run" / "bad weights file" into bad-input errors.
 */
import { configFrom, DEFAULT_DB, UsageError } from '../common.js';
import { openDb, type Db, type RunRow } from '../../store/db.js';
import { guardDb } from '../../store/errors.js';
import { NoRunError, resolveRun, scoresFor, weightsFor, WeightsError, type RunScores, type Weights } from '../../scoring/index.js';

export interface ScoringOptions {
  db?: string;
  config?: string;
  run?: string;
  weights?: string;
}

export function parseRunId(v: string | undefined, option = '--run'): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`${option} must be a run id (a positive integer), got "${v}"`);
  return Number(v);
}

/** Open an existing database: a missing, empty (0-byte) or non-govscan file is bad input (exit 2), not a new empty database. */
export function openExistingDb(file: string = DEFAULT_DB): Db {
  return openDb(file, { mustExist: true });
}

/** Rethrow the scoring module's input errors as usage errors (exit code 2), naming the database when given. */
export function asUsage<T>(fn: () => T, dbFile?: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NoRunError) throw new UsageError(dbFile ? `${e.message} (${dbFile}); list runs with: govscan runs --db ${dbFile}` : e.message);
    if (e instanceof WeightsError) throw new UsageError(e.message);
    throw e;
  }
}

export function loadScored(opts: ScoringOptions): { db: Db; run: RunRow; weights: Weights; scores: RunScores } {
  const file = opts.db ?? DEFAULT_DB;
  const db = openExistingDb(file);
  try {
    const run = asUsage(() => guardDb(file, 'finding the run', true, () => resolveRun(db, parseRunId(opts.run))), file);
    const weights = asUsage(() => weightsFor(opts.weights, opts.config ? configFrom({ config: opts.config }) : undefined));
    // Scoring writes the scores back: a read-only or full database fails here, before any output.
    const scores = guardDb(file, `scoring run ${run.id}`, true, () => scoresFor(db, run.id, weights));
    if (!scores.sites.length) process.stderr.write(`warning: run ${run.id} in ${file} has no finished sites: there is nothing to score, the output is empty\n`);
    return { db, run, weights, scores };
  } catch (e) {
    db.close();
    throw e;
  }
}
