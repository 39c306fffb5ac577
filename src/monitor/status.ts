/** `govscan monitor --status`: per monitored site, its newest visit and the window up to now. */
import type { MonitorConfig } from '../config/monitor.js';
import type { Db } from '../store/db.js';
import { monitoredSites } from '../store/monitor.js';
import { availabilitySummary, availabilityVeto } from './availability.js';

export interface SiteMonitorStatus {
  code: string;
  name: string;
  since: string;
  lastVisit: { at: string; outcome: string; fetchStatus?: string; httpStatus?: number; totalMs?: number } | null;
  visits: number;
  failures: number;
  failureShare: number | null;
  longestOutageMs: number;
  medianOpenMs: number | null;
  p95OpenMs: number | null;
  notRun: number;
  unexpectedChanges: number;
  /** The newest unexpected change in the window (placeholder, block page): for a person to look at. */
  lastUnexpected: { at: string; change: string } | null;
  /** Days of the window with headlines not seen before (the homepage's publication rhythm). */
  newHeadlineDays: number | null;
  /** The 2019 veto over the window: true fails, false passes, null too few visits to say. */
  veto: boolean | null;
}

/** Streamed site by site: thousands of sites never sit in memory at once. */
export function* monitorStatus(db: Db, nowMs: number, rule: MonitorConfig): Generator<SiteMonitorStatus> {
  for (const site of monitoredSites(db)) {
    const s = availabilitySummary(db, site.code, nowMs, rule);
    const v = site.last;
    yield {
      code: site.code,
      name: site.name,
      since: new Date(site.sinceMs).toISOString(),
      lastVisit: v
        ? {
            at: v.startedAt ?? new Date(v.slotMs).toISOString(),
            outcome: v.outcome,
            ...(v.fetchStatus ? { fetchStatus: v.fetchStatus } : {}),
            ...(v.httpStatus !== undefined ? { httpStatus: v.httpStatus } : {}),
            ...(v.timings.totalMs !== undefined ? { totalMs: Math.round(v.timings.totalMs) } : {}),
          }
        : null,
      visits: s.visits,
      failures: s.failures,
      failureShare: s.failureShare,
      longestOutageMs: s.longestOutageMs,
      medianOpenMs: s.medianOpenMs,
      p95OpenMs: s.p95OpenMs,
      notRun: s.notRun,
      unexpectedChanges: s.unexpectedChanges,
      lastUnexpected: s.publication?.unexpected[0] ?? null,
      newHeadlineDays: s.publication?.headlineVisits ? s.publication.newHeadlineDays : null,
      veto: availabilityVeto(s),
    };
  }
}
