/**
 * The coordinator's side of the queue: a SiteCrawler for the collect pipeline whose `crawlSite`
 * enqueues the site as a BullMQ job and returns the artifacts a worker sent back. Everything after
 * that — availability window, detection, the one SQLite transaction per site, progress, resume —
 * is collect()'s own code, so a queued run stores exactly what a one-machine run stores.
 *
 * Detection runs here, not on workers: it reads the coordinator's database (the monitor's
 * availability window) and must be the coordinator's version of the indicators.
 */
import { resolve } from 'node:path';
import { type Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { type CrawlerOptions, type SiteCrawler, siteErrorArtifacts } from '../../crawlers/index.js';
import type { RunRow } from '../store/db.js';
import type { Locality, SiteArtifacts } from '../types.js';
import { decodeArtifacts } from './artifacts-codec.js';
import { artifactsKey, KEEP_SECS, runConfigKey, runKey, SITES_QUEUE, siteJobId } from './names.js';

export interface SiteJobData {
  /** The run's name in Redis (names.ts runKey): where workers find its config. */
  run: string;
  locality: Locality;
}

export interface SiteJobResult {
  artifactsKey: string;
  bytes: number;
  status: string;
  pages: number;
}

export interface QueueCoordinatorOptions {
  redisUrl: string;
  /** The run's database, so that two coordinators on one Redis never share job ids. */
  dbFile: string;
  /** Tries per site before it is stored with status `error` (crawler crash, worker lost twice…). */
  attempts: number;
}

/** Default tries per site job. */
export const DEFAULT_ATTEMPTS = 3;

/** The `crawlerFactory` collect() takes, backed by the queue. */
export function queueCrawlerFactory(q: QueueCoordinatorOptions) {
  return (opts: CrawlerOptions, run: RunRow) => createQueueCrawler(q, opts, run);
}

async function createQueueCrawler(q: QueueCoordinatorOptions, opts: CrawlerOptions, run: RunRow): Promise<SiteCrawler> {
  const key = runKey(resolve(q.dbFile), run.id, run.started_at);
  const redis = new Redis(q.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<SiteJobData, SiteJobResult>(SITES_QUEUE, { connection: redis });
  const events = new QueueEvents(SITES_QUEUE, { connection: { url: q.redisUrl } });
  // Every site of the run is a job in flight at once, each listening on these two.
  queue.setMaxListeners(0);
  events.setMaxListeners(0);
  const close = async () => {
    await Promise.allSettled([events.close(), queue.close()]);
    redis.disconnect();
  };
  try {
    await events.waitUntilReady();
    // Workers crawl with exactly this config (the run's, with this invocation's allow-list value).
    await redis.set(runConfigKey(key), JSON.stringify(opts.config), 'EX', KEEP_SECS);
  } catch (e) {
    await close();
    throw e;
  }
  const { signal } = opts;

  const artifactsOf = async (job: Job<SiteJobData, SiteJobResult>): Promise<SiteArtifacts | undefined> => {
    const k = artifactsKey(job.id!);
    const data = await redis.getBuffer(k);
    if (!data) return undefined;
    const artifacts = decodeArtifacts(data);
    await redis.del(k); // Redis memory: the artifacts now live in SQLite (or are redone on resume)
    return artifacts;
  };

  return {
    async crawlSite(locality: Locality): Promise<SiteArtifacts> {
      const startedAt = new Date().toISOString();
      const jobId = siteJobId(key, locality.code);
      // The same id again (a resumed coordinator) finds the earlier job instead of adding another.
      const job = await queue.add(
        'site',
        { run: key, locality },
        {
          jobId,
          attempts: q.attempts,
          backoff: { type: 'exponential', delay: 2000 },
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: KEEP_SECS },
        },
      );
      if ((await job.getState()) === 'failed') await job.retry('failed'); // a resume gives failed sites new tries
      for (;;) {
        const finished = await untilAborted(job.waitUntilFinished(events), signal);
        if (finished === ABORTED) return siteErrorArtifacts(locality, startedAt, 'coordinator stopped'); // not stored
        if (finished instanceof Error)
          return siteErrorArtifacts(
            locality,
            startedAt,
            `queue: site job failed after ${q.attempts} attempt(s): ${finished.message}`,
          );
        const artifacts = await artifactsOf(job);
        if (artifacts) return artifacts;
        // Finished earlier, but its artifacts were taken by a coordinator that died before storing
        // them (or their TTL ran out): crawl the site again.
        await job.retry('completed');
      }
    },
    close,
  };
}

const ABORTED = Symbol('aborted');

function untilAborted<T>(p: Promise<T>, signal?: AbortSignal): Promise<T | Error | typeof ABORTED> {
  const settled = p.catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  if (!signal) return settled;
  if (signal.aborted) return Promise.resolve(ABORTED);
  return Promise.race([
    settled,
    new Promise<typeof ABORTED>((r) => signal.addEventListener('abort', () => r(ABORTED), { once: true })),
  ]);
}
