/**
 * Per-host politeness across all workers: the same rule as the in-process HostGate (at most
 * `perHostConcurrency` requests in flight to a host, `perHostDelayMs` from the end of one to the
 * start of the next), held in Redis so that workers on several machines crawling cities of one
 * province share the provincial 政务服务网 and 数据开放 hosts politely. BullMQ's open-source
 * version has no per-group rate limit, so this is rate-limiter-flexible's Redis limiter on the same
 * server, keyed by host.
 *
 * rate-limiter-flexible counts points in windows of whole seconds; politeness needs a slot that is
 * given back when the request ends and a pause in milliseconds. Its `customIncrTtlLuaScript` option
 * makes the key a leased semaphore: a consume takes a slot only when one is free and the host's
 * pause is over (a refusal takes nothing and says how long to wait), a reward gives the slot back
 * and starts the pause. A slot held by a worker that was killed mid-request frees itself when its
 * lease (longer than any request may take) runs out.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Release, SharedHostLimit } from '../../crawlers/http/host-gate.js';
import { type Config, PATIENT_FACTOR } from '../config/config.js';
import { HOST_LIMIT_PREFIX } from './names.js';

/** How often a worker asks again for a host whose slots are all taken (no pause pending). */
const POLL_MS = 15;
/** Beyond the longest a request may hold its slot, before a dead worker's slot is taken back. */
const LEASE_MARGIN_SECS = 5;

/** The longest one request may hold its host slot under `config` (client.ts: patient first byte + load). */
export function slotLeaseSecs(config: Config): number {
  const { firstByteTimeoutSecs, loadTimeoutSecs } = config.crawl;
  return Math.ceil(loadTimeoutSecs + (PATIENT_FACTOR - 1) * firstByteTimeoutSecs) + LEASE_MARGIN_SECS;
}

/** KEYS[1] the host's slot count; ARGV: points (+n take, -n give back), lease secs, max slots, duration. */
function leasedSlotScript(delayMs: number, pauseFromStart: boolean): string {
  return `
local key = KEYS[1]
local pause = key .. ':pause'
local n = tonumber(ARGV[1])
local leaseMs = tonumber(ARGV[2]) * 1000
local max = tonumber(ARGV[3])
local held = tonumber(redis.call('get', key) or '0')
if n > 0 then
  local wait = redis.call('pttl', pause)
  if held + n > max or wait > 0 then
    if wait <= 0 then wait = ${POLL_MS} end
    return {max + 1, wait}
  end
  held = held + n
  redis.call('set', key, held, 'PX', leaseMs)
  ${pauseFromStart && delayMs > 0 ? `redis.call('set', pause, 1, 'PX', ${delayMs})` : ''}
  return {held, leaseMs}
end
held = math.max(0, held + n)
if held == 0 then redis.call('del', key) else redis.call('set', key, held, 'PX', leaseMs) end
${delayMs > 0 ? `redis.call('set', pause, 1, 'PX', ${delayMs})` : ''}
return {held, leaseMs}
`;
}

export class RedisHostLimit implements SharedHostLimit {
  private readonly limiter: RateLimiterRedis;

  constructor(redis: Redis, config: Config) {
    const { perHostConcurrency, perHostDelayMs } = config.crawl;
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      // Limits differ by config: runs with other politeness settings do not share counters.
      keyPrefix: `${HOST_LIMIT_PREFIX}:${perHostConcurrency}:${perHostDelayMs}`,
      points: perHostConcurrency,
      duration: slotLeaseSecs(config),
      // As HostGate: with one slot the pause runs from the end of a request; with more, from each start too.
      customIncrTtlLuaScript: leasedSlotScript(perHostDelayMs, perHostConcurrency > 1),
    });
  }

  async acquire(host: string, signal?: AbortSignal): Promise<Release> {
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      try {
        await this.limiter.consume(host, 1);
        break;
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e; // Redis itself failed
        await sleep(Math.max(1, e.msBeforeNext), undefined, { signal }).catch(() => undefined);
      }
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Fire and forget: the request is over; should Redis fail here, the lease frees the slot.
      this.limiter.reward(host, 1).catch(() => undefined);
    };
  }
}
