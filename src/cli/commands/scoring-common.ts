/**
 * Options and lookups shared by score / export / report: open the database, pick the run,
 * load the weights, and turn "no such run" / "bad weights file" into bad-input errors.
 */
import { existsSync } from 'node:fs';
import { configFrom, DEFAULT_DB, UsageError } from '../common.js';
import { openDb, type Db, type RunRow } from '../../store/db.js';
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

/** Open an existing database; a missing file is a usage error, not an empty database. */
export function openExistingDb(file: string = DEFAULT_DB): Db {
  if (file !== ':memory:' && !existsSync(file))
    throw new UsageError(`no database at ${file}: run \`govscan crawl\` or \`govscan demo\` first, or pass --db`);
  return openDb(file);
}

/** Rethrow the scoring module's input errors as usage errors (exit code 2). */
export function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NoRunError || e instanceof WeightsError) throw new UsageError(e.message);
    throw e;
  }
}

export function loadScored(opts: ScoringOptions): { db: Db; run: RunRow; weights: Weights; scores: RunScores } {
  const db = openExistingDb(opts.db);
  const run = asUsage(() => resolveRun(db, parseRunId(opts.run)));
  const weights = asUsage(() => weightsFor(opts.weights, opts.config ? configFrom({ config: opts.config }) : undefined));
  return { db, run, weights, scores: scoresFor(db, run.id, weights) };
}
