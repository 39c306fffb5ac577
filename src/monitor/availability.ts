/**
 * A site's availability over a window, from its recorded visits: what the `availability`
 * indicator judges and `monitor --status` shows. Visits are streamed; only the open times (for
 * the median and p95, one number per visit) and the newest failing visits are kept.
 */
import type { MonitorConfig } from '../config/monitor.js';
import type { Db } from '../store/db.js';
import { isMonitored, previousOpenVisit, visitsBetween } from '../store/monitor.js';
import type { AvailabilitySummary, FailingVisit, MonitorVisit, PublicationRhythm } from '../types.js';

const DAY_MS = 86_400_000;
const FAILING_KEPT = 20;
const UNEXPECTED_KEPT = 5;
/** Days and hours are read in China Standard Time (UTC+8, no daylight saving): the sites' own calendar. */
export const CST_OFFSET_MS = 8 * 3_600_000;
/** Distinct headlines remembered per window: a bound far above a homepage's week of news. */
const SEEN_CAP = 5000;

/**
 * Headlines new to the window, day by day: a headline counts as new the first time it is seen
 * (so a rotating carousel or a page restored after an outage adds nothing). The newest open visit
 * before the window is the baseline; without one, the window's first list is.
 */
class RhythmTracker {
  private readonly seen = new Set<string>();
  private readonly days = new Set<number>();
  private baselined = false;
  readonly out: PublicationRhythm = { headlineVisits: 0, newHeadlineDays: 0, newestHeadlineAt: null, unexpected: [] };

  constructor(baseline: MonitorVisit | undefined) {
    if (baseline?.headlines?.length) this.remember(baseline.headlines);
    this.baselined = !!baseline?.headlines?.length;
  }

  private remember(hs: string[]): boolean {
    let fresh = false;
    for (const h of hs)
      if (!this.seen.has(h)) {
        fresh = true;
        if (this.seen.size < SEEN_CAP) this.seen.add(h);
      }
    return fresh;
  }

  add(v: MonitorVisit): void {
    if (v.change?.startsWith('unexpected:')) {
      this.out.unexpected.unshift({ at: new Date(v.slotMs).toISOString(), change: v.change.slice(0, 200) });
      this.out.unexpected.length = Math.min(this.out.unexpected.length, UNEXPECTED_KEPT);
      return; // a placeholder or block page says nothing about publishing
    }
    if (v.outcome !== 'ok' || !v.headlines?.length) return;
    this.out.headlineVisits++;
    const fresh = this.remember(v.headlines);
    if (!this.baselined) {
      this.baselined = true;
      return;
    }
    if (!fresh) return;
    this.days.add(Math.floor((v.slotMs + CST_OFFSET_MS) / DAY_MS));
    this.out.newHeadlineDays = this.days.size;
    this.out.newestHeadlineAt = new Date(v.slotMs).toISOString();
  }
}

function quantile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null;
}

export function availabilitySummary(db: Db, code: string, toMs: number, rule: MonitorConfig): AvailabilitySummary {
  const fromMs = toMs - rule.windowDays * DAY_MS;
  const s: AvailabilitySummary = {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    visits: 0,
    failures: 0,
    blocked: 0,
    notRun: 0,
    failureShare: null,
    longestOutageMs: 0,
    medianOpenMs: null,
    p95OpenMs: null,
    unexpectedChanges: 0,
    vantages: [],
    failAfterSecs: rule.failAfterSecs,
    minVisits: rule.minVisits,
    vetoFailureShare: rule.vetoFailureShare,
    failing: [],
  };
  const openMs: number[] = [];
  const vantages = new Set<string>();
  let outageStart: number | undefined;
  const rhythm = new RhythmTracker(previousOpenVisit(db, code, fromMs));
  for (const v of visitsBetween(db, code, fromMs, toMs)) {
    rhythm.add(v);
    if (v.outcome === 'not_run') s.notRun++;
    else vantages.add(v.vantage);
    if (v.outcome === 'blocked') s.blocked++;
    if (v.change?.startsWith('unexpected:')) s.unexpectedChanges++;
    if (v.outcome === 'ok') {
      s.visits++;
      if (v.timings.totalMs !== undefined) openMs.push(v.timings.totalMs);
      if (outageStart !== undefined) s.longestOutageMs = Math.max(s.longestOutageMs, v.slotMs - outageStart);
      outageStart = undefined;
    } else if (v.outcome === 'failed') {
      s.visits++;
      s.failures++;
      outageStart ??= v.slotMs;
      const f: FailingVisit = { at: new Date(v.slotMs).toISOString() };
      if (v.fetchStatus) f.fetchStatus = v.fetchStatus;
      if (v.httpStatus !== undefined) f.httpStatus = v.httpStatus;
      if (v.timings.totalMs !== undefined) f.totalMs = Math.round(v.timings.totalMs);
      if (v.error) f.error = v.error.slice(0, 200);
      s.failing.push(f);
      if (s.failing.length > FAILING_KEPT) s.failing.shift();
    }
  }
  if (outageStart !== undefined) s.longestOutageMs = Math.max(s.longestOutageMs, toMs - outageStart);
  openMs.sort((a, b) => a - b);
  s.medianOpenMs = quantile(openMs, 0.5);
  s.p95OpenMs = quantile(openMs, 0.95);
  s.failureShare = s.visits ? s.failures / s.visits : null;
  s.vantages = [...vantages].sort();
  s.failing.reverse(); // newest first
  s.publication = rhythm.out;
  return s;
}

/** The 2019 veto over a summary: true (fails), false (passes), null (too few visits to say). */
export function availabilityVeto(s: AvailabilitySummary): boolean | null {
  if (s.visits < s.minVisits || s.failureShare === null) return null;
  return s.failureShare >= s.vetoFailureShare;
}

/**
 * The window before the site's homepage fetch, for a site the monitor watches (else undefined: the
 * indicator then says it was not judged). Data flows one way: monitor → SQLite → crawl → indicator.
 */
export function windowForCrawl(
  db: Db,
  code: string,
  asOfMs: number,
  rule: MonitorConfig,
): AvailabilitySummary | undefined {
  return isMonitored(db, code) ? availabilitySummary(db, code, asOfMs, rule) : undefined;
}
