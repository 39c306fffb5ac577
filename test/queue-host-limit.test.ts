/**
 * The per-host limit shared by workers, on a real redis-server: two limiters (two workers, each
 * with its own Redis connection) asking for the same host at once never hold it together and
 * always leave the configured pause between one request's end and the next one's start; other
 * hosts are not held up.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/config.js';
import { RedisHostLimit } from '../src/queue/host-limit.js';
import { type LocalRedis, startLocalRedis } from '../src/queue/redis-server.js';

let redis: LocalRedis;
const clients: Redis[] = [];
beforeAll(async () => {
  redis = await startLocalRedis();
}, 30_000);
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await redis?.stop();
});

const DELAY_MS = 40;

function worker(): RedisHostLimit {
  const c = new Redis(redis.url);
  clients.push(c);
  return new RedisHostLimit(c, parseConfig({ crawl: { perHostConcurrency: 1, perHostDelayMs: DELAY_MS } }));
}

describe('RedisHostLimit', () => {
  it('holds one request at a time per host, with the pause, across two workers', async () => {
    const a = worker();
    const b = worker();
    const spans: { start: number; end: number }[] = [];
    const request = async (limit: RedisHostLimit) => {
      const release = await limit.acquire('www.sczwfw.gov.cn');
      const start = performance.now();
      await new Promise((r) => setTimeout(r, 10));
      const end = performance.now();
      spans.push({ start, end });
      release();
    };
    await Promise.all(Array.from({ length: 8 }, (_, i) => request(i % 2 ? a : b)));
    spans.sort((x, y) => x.start - y.start);
    expect(spans).toHaveLength(8);
    for (let i = 1; i < spans.length; i++)
      // ms precision in Redis and timer rounding: a millisecond of slack.
      expect(spans[i]!.start - spans[i - 1]!.end, `gap before request ${i}`).toBeGreaterThanOrEqual(DELAY_MS - 1);
  });

  it('does not hold up another host', async () => {
    const a = worker();
    const b = worker();
    const release = await a.acquire('data.sc.gov.cn');
    // Granted while the other host is still held (were it queued behind it, it would never come).
    const other = await Promise.race([
      b.acquire('www.chengdu.gov.cn'),
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 5000)),
    ]);
    expect(other).toBeTypeOf('function');
    other?.();
    release();
  });
});
