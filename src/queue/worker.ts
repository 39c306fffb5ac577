/**
 * A worker: takes site jobs from the queue, crawls each site with its run's config (from Redis;
 * workers never read the coordinator's database), and leaves the artifacts in Redis as gzip JSON
 * under their own key with a TTL, returning only that key (job return values stay small).
 *
 * Leases: BullMQ locks a job for `leaseMs` and renews the lock while the worker lives; a worker
 * killed with kill -9 stops renewing, and the next stalled check (every `stalledCheckMs`, run by
 * any live worker) puts the site back in the queue for another worker. Stopping (SIGINT/SIGTERM)
 * releases the sites in flight at once (back to the queue, no try used up) instead of crawling on.
 */
import { type Job, WaitingError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { type CrawlerOptions, createSiteCrawler, type SiteCrawler } from '../../crawlers/index.js';
import { type Config, parseConfig } from '../config/config.js';
import type { SiteArtifacts } from '../types.js';
import type { Logger } from '../util/log.js';
import { encodeArtifacts } from './artifacts-codec.js';
import type { SiteJobData, SiteJobResult } from './coordinator.js';
import { RedisHostLimit } from './host-limit.js';
import { artifactsKey, KEEP_SECS, runConfigKey, SITES_QUEUE } from './names.js';

export interface WorkerOptions {
  redisUrl: string;
  /** Sites crawled at once by this worker. */
  concurrency: number;
  /** How long a job stays locked without renewal before it counts as stalled (the lease). */
  leaseMs: number;
  /** How often this worker looks for stalled jobs of dead workers. */
  stalledCheckMs: number;
  /** Stop: release the sites in flight and return. */
  signal: AbortSignal;
  log?: Logger;
  onSiteDone?: (s: { code: string; status: string; bytes: number }) => void;
  /** Tests and the benchmark count or slow down; production builds the Crawlee crawler. */
  crawlerFactory?: (opts: CrawlerOptions) => Promise<SiteCrawler>;
}

/** BullMQ's own defaults, kept: 30 s lease, stalled check every 30 s. */
export const DEFAULT_LEASE_MS = 30_000;
export const DEFAULT_STALLED_CHECK_MS = 30_000;
/** A site whose worker died this many times fails its job (then its remaining tries follow the attempts). */
const MAX_STALLS = 2;

export async function runWorker(o: WorkerOptions): Promise<{ sites: number }> {
  const log = o.log ?? (() => {});
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  /** One crawler per run (its config), built on the first job of that run. */
  const crawlers = new Map<string, Promise<SiteCrawler>>();
  /** Sites in flight per run: a long-lived worker closes the crawlers (and browsers) of runs it no longer serves. */
  const busy = new Map<string, number>();
  let sites = 0;

  const crawlerFor = (run: string): Promise<SiteCrawler> => {
    let c = crawlers.get(run);
    if (!c) {
      for (const [other, crawler] of crawlers)
        if (!busy.get(other)) {
          crawlers.delete(other);
          crawler.then((x) => x.close()).catch(() => undefined);
        }
      c = (async () => {
        const json = await redis.get(runConfigKey(run));
        if (!json)
          throw new Error(`no config for run ${run} in Redis (${runConfigKey(run)}): is its coordinator gone?`);
        const config: Config = parseConfig(JSON.parse(json), `run ${run}'s config from Redis`);
        return (o.crawlerFactory ?? createSiteCrawler)({
          config,
          signal: o.signal,
          sharedHostLimit: new RedisHostLimit(redis, config),
        });
      })();
      c.catch(() => crawlers.delete(run)); // a later job tries again
      crawlers.set(run, c);
    }
    return c;
  };

  const worker = new Worker<SiteJobData, SiteJobResult>(
    SITES_QUEUE,
    async (job: Job<SiteJobData, SiteJobResult>, token?: string) => {
      const { run, locality } = job.data;
      log('site-taken', { job: job.id, code: locality.code, attempt: job.attemptsMade + 1 });
      busy.set(run, (busy.get(run) ?? 0) + 1);
      let artifacts: SiteArtifacts;
      try {
        artifacts = await (await crawlerFor(run)).crawlSite(locality);
      } finally {
        busy.set(run, busy.get(run)! - 1);
      }
      if (o.signal.aborted) {
        // Stopping: the crawl was cut short. Hand the site back untouched for another worker.
        await job.moveToWait(token);
        log('site-released', { job: job.id, code: locality.code });
        throw new WaitingError();
      }
      const data = encodeArtifacts(artifacts);
      const key = artifactsKey(job.id!);
      await redis.set(key, data, 'EX', KEEP_SECS);
      log('site-crawled', { job: job.id, code: locality.code, status: artifacts.siteStatus, bytes: data.length });
      return { artifactsKey: key, bytes: data.length, status: artifacts.siteStatus, pages: artifacts.pages.length };
    },
    {
      connection: { url: o.redisUrl, maxRetriesPerRequest: null },
      concurrency: o.concurrency,
      lockDuration: o.leaseMs,
      stalledInterval: o.stalledCheckMs,
      maxStalledCount: MAX_STALLS,
    },
  );
  // Done only once the queue took the result: a worker that lost its lease (stalled) crawled in vain.
  worker.on('completed', (job, r) => {
    sites++;
    log('site-done', { job: job.id, code: job.data.locality.code, status: r.status, bytes: r.bytes });
    o.onSiteDone?.({ code: job.data.locality.code, status: r.status, bytes: r.bytes });
  });
  worker.on('failed', (job, err) => log('site-failed', { job: job?.id, error: err.message }));
  worker.on('error', (err) => log('worker-error', { error: err.message }));

  await worker.waitUntilReady();
  log('worker-ready', { queue: SITES_QUEUE, concurrency: o.concurrency, leaseMs: o.leaseMs });
  await new Promise<void>((r) => (o.signal.aborted ? r() : o.signal.addEventListener('abort', () => r())));
  await worker.close(); // waits for the processors, which release their sites (see above)
  await Promise.allSettled([...crawlers.values()].map(async (c) => (await c).close()));
  redis.disconnect();
  log('worker-stopped', { sites });
  return { sites };
}
