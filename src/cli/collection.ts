/**
 * Running a collection from the command line: lock, signals, progress, log file, and the
 * collect pipeline. Shared by `crawl`, `check`, `demo` and `eval`.
 */
import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { collect, type CollectOutcome, type SiteDone } from '../pipeline/collect.js';
import { getRun, openDb, unfinishedRun, type Db } from '../store/db.js';
import type { Locality, RunKind } from '../types.js';
import { acquireLock } from '../util/lock.js';
import { fileLogger } from '../util/log.js';
import { EXIT, OUTPUT_DIR, UsageError } from './common.js';
import { progress } from './progress.js';

export interface CollectionArgs {
  dbFile: string;
  kind: Extract<RunKind, 'crawl' | 'check'>;
  config: Config;
  sites: Locality[];
  /** true: newest unfinished run of this kind; a number: that run; 'auto': the unfinished one if any, else a new run. */
  resume?: boolean | number | 'auto';
  options?: Record<string, unknown>;
  logFile?: string;
  showProgress?: boolean;
  onSiteDone?: (s: SiteDone) => void;
}

export interface CollectionResult extends CollectOutcome {
  db: Db;
  exitCode: number;
}

export async function runCollection(a: CollectionArgs): Promise<CollectionResult> {
  const release = acquireLock(`${a.dbFile}.lock`); // LockHeldError → exit 3 (see common.ts)
  const db = openDb(a.dbFile);
  const controller = new AbortController();
  // Every site in flight listens for the abort: as many listeners as concurrent sites is expected.
  setMaxListeners(0, controller.signal);
  const onSignal = (sig: string) => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted); // second Ctrl-C: leave now
    process.stderr.write(`\n${sig}: stopping after the sites in flight; resume with --resume\n`);
    controller.abort();
  };
  const sigint = () => onSignal('SIGINT');
  const sigterm = () => onSignal('SIGTERM');
  process.on('SIGINT', sigint);
  process.on('SIGTERM', sigterm);

  try {
    let resume;
    if (a.resume !== undefined && a.resume !== false) {
      resume = typeof a.resume === 'number' ? getRun(db, a.resume) : unfinishedRun(db, a.kind);
      if (!resume && a.resume !== 'auto')
        throw new UsageError(typeof a.resume === 'number' ? `no run ${a.resume} in ${a.dbFile}` : `no unfinished ${a.kind} run to resume in ${a.dbFile}`);
      if (resume?.state === 'done') throw new UsageError(`run ${resume.id} is already finished`);
    }
    const total = resume ? (JSON.parse(resume.site_codes) as string[]).length : a.sites.length;
    const bar = progress(resume ? `resuming run ${resume.id}` : 'collecting', total, a.showProgress !== false);
    const logFile = a.logFile ?? join(OUTPUT_DIR, 'logs', `${a.kind}-${new Date().toISOString().slice(0, 10)}.log`);
    const outcome = await collect({
      db,
      kind: a.kind,
      config: a.config,
      sites: a.sites,
      resume,
      options: a.options,
      signal: controller.signal,
      log: fileLogger(logFile),
      onSiteDone: (s) => {
        bar.update(s.done, `${s.locality.name} ${s.status}`);
        a.onSiteDone?.(s);
      },
    });
    bar.stop();
    return { ...outcome, db, exitCode: outcome.interrupted ? EXIT.interrupted : EXIT.ok };
  } finally {
    process.off('SIGINT', sigint);
    process.off('SIGTERM', sigterm);
    release();
  }
}
