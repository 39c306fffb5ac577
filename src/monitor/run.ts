/**
 * The monitor loop: every site's homepage visited once per period at its own slot (schedule.ts),
 * at most `monitor.concurrency` visits in flight, each recorded under (site, slot) when it ends.
 * Restart-safe: on start, slots owed since the site's last record that can no longer be visited
 * in their period are written `not_run` (a gap, not a failure), the current period's are visited
 * late, and a slot already recorded is never written again. A stop (AbortSignal) records nothing
 * for visits it cut short, so the next start redoes or marks them.
 */
import type { Config } from '../config/config.js';
import { type Db, upsertSites } from '../store/db.js';
import {
  monitorProgress,
  previousOpenVisit,
  recordNotRun,
  recordVisit,
  registerMonitoredSites,
} from '../store/monitor.js';
import type { Locality } from '../types.js';
import type { Logger } from '../util/log.js';
import { type Clock, systemClock } from './clock.js';
import type { Prober } from './probe.js';
import { periodMs, slotAtOrAfter, slotsBetween } from './schedule.js';
import { SlotQueue } from './slot-queue.js';
import { visitRecord } from './visit.js';

export interface MonitorRequest {
  db: Db;
  sites: readonly Locality[];
  config: Config;
  prober: Pick<Prober, 'probe'>;
  clock?: Clock;
  signal?: AbortSignal;
  /** Stop before the first slot at or after this time (a timer-driven run, tests, the bench); default: until stopped. */
  untilMs?: number;
  log?: Logger;
}

export interface MonitorOutcome {
  visits: number;
  failures: number;
  /** Slots written as not_run: missed while the monitor was not running (or overran). */
  notRun: number;
  /** Visits whose slot was already recorded (a probe made twice): 0 unless something is wrong. */
  alreadyRecorded: number;
  stopped: boolean;
}

export async function runMonitor(req: MonitorRequest): Promise<MonitorOutcome> {
  const { db, sites, config, signal, log = () => {} } = req;
  const clock = req.clock ?? systemClock;
  const period = periodMs(config.monitor.visitsPerDay);
  const failAfterMs = config.monitor.failAfterSecs * 1000;
  const vantage = config.network.vantage;
  const out: MonitorOutcome = { visits: 0, failures: 0, notRun: 0, alreadyRecorded: 0, stopped: false };

  upsertSites(db, [...sites]);
  const start = clock.now();
  registerMonitoredSites(
    db,
    sites.map((s) => s.code),
    start,
  );
  const queue = new SlotQueue();
  sites.forEach((site, i) => {
    const p = monitorProgress(db, site.code);
    const owedFrom = Math.max(p?.sinceMs ?? start, (p?.lastSlotMs ?? -1) + 1);
    // Slots whose whole period has passed (slot + period ≤ now, as the loop below judges) cannot be
    // visited any more: a gap, recorded as such.
    const lateFrom = start - period + 1;
    out.notRun += recordNotRun(db, site.code, slotsBetween(site.code, period, owedFrom, lateFrom), vantage);
    queue.push({ at: slotAtOrAfter(site.code, period, Math.max(owedFrom, lateFrom)), site: i });
  });
  if (out.notRun) log('monitor-gap', { notRun: out.notRun });

  const inFlight = new Set<Promise<void>>();
  // A site's visits are recorded in slot order: its next visit waits for the one in flight, so a
  // kill can never leave a later slot recorded and an earlier one lost (a restart resumes after
  // the newest record). Only a visit outlasting its period (or a simulated clock) ever waits.
  const busy = new Map<number, Promise<void>>();
  const visit = async (site: Locality, slotMs: number): Promise<void> => {
    const startedAt = clock.now();
    const answer = await req.prober.probe(site, signal);
    if (signal?.aborted) return; // cut short: the next start visits or marks this slot
    const previous = previousOpenVisit(db, site.code, slotMs);
    const v = visitRecord(site.code, slotMs, startedAt, answer, { failAfterMs, vantage, previous });
    if (!recordVisit(db, v)) {
      out.alreadyRecorded++;
      return;
    }
    out.visits++;
    if (v.outcome === 'failed') out.failures++;
    if (v.change?.startsWith('unexpected:')) log('monitor-unexpected-change', { code: site.code, change: v.change });
  };

  for (;;) {
    const next = queue.peek();
    if (!next || signal?.aborted || (req.untilMs !== undefined && next.at >= req.untilMs)) break;
    const wait = next.at - clock.now();
    if (wait > 0 && !(await clock.sleep(wait, signal))) break;
    queue.pop();
    queue.push({ at: next.at + period, site: next.site });
    const site = sites[next.site]!;
    if (clock.now() - next.at >= period) {
      // The loop fell a whole period behind (machine stalled): that slot is a gap.
      out.notRun += recordNotRun(db, site.code, [next.at], vantage);
      continue;
    }
    await busy.get(next.site);
    while (inFlight.size >= config.monitor.concurrency) await Promise.race(inFlight);
    if (signal?.aborted) break;
    const p: Promise<void> = visit(site, next.at)
      .catch((e) => log('monitor-visit-error', { code: site.code, error: String(e) }))
      .finally(() => {
        inFlight.delete(p);
        if (busy.get(next.site) === p) busy.delete(next.site);
      });
    inFlight.add(p);
    busy.set(next.site, p);
  }
  await Promise.allSettled([...inFlight]);
  out.stopped = !!signal?.aborted;
  log('monitor-stopped', { ...out });
  return out;
}
