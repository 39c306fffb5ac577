/**
 * The queue's bookkeeping with a real redis-server and an in-process worker whose crawler is
 * scripted: a site whose job keeps failing is tried `attempts` times and then stored with status
 * `error` (never dropped); artifacts survive the trip (Buffers included) and are taken out of Redis
 * once the coordinator has them; a stopped worker hands its sites in flight back without using a try.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteCrawler } from '../crawlers/index.js';
import { parseConfig } from '../src/config/config.js';
import { collect } from '../src/pipeline/collect.js';
import { queueCrawlerFactory } from '../src/queue/coordinator.js';
import { type LocalRedis, startLocalRedis } from '../src/queue/redis-server.js';
import { runWorker, type WorkerOptions } from '../src/queue/worker.js';
import { type Db, getBlob, openDb } from '../src/store/db.js';
import type { Locality } from '../src/types.js';
import { CHENGDU, sampleArtifacts } from './helpers/artifacts.js';

const BROKEN: Locality = { ...CHENGDU, code: '510300', name: '自贡市', portalUrl: 'https://www.zg.gov.cn/' };

let redis: LocalRedis;
beforeAll(async () => {
  redis = await startLocalRedis();
}, 30_000);
afterAll(async () => {
  await redis?.stop();
});

/** An in-process worker on the test's Redis; `stop` aborts it and resolves to what it returned. */
function startWorker(o: Omit<WorkerOptions, 'redisUrl' | 'signal'>) {
  const abort = new AbortController();
  const done = runWorker({ redisUrl: redis.url, signal: abort.signal, ...o });
  return {
    stop: () => {
      abort.abort();
      return done;
    },
  };
}

/** A crawl of `sites` whose sites go through the queue, stored in `db`. */
function crawlThroughQueue(
  db: Db,
  sites: Locality[],
  queue: { dbFile: string; attempts: number },
  sitesInFlight?: number,
) {
  return collect({
    db,
    kind: 'crawl',
    config: parseConfig({}),
    sites,
    crawlerFactory: queueCrawlerFactory({ redisUrl: redis.url, ...queue }),
    ...(sitesInFlight ? { sitesInFlight } : {}),
  });
}

describe('queue jobs', () => {
  it('retries a failing site a bounded number of times, then stores it with status error', async () => {
    const tries = new Map<string, number>();
    const crawler: SiteCrawler = {
      async crawlSite(loc) {
        tries.set(loc.code, (tries.get(loc.code) ?? 0) + 1);
        if (loc.code === BROKEN.code) throw new Error('renderer crashed');
        const a = sampleArtifacts(loc);
        a.pages[0]!.raw = Buffer.from([0xb3, 0xc9, 0xb6, 0xbc, 0x00, 0xff]); // GBK bytes and a NUL: must come back exact
        return a;
      },
      close: async () => undefined,
    };
    const worker = startWorker({
      concurrency: 2,
      leaseMs: 5000,
      stalledCheckMs: 1000,
      crawlerFactory: async () => crawler,
    });
    const db = openDb(':memory:');
    try {
      const out = await crawlThroughQueue(db, [CHENGDU, BROKEN], { dbFile: ':memory:', attempts: 2 }, 2);
      expect(out.statuses).toEqual({ ok: 1, error: 1 });
      expect(tries.get(BROKEN.code)).toBe(2);
      expect(tries.get(CHENGDU.code)).toBe(1);
      const rows = db.prepare('SELECT code, site_status, site_error FROM site_runs ORDER BY code').all() as {
        code: string;
        site_status: string;
        site_error: string | null;
      }[];
      expect(rows.map((r) => [r.code, r.site_status])).toEqual([
        [CHENGDU.code, 'ok'],
        [BROKEN.code, 'error'],
      ]);
      expect(rows[1]!.site_error).toMatch(/failed after 2 attempt\(s\): renderer crashed/);
      const page = db.prepare('SELECT body_hash FROM pages WHERE code = ? AND seq = 0').get(CHENGDU.code) as {
        body_hash: string;
      };
      expect(getBlob(db, page.body_hash)).toEqual(Buffer.from([0xb3, 0xc9, 0xb6, 0xbc, 0x00, 0xff]));
      // Nothing of the run's artifacts is left in Redis once stored.
      const { Redis } = await import('ioredis');
      const r = new Redis(redis.url);
      expect(await r.keys('govscan:artifacts:*')).toEqual([]);
      r.disconnect();
    } finally {
      await worker.stop();
      db.close();
    }
  }, 60_000);
  it('a stopped worker hands the site in flight back to the queue without using up a try', async () => {
    let taken!: () => void;
    const inFlight = new Promise<void>((r) => (taken = r));
    const workerA = startWorker({
      concurrency: 1,
      leaseMs: 30_000, // long: only the release can hand the site on in time
      stalledCheckMs: 30_000,
      // Crawls until its worker is stopped, then returns what it has (partial: must not be stored).
      crawlerFactory: async (opts) => ({
        crawlSite: (loc) =>
          new Promise((r) => {
            taken();
            opts.signal!.addEventListener('abort', () => r({ ...sampleArtifacts(loc), siteStatus: 'timeout' }));
          }),
        close: async () => undefined,
      }),
    });
    const db = openDb(':memory:');
    const collecting = crawlThroughQueue(db, [CHENGDU], { dbFile: 'release-test', attempts: 1 });
    await inFlight;
    expect(await workerA.stop()).toEqual({ sites: 0 });
    const workerB = startWorker({
      concurrency: 1,
      leaseMs: 30_000,
      stalledCheckMs: 30_000,
      crawlerFactory: async () => ({ crawlSite: async (loc) => sampleArtifacts(loc), close: async () => undefined }),
    });
    try {
      // One try only: had the release counted as a failure, the site would be stored as an error.
      const out = await collecting;
      expect(out.statuses).toEqual({ ok: 1 });
    } finally {
      await workerB.stop();
      db.close();
    }
  }, 60_000);
});
