/**
 * The report's availability section: per site the monitor window its crawl judged (stored with
 * the run), ranked by failure share, and an hourly calendar of the window read from the monitor's
 * visits. The calendar is one short string per site (a character per hour), so the section adds a
 * few hundred bytes per site whatever the number of visits.
 */
import { availabilityVeto } from '../../indicators/health/availability.js';
import { CST_OFFSET_MS } from '../monitor/availability.js';
import type { Db } from '../store/db.js';
import { storedWindows, visitOutcomesBetween } from '../store/monitor.js';
import type { AvailabilitySummary, VisitOutcome } from '../types.js';
import type { ReportAvailability, ReportAvailabilitySite, ReportSite } from './data-types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * One character per hour: `f` a visit failed, `u` the homepage was replaced (placeholder, block
 * page), `b` refused to our vantage, `n` not run (the monitor was down), `o` all visits opened,
 * `-` nothing owed (outside the window, or before monitoring began). The worst outcome of the hour wins.
 */
export const HOUR_CODES = { failed: 'f', unexpected: 'u', blocked: 'b', not_run: 'n', ok: 'o', none: '-' } as const;
const RANK = 'onbuf'; // later is worse

function hourCode(outcome: VisitOutcome, unexpected: boolean): string {
  if (outcome === 'failed') return HOUR_CODES.failed;
  if (unexpected) return HOUR_CODES.unexpected;
  return HOUR_CODES[outcome];
}

/** Days × 24 hours (UTC+8) covering the window; the first cell is 00:00 of `firstDay`. */
function calendar(db: Db, code: string, w: AvailabilitySummary): { firstDay: string; hours: string } {
  const fromMs = Date.parse(w.from);
  const toMs = Date.parse(w.to);
  const dayStart = Math.floor((fromMs + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
  const days = Math.ceil((toMs - dayStart) / DAY_MS);
  const cells = Array<string>(days * 24).fill(HOUR_CODES.none);
  for (const v of visitOutcomesBetween(db, code, fromMs, toMs)) {
    const i = Math.floor((v.slotMs - dayStart) / HOUR_MS);
    const c = hourCode(v.outcome, v.unexpected);
    if (RANK.indexOf(c) > RANK.indexOf(cells[i]!)) cells[i] = c;
  }
  return { firstDay: new Date(dayStart + CST_OFFSET_MS).toISOString().slice(0, 10), hours: cells.join('') };
}

const cap = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The monitor windows this run's crawl judged, by site code. */
export const availabilityWindows = (db: Db, runId: number): Map<string, AvailabilitySummary> =>
  storedWindows(db, runId);

/** One site's entry in the section (null: not monitored). */
export function availabilitySite(
  db: Db,
  windows: Map<string, AvailabilitySummary>,
  s: ReportSite,
): ReportAvailabilitySite | null {
  const w = windows.get(s.code);
  if (!w) return null;
  const p = w.publication;
  return {
    code: s.code,
    name: s.name,
    province: s.province,
    visits: w.visits,
    failures: w.failures,
    share: w.failureShare === null ? null : Math.round(w.failureShare * 10_000) / 10_000,
    longestOutageMs: w.longestOutageMs,
    medianOpenMs: w.medianOpenMs === null ? null : Math.round(w.medianOpenMs),
    p95OpenMs: w.p95OpenMs === null ? null : Math.round(w.p95OpenMs),
    notRun: w.notRun,
    blocked: w.blocked,
    veto: availabilityVeto(s.indicators.find((i) => i.id === 'availability')?.status),
    from: w.from,
    to: w.to,
    newHeadlineDays: p?.headlineVisits ? p.newHeadlineDays : null,
    unexpectedChanges: w.unexpectedChanges,
    unexpected: (p?.unexpected ?? []).map((u) => ({ at: u.at, change: cap(u.change, 160) })),
    ...calendar(db, s.code, w),
  };
}

/** The section from the entries of the sites shown (`shown`: how many sites the report shows). */
export function availabilityFrom(
  db: Db,
  windows: Map<string, AvailabilitySummary>,
  entries: ReportAvailabilitySite[],
  shown: number,
): ReportAvailability {
  // Ranked by failure share, worst first; sites too short of visits to judge go last.
  const out = [...entries].sort(
    (a, b) => (b.share ?? -1) - (a.share ?? -1) || b.failures - a.failures || a.code.localeCompare(b.code),
  );
  const any = [...windows.values()][0];
  return {
    sites: out,
    notMonitored: shown - out.length,
    rule: any
      ? { failAfterSecs: any.failAfterSecs, minVisits: any.minVisits, vetoFailureShare: any.vetoFailureShare }
      : null,
    command: `govscan monitor --db ${db.name && db.name !== ':memory:' ? db.name : 'output/govscan.db'}`,
  };
}

export function availabilitySection(db: Db, runId: number, sites: ReportSite[]): ReportAvailability {
  const windows = availabilityWindows(db, runId);
  const entries = sites.flatMap((s) => availabilitySite(db, windows, s) ?? []);
  return availabilityFrom(db, windows, entries, sites.length);
}
