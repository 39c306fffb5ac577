/**
 * Everything govscan keeps in Redis, by name, so operators can find it (README "More than one
 * machine"): BullMQ's queue `govscan-sites` (keys `bull:govscan-sites:*`, what bull-board or
 * Taskforce show), the run's config for workers, each finished site's artifacts until the
 * coordinator has taken them, and the per-host politeness counters shared by all workers.
 */
import { createHash } from 'node:crypto';

/** The BullMQ queue: one job per site of a run. */
export const SITES_QUEUE = 'govscan-sites';

/** A run's name in Redis: unique across coordinators sharing one server (run ids are per database). */
export function runKey(dbFile: string, runId: number, startedAt: string): string {
  return `run${runId}-${createHash('sha256').update(`${dbFile}\u0000${runId}\u0000${startedAt}`).digest('hex').slice(0, 10)}`;
}

/** One job per site and run: adding it again (a resumed coordinator) finds the existing job. */
export const siteJobId = (run: string, code: string): string => `${run}-${code}`;

/** The run's config (JSON), written by the coordinator, read by workers. */
export const runConfigKey = (run: string): string => `govscan:run:${run}:config`;

/** A finished site's gzip JSON artifacts, kept until the coordinator has read them (or the TTL ends). */
export const artifactsKey = (jobId: string): string => `govscan:artifacts:${jobId}`;

/** Per-host politeness counters (rate-limiter-flexible key prefix). */
export const HOST_LIMIT_PREFIX = 'govscan:host';

/** How long a run's config and unread artifacts stay in Redis: longer than any run. */
export const KEEP_SECS = 7 * 24 * 3600;
