/**
 * A report directory for runs too large for one file: `index.html` (the whole run, a row per site)
 * and `sites/<file>.html`, one self-contained page per site. Sites are built and written one at a
 * time and only their rows are kept, so memory stays bounded whatever the number of sites.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunScores } from '../scoring/index.js';
import type { Db } from '../store/db.js';
import { type RunRow, runSummary } from '../store/runs.js';
import { availabilityFrom, availabilitySite, availabilityWindows } from './availability.js';
import { provinceStats, scoringSummary, trends } from './data.js';
import type { ReportAvailabilitySite, ReportIndexData, ReportSite, ReportSiteRow } from './data-types.js';
import { renderReportHtml, renderSitePageHtml } from './html.js';
import type { ReportLimits } from './limits.js';
import { siteBuilder } from './site-data.js';

export interface ReportDirectory {
  dir: string;
  index: string;
  indexBytes: number;
  pages: number;
  pageBytesTotal: number;
  pageBytesMax: number;
}

/** A site's file name: registry codes as they are; anything else (adhoc:host/path) hex-escaped, never a path. */
export function sitePageFile(code: string): string {
  return `${code.replace(/[^0-9A-Za-z.-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`)}.html`;
}

export function writeReportDirectory(
  db: Db,
  run: RunRow,
  scores: RunScores,
  dir: string,
  limits: ReportLimits,
): ReportDirectory {
  mkdirSync(join(dir, 'sites'), { recursive: true });
  const build = siteBuilder(db, run, scores, limits);
  const windows = availabilityWindows(db, run.id);
  const monitored = scores.sites.filter((s) => windows.has(s.code)).length;
  const common = {
    run: runSummary(run),
    scoring: scoringSummary(scores),
    browserStage: { runs: build.auditRuns, audited: [] as string[] },
  };
  const allTrends = trends(db, run, scores.weights);
  const frame = availabilityFrom(db, windows, [], 0);
  const rows: ReportSiteRow[] = [];
  const entries: ReportAvailabilitySite[] = [];
  let pageBytesTotal = 0;
  let pageBytesMax = 0;
  for (const s of scores.sites) {
    // Each page is its own file with its own screenshot budget.
    const site = build.site(s, { left: limits.maxScreenshotTotalBytes });
    const entry = availabilitySite(db, windows, site);
    if (entry) entries.push(entry);
    const page = renderSitePageHtml({
      ...common,
      mode: 'site',
      availability: { ...frame, sites: entry ? [entry] : [], notMonitored: 0, monitored },
      sites: [site],
      provinces: [],
      trends: allTrends?.totals[s.code]
        ? {
            runs: allTrends.runs,
            totals: { [s.code]: allTrends.totals[s.code]! },
            tiers: { [s.code]: allTrends.tiers[s.code]! },
            tierChanges: [],
          }
        : null,
    });
    const file = sitePageFile(s.code);
    writeFileSync(join(dir, 'sites', file), page);
    const bytes = Buffer.byteLength(page);
    pageBytesTotal += bytes;
    pageBytesMax = Math.max(pageBytesMax, bytes);
    rows.push(siteRow(site, `sites/${file}`));
  }
  const index: ReportIndexData = {
    ...common,
    mode: 'index',
    availability: availabilityFrom(db, windows, entries, scores.sites.length),
    browserStage: { runs: build.auditRuns, audited: rows.filter((r) => r.audit).map((r) => r.code) },
    sites: rows,
    provinces: provinceStats(scores.sites),
    trends: allTrends,
  };
  const html = renderReportHtml(index);
  const indexFile = join(dir, 'index.html');
  writeFileSync(indexFile, html);
  return {
    dir,
    index: indexFile,
    indexBytes: Buffer.byteLength(html),
    pages: rows.length,
    pageBytesTotal,
    pageBytesMax,
  };
}

/** The overview's row of a site: its scores and flags, and the browser stage's cells. */
function siteRow(s: ReportSite, page: string): ReportSiteRow {
  const { indicators: _i, screenshots: _s, vetoes: _v, audit, ...row } = s;
  return {
    ...row,
    page,
    audit: audit && {
      lighthouse: audit.lighthouse && { status: audit.lighthouse.status, scores: audit.lighthouse.scores },
      axe: audit.axe && {
        status: audit.axe.status,
        violations: audit.axe.violations,
        violationNodes: audit.axe.violationNodes,
        impacts: audit.axe.impacts,
      },
      verification: audit.verification.map((v) => ({
        capability: v.capability,
        outcome: v.outcome,
        outcomeZh: v.outcomeZh,
        detail: v.detail,
      })),
    },
  };
}
