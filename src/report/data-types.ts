/**
 * The shape of the HTML report's data (built by data.ts, embedded as JSON and read by the page script in page-script/).
 * Text from crawled sites stays plain data; the page renders it with textContent only.
 */
import type { AuditRunInfo } from '../export/audit.js';
import type { AuditJson } from '../export/audit-json.js';
import type { RunSummary } from '../store/runs.js';

export interface ReportEvidence {
  kind: string;
  url: string;
  selector?: string;
  pattern?: string;
  snippet?: string;
  fetchedAt?: string;
  pageHash?: string;
  rendered?: boolean;
}

export interface ReportIndicator {
  id: string;
  zh: string;
  en: string;
  group: string;
  status: string;
  value: string;
  valueJson: string;
  confidence: number;
  reason: string;
  needsRender: boolean;
  evidence: ReportEvidence[];
  evidenceTotal: number;
  /** The weighted refs / deductions this indicator feeds, with their points. */
  scoring: { key: string; where: string; points: number | null; max: number; note?: string }[];
}

export interface ReportSite {
  code: string;
  name: string;
  province: string;
  kind: string;
  /** levelCell: 地市级 prefecture | 县级 county | 名录外 adhoc; the overview table shows one level at a time. */
  level: string;
  /** County rows the registry's URL checks doubt (urlCheckCell); absent when not flagged. */
  urlCheck?: string;
  status: string;
  /** How the content was reached: direct, or past an anti-bot challenge (accessCell). */
  access: string;
  scored: boolean;
  noScoreReason?: string;
  total: number | null;
  tier: string | null;
  nationalRank: number | null;
  provincialRank: number | null;
  coverage: number;
  deducted: number;
  flags: string[];
  vetoes: { name: string; fired: boolean | null }[];
  dims: { id: string; name: string; points: number | null; max: number; coverage: number }[];
  indicators: ReportIndicator[];
  screenshots: ReportScreenshot[];
  /** The browser stage's results; null when the site was not in its sample. */
  audit: ReportAudit | null;
}

export interface ReportScreenshot {
  caption: string;
  dataUrl?: string;
  skipped?: string;
}

export interface ReportVerification {
  capability: string;
  capabilityZh: string;
  outcome: string;
  outcomeZh: string;
  detail: string;
  at: string;
  screenshot?: ReportScreenshot;
}

export type ReportAudit = Omit<AuditJson, 'verification'> & { verification: ReportVerification[] };

export interface ReportData {
  run: RunSummary;
  scoring: {
    configHash: string;
    name: string;
    dimensions: { id: string; name: string; max: number }[];
    tiers: { name: string; min: number }[];
    mode: string;
    minCoverage: number;
    vetoEffect: string;
  };
  /** The monitor windows this run's crawl judged (`govscan monitor`); `sites` empty when none was monitored. */
  availability: ReportAvailability;
  /** Audit runs of this crawl run (`govscan audit`), oldest first; empty when the browser stage did not run. */
  browserStage: { runs: AuditRunInfo[]; audited: string[] };
  sites: ReportSite[];
  provinces: {
    name: string;
    mapName: string | null;
    sites: number;
    scored: number;
    mean: number | null;
    max: number | null;
  }[];
  trends: {
    runs: { id: number; startedAt: string }[];
    totals: Record<string, (number | null)[]>;
    tiers: Record<string, (string | null)[]>;
    tierChanges: { code: string; name: string; from: string | null; to: string | null }[];
  } | null;
}

/** A monitored site's window, as the crawl of this run judged it, with its hourly calendar. */
export interface ReportAvailabilitySite {
  code: string;
  name: string;
  province: string;
  visits: number;
  failures: number;
  share: number | null;
  longestOutageMs: number;
  medianOpenMs: number | null;
  p95OpenMs: number | null;
  notRun: number;
  blocked: number;
  /** The 2019 veto as the run judged it (the availability indicator). */
  veto: 'yes' | 'no' | 'unknown';
  from: string;
  to: string;
  /** Days with headlines not seen before (null: no headline lists). */
  newHeadlineDays: number | null;
  /** Visits whose homepage was replaced (placeholder, block page) in the window. */
  unexpectedChanges: number;
  /** The newest of them (at most 5), newest first. */
  unexpected: { at: string; change: string }[];
  /** The calendar's first day (UTC+8) and one character per hour from its 00:00 (report/availability.ts HOUR_CODES). */
  firstDay: string;
  hours: string;
}

export interface ReportAvailability {
  /** Monitored sites, worst failure share first. */
  sites: ReportAvailabilitySite[];
  notMonitored: number;
  rule: { failAfterSecs: number; minVisits: number; vetoFailureShare: number } | null;
  /** How to start monitoring this database. */
  command: string;
}

/** A site's row in a report directory's index.html: only what the overview, its tables and charts read. */
export type ReportSiteRow = Omit<ReportSite, 'indicators' | 'screenshots' | 'vetoes' | 'audit'> & {
  /** Its own page, relative to index.html (`sites/<file>.html`). */
  page: string;
  audit: ReportAuditRow | null;
};

/** The browser-stage table's cells for an audited site (the rest is on its page). */
export interface ReportAuditRow {
  lighthouse: Pick<NonNullable<ReportAudit['lighthouse']>, 'status' | 'scores'> | null;
  axe: Pick<NonNullable<ReportAudit['axe']>, 'status' | 'violations' | 'violationNodes' | 'impacts'> | null;
  verification: Pick<ReportVerification, 'capability' | 'outcome' | 'outcomeZh' | 'detail'>[];
}

/** index.html of a report directory: the whole run, a row per site. */
export type ReportIndexData = Omit<ReportData, 'sites'> & { mode: 'index'; sites: ReportSiteRow[] };

/** sites/<file>.html of a report directory: one site in full, with its own availability entry and trend. */
export type ReportSitePageData = Omit<ReportData, 'availability'> & {
  mode: 'site';
  /** Its entry only; `monitored` counts the monitored sites of the whole report. */
  availability: ReportAvailability & { monitored: number };
};
