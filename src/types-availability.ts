/**
 * Availability monitoring's vocabulary (src/monitor/): one visit of a homepage at a scheduled slot,
 * and the window summary a crawl attaches to a site for the `availability` indicator.
 */
import type { FetchStatus } from './types.js';

/**
 * `ok`: opened within the limit; `failed`: did not (down, error status, too slow); `blocked`: our
 * vantage was refused (WAF block page, rate limit), which says nothing about the site for citizens;
 * `not_run`: the monitor was not running at the slot — a gap, never a failure.
 */
export type VisitOutcome = 'ok' | 'failed' | 'blocked' | 'not_run';

export interface VisitTimings {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
  totalMs?: number;
}

export interface MonitorVisit {
  code: string;
  /** The scheduled time, ms since epoch: with the code, the visit's identity. */
  slotMs: number;
  outcome: VisitOutcome;
  startedAt?: string;
  fetchStatus?: FetchStatus;
  httpStatus?: number;
  timings: VisitTimings;
  /** `<block kind>:<vendor>` when a challenge or block page came back. */
  challenge?: string;
  contentHash?: string;
  headlines?: string[];
  /** Against the previous open visit: 'changed', or 'unexpected:<why>' (placeholder, WAF page). */
  change?: string;
  vantage: string;
  error?: string;
}

/** A failing visit, as evidence. */
export interface FailingVisit {
  at: string;
  fetchStatus?: string;
  httpStatus?: number;
  totalMs?: number;
  error?: string;
}

export interface AvailabilitySummary {
  /** The window, ISO 8601. */
  from: string;
  to: string;
  /** Visits that count: ok + failed. */
  visits: number;
  failures: number;
  blocked: number;
  notRun: number;
  /** failures / visits; null without visits. */
  failureShare: number | null;
  /** Longest run of consecutive failed visits, from the first failing slot to the next open one (or the window's end). */
  longestOutageMs: number;
  medianOpenMs: number | null;
  p95OpenMs: number | null;
  unexpectedChanges: number;
  vantages: string[];
  /** The rule the summary was made under. */
  failAfterSecs: number;
  minVisits: number;
  vetoFailureShare: number;
  /** The newest failing visits (at most 20), for evidence. */
  failing: FailingVisit[];
  /** The homepage's publication rhythm over the window (absent from summaries stored before it was kept). */
  publication?: PublicationRhythm;
}

/** What the monitor's headline lists say about how often the homepage publishes. */
export interface PublicationRhythm {
  /** Open visits that carried a headline list. */
  headlineVisits: number;
  /** Calendar days (UTC+8) of the window on which a headline appeared that had not been seen before. */
  newHeadlineDays: number;
  /** The first sighting of the newest such headline (ISO 8601); null when none appeared. */
  newestHeadlineAt: string | null;
  /** The newest unexpected changes (placeholder, block page), at most 5, newest first. */
  unexpected: { at: string; change: string }[];
}
