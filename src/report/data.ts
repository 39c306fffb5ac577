/**
 * Everything the HTML report shows, as one JSON-able object built from SQLite: the scored run,
 * each site's indicators with evidence and screenshots, the browser stage (Lighthouse, axe and
 * verification by acting, with its screenshots) for the sites it audited, the availability monitor's
 * windows with an hourly calendar per site, provincial aggregates
 * for the map, and trends across runs. Text from crawled sites stays plain data here; the page renders it with
 * textContent only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { RunScores, SiteScore, Weights } from '../scoring/index.js';
import { scoreRun } from '../scoring/index.js';
import type { Db } from '../store/db.js';
import { finishedRunsUpTo, type RunRow, runSummary } from '../store/runs.js';
import { availabilitySection } from './availability.js';
import type { ReportData } from './data-types.js';
import { DEFAULT_LIMITS, type ReportLimits } from './limits.js';
import { siteBuilder } from './site-data.js';

export type * from './data-types.js';

export { DEFAULT_LIMITS, type ReportLimits } from './limits.js';

const require = createRequire(import.meta.url);
export const CHINA_MAP_FILE = require.resolve('echarts/map/json/china.json');

/** Province map names (as in echarts' china.json) by 2-digit code prefix. */
export function provinceMapNames(): Map<string, string> {
  const geo = JSON.parse(readFileSync(CHINA_MAP_FILE, 'utf8')) as {
    features: { id: string; properties: { name: string } }[];
  };
  return new Map(geo.features.map((f) => [f.id.slice(0, 2), f.properties.name]));
}

export function buildReportData(
  db: Db,
  run: RunRow,
  scores: RunScores,
  limits: ReportLimits = DEFAULT_LIMITS,
): ReportData {
  const build = siteBuilder(db, run, scores, limits);
  const budget = { left: limits.maxScreenshotTotalBytes }; // one file: one budget for all its screenshots
  const sites = scores.sites.map((s) => build.site(s, budget));
  return {
    run: runSummary(run),
    scoring: scoringSummary(scores),
    availability: availabilitySection(db, run.id, sites),
    browserStage: { runs: build.auditRuns, audited: sites.filter((s) => s.audit).map((s) => s.code) },
    sites,
    provinces: provinceStats(scores.sites),
    trends: trends(db, run, scores.weights),
  };
}

export function scoringSummary(scores: RunScores): ReportData['scoring'] {
  const w = scores.weights;
  return {
    configHash: scores.configHash,
    name: w.name,
    dimensions: w.dimensions.map((d) => ({ id: d.id, name: d.name, max: d.max })),
    tiers: w.tiers.levels,
    mode: w.tiers.mode,
    minCoverage: w.minCoverage,
    vetoEffect: w.vetoEffect,
  };
}

export function provinceStats(sites: SiteScore[]): ReportData['provinces'] {
  const mapNames = provinceMapNames();
  const groups = new Map<string, SiteScore[]>();
  for (const s of sites) groups.set(s.province, [...(groups.get(s.province) ?? []), s]);
  return [...groups.entries()]
    .map(([name, list]) => {
      const totals = list.filter((s) => s.nationalRank !== null).map((s) => s.total!);
      return {
        name,
        mapName: mapNames.get(list[0]!.code.slice(0, 2)) ?? null,
        sites: list.length,
        scored: totals.length,
        mean: totals.length ? Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 100) / 100 : null,
        max: totals.length ? Math.max(...totals) : null,
      };
    })
    .sort((a, b) => (b.mean ?? -1) - (a.mean ?? -1) || a.name.localeCompare(b.name));
}

/** Totals and tiers per site over the finished crawl/check runs up to this one, scored with the same weights. */
export function trends(db: Db, run: RunRow, w: Weights): ReportData['trends'] {
  const runs = finishedRunsUpTo(db, run.id);
  if (runs.length < 2) return null;
  const scored = runs.map((r) => scoreRun(db, r.id, w));
  const totals: Record<string, (number | null)[]> = {};
  const tiers: Record<string, (string | null)[]> = {};
  const names = new Map<string, string>();
  scored.forEach((rs, i) => {
    for (const s of rs.sites) {
      names.set(s.code, s.name);
      (totals[s.code] ??= Array<number | null>(runs.length).fill(null))[i] = s.nationalRank !== null ? s.total : null;
      (tiers[s.code] ??= Array<string | null>(runs.length).fill(null))[i] = s.tier;
    }
  });
  const last = runs.length - 1;
  const tierChanges = Object.entries(tiers)
    .filter(([, t]) => t[last - 1] !== t[last])
    .map(([code, t]) => ({ code, name: names.get(code)!, from: t[last - 1] ?? null, to: t[last] ?? null }))
    .sort((a, b) => a.code.localeCompare(b.code));
  return { runs: runs.map((r) => ({ id: r.id, startedAt: r.started_at })), totals, tiers, tierChanges };
}
