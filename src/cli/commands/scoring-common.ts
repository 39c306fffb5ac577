/**
 * Options and lookups shared by score / export / report: open the database, pick the run,
 * load the weights, and turn "no such run" / "bad weights file" into bad-input errors.
 */

import { filterLocalities } from '../../registry/registry.js';
import {
  NoRunError,
  type RunScores,
  resolveRun,
  type SiteScore,
  scoresFor,
  scoresToRead,
  type Weights,
  WeightsError,
  weightsFor,
} from '../../scoring/index.js';
import { type Db, openDb, type RunRow } from '../../store/db.js';
import { guardDb } from '../../store/errors.js';
import { configFrom, DEFAULT_DB, UsageError } from '../common.js';
import { checkedLevel, selectLevel } from '../level.js';

export interface ScoringOptions {
  db?: string;
  config?: string;
  run?: string;
  weights?: string;
  /** --level / --prefecture: which of the run's sites are shown (default prefecture-level and ad-hoc ones). */
  level?: string;
  prefecture?: string;
}

export const READ_ONLY_HELP =
  "\nRead-only: the database is not written. Scores are computed now from the run's results (with an audit's\n" +
  'verdicts where `govscan audit` verified a site); when the database holds none for these weights, or outdated\n' +
  'ones, a note on stderr says so. `govscan score` stores them.';

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
    if (e instanceof NoRunError)
      throw new UsageError(
        dbFile ? `${e.message} (${dbFile}); list runs with: govscan runs --db ${dbFile}` : e.message,
      );
    if (e instanceof WeightsError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * Open the database, pick the run and weights, and score it. `store`: write the scores (only
 * `govscan score` does); otherwise they are computed in memory and a note on stderr says when the
 * database holds none (or outdated ones) for these weights: read commands never write.
 */
export function loadScored(
  opts: ScoringOptions,
  how: { store: boolean },
): { db: Db; run: RunRow; weights: Weights; scores: RunScores } {
  const file = opts.db ?? DEFAULT_DB;
  checkedLevel({ level: opts.level ?? 'prefecture', prefecture: opts.prefecture }); // bad input before anything is written
  const db = openExistingDb(file);
  try {
    const run = asUsage(() => guardDb(file, 'finding the run', true, () => resolveRun(db, parseRunId(opts.run))), file);
    const weights = asUsage(() =>
      weightsFor(opts.weights, opts.config ? configFrom({ config: opts.config }) : undefined),
    );
    // Storing writes: a read-only or full database fails here, before any output.
    const scores = how.store
      ? guardDb(file, `scoring run ${run.id}`, true, () => scoresFor(db, run.id, weights))
      : guardDb(file, `scoring run ${run.id}`, true, () => readScores(db, run.id, weights));
    if (!scores.sites.length)
      process.stderr.write(
        `warning: run ${run.id} in ${file} has no finished sites: there is nothing to score, the output is empty\n`,
      );
    // Ranks were given within each level over the whole run; the level only chooses what is shown.
    const shown = selectLevel(scores.sites, { level: opts.level ?? 'prefecture', prefecture: opts.prefecture });
    if (scores.sites.length && !shown.length)
      process.stderr.write(
        `warning: none of the ${scores.sites.length} sites of run ${run.id} is of --level ${opts.level ?? 'prefecture'}` +
          `${opts.prefecture ? ` under --prefecture ${opts.prefecture}` : ''}: the output is empty (a county run? pass --level county)\n`,
      );
    return { db, run, weights, scores: { ...scores, sites: shown } };
  } catch (e) {
    db.close();
    throw e;
  }
}

function readScores(db: Db, runId: number, weights: Weights): RunScores {
  const { scores, stored } = scoresToRead(db, runId, weights);
  const w = `weights "${weights.name}" ${scores.configHash.slice(0, 12)}`;
  if (stored === 'missing')
    process.stderr.write(
      `note: run ${runId} has no stored scores with ${w}: scored in memory, not stored; ` +
        `\`govscan score --run ${runId}\` stores them\n`,
    );
  if (stored === 'stale')
    process.stderr.write(
      `note: the stored scores of run ${runId} with ${w} no longer match its results (audited or replayed since?): ` +
        `using scores computed now, not stored; \`govscan score --run ${runId}\` updates them\n`,
    );
  return scores;
}

/** The sites of one province (substring) among those scored, saying so when none is; ranks stay the level's. */
export function shownIn<T extends SiteScore>(sites: T[], province: string | undefined): T[] {
  if (!province) return sites;
  const shown = filterLocalities(sites, { province });
  if (sites.length && !shown.length)
    process.stderr.write(
      `warning: no site shown is in a province matching --province ${province}: the output is empty\n`,
    );
  return shown;
}
