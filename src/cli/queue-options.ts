// Flags shared by `crawl --queue` and `worker`.
import { UsageError } from './common.js';

/** `local` (crawl only: start a Redis here) or a redis:// / rediss:// URL. */
export function redisUrl(v: string): string {
  if (v === 'local') return v;
  if (!/^rediss?:\/\/[^\s]+$/.test(v)) throw new UsageError(`--queue takes a redis:// URL or "local" (got "${v}")`);
  return v;
}

export function positiveNumber(flag: string, v: string, whole = false): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (whole && !Number.isInteger(n)))
    throw new UsageError(`${flag} must be a positive ${whole ? 'whole ' : ''}number (got "${v}")`);
  return n;
}
