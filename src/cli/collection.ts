/**
 * Running a collection from the command line: lock, signals, progress, log file, and the
 * collect pipeline. Shared by `crawl`, `check`, `demo` and `eval`.
 */
import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { type CollectOutcome, collect, type SiteDone } from '../pipeline/collect.js';
import { queueCrawlerFactory } from '../queue/coordinator.js';
import { type Db, getRun, openDb, type RunRow, setRunState, unfinishedRun } from '../store/db.js';
import type { Locality, RunKind } from '../types.js';
import { acquireLock } from '../util/lock.js';
import { fileLogger } from '../util/log.js';
import { interruptScope } from '../util/signals.js';
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
  /** Queue mode: sites go to workers through this Redis (src/queue/coordinator.ts); stored here as usual. */
  queue?: { url: string; attempts: number };
}

export interface CollectionResult extends CollectOutcome {
  db: Db;
  exitCode: number;
}

export async function runCollection(a: CollectionArgs): Promise<CollectionResult> {
  const release = acquireLock(`${a.dbFile}.lock`); // LockHeldError → exit 3 (see common.ts)
  const db = openDb(a.dbFile);
  /** The run being collected, once collect() has created or resumed it (read off its log events). */
  let runId: number | undefined;
  const interrupt = interruptScope({
    stopping: a.queue
      ? 'sites in flight stay queued for the workers; --resume stores them'
      : `sites in flight are not stored and are redone by --resume`,
    onForce: () => {
      if (runId !== undefined) setRunState(db, runId, 'interrupted');
      release();
      return `${runId !== undefined ? `run ${runId} marked interrupted in ${a.dbFile}, ` : ''}lock ${a.dbFile}.lock released`;
    },
  });
  // Every site in flight listens for the abort: as many listeners as concurrent sites is expected.
  setMaxListeners(0, interrupt.signal);

  try {
    let resume: RunRow | undefined;
    if (a.resume !== undefined && a.resume !== false) {
      resume = typeof a.resume === 'number' ? getRun(db, a.resume) : unfinishedRun(db, a.kind);
      if (!resume && a.resume !== 'auto')
        throw new UsageError(
          typeof a.resume === 'number'
            ? `no run ${a.resume} in ${a.dbFile}`
            : `no unfinished ${a.kind} run to resume in ${a.dbFile}`,
        );
      if (resume?.state === 'done') throw new UsageError(`run ${resume.id} is already finished`);
    }
    const total = resume ? (JSON.parse(resume.site_codes) as string[]).length : a.sites.length;
    const bar = progress(resume ? `resuming run ${resume.id}` : 'collecting', total, a.showProgress !== false);
    const logFile = a.logFile ?? join(OUTPUT_DIR, 'logs', `${a.kind}-${new Date().toISOString().slice(0, 10)}.log`);
    const log = fileLogger(logFile);
    const outcome = await collect({
      db,
      kind: a.kind,
      config: a.config,
      sites: a.sites,
      resume,
      options: a.options,
      signal: interrupt.signal,
      log: (event, data) => {
        if ((event === 'run-started' || event === 'run-resumed') && typeof data?.runId === 'number') runId = data.runId;
        log(event, data);
      },
      onSiteDone: (s) => {
        bar.update(s.done, `${s.locality.name} ${s.status}`);
        a.onSiteDone?.(s);
      },
      ...(a.queue
        ? {
            crawlerFactory: queueCrawlerFactory({
              redisUrl: a.queue.url,
              dbFile: a.dbFile,
              attempts: a.queue.attempts,
            }),
            sitesInFlight: total, // every site is a job at once: the workers' concurrency sets the pace
          }
        : {}),
    });
    bar.stop();
    return { ...outcome, db, exitCode: outcome.interrupted ? EXIT.interrupted : EXIT.ok };
  } finally {
    interrupt.dispose();
    release();
  }
}
