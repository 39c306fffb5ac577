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
import type { IndicatorMeta } from '../../indicators/define.js';
import { CAPABILITY_ZH, loadRunAudits, OUTCOME_ZH } from '../export/audit.js';
import { type AuditJson, auditJson } from '../export/audit-json.js';
import { loadCatalogue } from '../export/catalogue.js';
import { valueSummary } from '../export/summary.js';
import { accessCell, levelCell, siteIdentity, urlCheckCell } from '../export/table.js';
import { type RunScores, type SiteScore, scoreRun, type Weights } from '../scoring/index.js';
import { blobMeta, readBlob } from '../store/blobs.js';
import type { Db } from '../store/db.js';
import { describeTamper } from '../store/integrity.js';
import { siteScreenshots } from '../store/page-rows.js';
import { loadResults, resultsRunOf } from '../store/results.js';
import { finishedRunsUpTo, type RunRow, runSummary } from '../store/runs.js';
import { siteChallenges } from '../store/sites.js';
import type { Evidence, IndicatorResult } from '../types.js';
import { availabilitySection } from './availability.js';
import type {
  ReportAudit,
  ReportData,
  ReportEvidence,
  ReportIndicator,
  ReportScreenshot,
  ReportSite,
} from './data-types.js';

export type * from './data-types.js';

export interface ReportLimits {
  /** Largest screenshot inlined, bytes; bigger ones are listed but not embedded. */
  maxScreenshotBytes: number;
  /** Page and evidence screenshots per site; 0 also leaves out the verification screenshots. */
  screenshotsPerSite: number;
  /** Screenshots of verification by acting per site (one per capability at most), shown with their outcome. */
  verificationShotsPerSite: number;
  /** axe rules listed per site (most violating elements first). */
  axeRulesPerSite: number;
  /** Budget for all inlined screenshots together, bytes. */
  maxScreenshotTotalBytes: number;
  evidencePerIndicator: number;
}

export const DEFAULT_LIMITS: ReportLimits = {
  maxScreenshotBytes: 800_000,
  screenshotsPerSite: 3,
  verificationShotsPerSite: 4,
  axeRulesPerSite: 15,
  maxScreenshotTotalBytes: 40_000_000,
  evidencePerIndicator: 5,
};

const require = createRequire(import.meta.url);
export const CHINA_MAP_FILE = require.resolve('echarts/map/json/china.json');

/** Province map names (as in echarts' china.json) by 2-digit code prefix. */
export function provinceMapNames(): Map<string, string> {
  const geo = JSON.parse(readFileSync(CHINA_MAP_FILE, 'utf8')) as {
    features: { id: string; properties: { name: string } }[];
  };
  return new Map(geo.features.map((f) => [f.id.slice(0, 2), f.properties.name]));
}

const cap = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function evidenceOut(e: Evidence): ReportEvidence {
  const out: ReportEvidence = { kind: e.kind, url: cap(e.url, 500) };
  if (e.selector) out.selector = cap(e.selector, 300);
  if (e.pattern) out.pattern = cap(e.pattern, 300);
  if (e.snippet) out.snippet = cap(e.snippet, 400);
  if (e.fetchedAt) out.fetchedAt = e.fetchedAt;
  if (e.pageHash) out.pageHash = e.pageHash;
  if (e.rendered) out.rendered = true;
  return out;
}

function indicatorsOut(
  site: SiteScore,
  results: IndicatorResult[],
  metas: IndicatorMeta[],
  w: Weights,
  limits: ReportLimits,
): ReportIndicator[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  const dimName = new Map(w.dimensions.map((d) => [d.id, d.name]));
  return metas
    .filter((m) => byId.has(m.id))
    .map((m) => {
      const r = byId.get(m.id)!;
      const scoring = [
        ...site.indicators
          .filter((x) => x.indicator === m.id)
          .map((x) => ({
            key: x.key,
            where: `${dimName.get(x.dimension) ?? x.dimension} › ${x.sub}`,
            points: x.points,
            max: x.max,
            ...(x.note ? { note: x.note } : {}),
          })),
        ...site.deductions
          .filter((x) => x.indicator === m.id)
          .map((x) => ({
            key: x.key,
            where: '规范扣分',
            points: x.deducted === null ? null : -x.deducted,
            max: x.max,
            ...(x.note ? { note: x.note } : {}),
          })),
      ];
      return {
        id: m.id,
        zh: m.name.zh,
        en: m.name.en,
        group: m.dimension,
        status: r.status,
        value: valueSummary(m.id, r.value),
        valueJson: r.value === undefined ? '' : cap(JSON.stringify(r.value), 2000),
        confidence: r.confidence,
        reason: cap(r.reason, 1000),
        needsRender: !!r.needsRender,
        evidence: r.evidence.slice(0, limits.evidencePerIndicator).map(evidenceOut),
        evidenceTotal: r.evidence.length,
        scoring,
      };
    });
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

export function buildReportData(
  db: Db,
  run: RunRow,
  scores: RunScores,
  limits: ReportLimits = DEFAULT_LIMITS,
): ReportData {
  const metas = loadCatalogue();
  const w = scores.weights;
  const audits = loadRunAudits(db, run.id);
  const challenges = siteChallenges(db, run.id);
  let budget = limits.maxScreenshotTotalBytes;
  /** Inline one screenshot as a data: URL, within the size limits, or say why not. */
  const inline = (hash: string, caption: string): ReportScreenshot => {
    const meta = blobMeta(db, hash);
    if (!meta || !IMAGE_TYPES.has(meta.mediaType)) return { caption, skipped: 'not an image blob' };
    if (meta.size > limits.maxScreenshotBytes) return { caption, skipped: `too large to inline (${meta.size} bytes)` };
    if (meta.size > budget) return { caption, skipped: 'report screenshot budget used up' };
    const png = readBlob(db, hash, caption);
    // An edited screenshot is not evidence: say so in its place rather than show it or fail the report.
    if (!('data' in png))
      return {
        caption,
        skipped: 'missing' in png ? 'blob missing' : `fails its sha256 check (tampered): ${describeTamper(png.tamper)}`,
      };
    budget -= meta.size;
    return { caption, dataUrl: `data:${meta.mediaType};base64,${png.data.toString('base64')}` };
  };
  const sites: ReportSite[] = scores.sites.map((s) => {
    // Page shots from the crawl; evidence shots from the run whose results are shown (an audit's, if any).
    const resultsRun = resultsRunOf(db, run.id, s.code);
    const screenshots = siteScreenshots(db, run.id, resultsRun, s.code)
      .slice(0, limits.screenshotsPerSite)
      .map(({ hash, caption }) => inline(hash, caption));
    const audit = audits.sites.get(s.code);
    return {
      ...siteIdentity(s),
      level: levelCell(s),
      ...(s.urlFlag ? { urlCheck: urlCheckCell(s) } : {}),
      status: s.siteStatus,
      access: accessCell(challenges.get(s.code)),
      scored: s.scored,
      ...(s.noScoreReason ? { noScoreReason: s.noScoreReason } : {}),
      total: s.total,
      tier: s.tier,
      nationalRank: s.nationalRank,
      provincialRank: s.provincialRank,
      coverage: s.coverage,
      deducted: s.deducted,
      flags: s.flags,
      vetoes: s.vetoes.map((v) => ({ name: v.name, fired: v.fired })),
      dims: w.dimensions.map((d) => {
        const x = s.dimensions.find((y) => y.id === d.id);
        return { id: d.id, name: d.name, points: x?.points ?? null, max: d.max, coverage: x?.coverage ?? 0 };
      }),
      indicators: indicatorsOut(s, loadResults(db, resultsRun, s.code), metas, w, limits),
      screenshots,
      audit: audit ? auditOut(auditJson(audit), limits, inline) : null,
    };
  });
  return {
    run: runSummary(run),
    scoring: {
      configHash: scores.configHash,
      name: w.name,
      dimensions: w.dimensions.map((d) => ({ id: d.id, name: d.name, max: d.max })),
      tiers: w.tiers.levels,
      mode: w.tiers.mode,
      minCoverage: w.minCoverage,
      vetoEffect: w.vetoEffect,
    },
    availability: availabilitySection(db, run.id, sites),
    browserStage: { runs: audits.runs, audited: sites.filter((s) => s.audit).map((s) => s.code) },
    sites,
    provinces: provinceStats(scores.sites),
    trends: trends(db, run, w),
  };
}

/** The site's audit for the page: capped text, the first axe rules, verification screenshots inlined. */
function auditOut(
  a: AuditJson,
  limits: ReportLimits,
  inline: (hash: string, caption: string) => ReportScreenshot,
): ReportAudit {
  const shots = limits.screenshotsPerSite === 0 ? 0 : limits.verificationShotsPerSite;
  let shown = 0;
  return {
    ...a,
    lighthouse: a.lighthouse && {
      ...a.lighthouse,
      error: a.lighthouse.error && cap(a.lighthouse.error, 500),
      url: cap(a.lighthouse.url, 500),
    },
    axe: a.axe && {
      ...a.axe,
      error: a.axe.error && cap(a.axe.error, 500),
      url: cap(a.axe.url, 500),
      rules: a.axe.rules.slice(0, limits.axeRulesPerSite).map((r) => ({ ...r, help: cap(r.help, 300) })),
    },
    verification: a.verification.map((v) => {
      const caption = `${CAPABILITY_ZH[v.capability] ?? v.capability} ${v.capability}: ${OUTCOME_ZH[v.outcome] ?? v.outcome} ${v.outcome}`;
      return {
        capability: v.capability,
        capabilityZh: CAPABILITY_ZH[v.capability] ?? v.capability,
        outcome: v.outcome,
        outcomeZh: OUTCOME_ZH[v.outcome] ?? v.outcome,
        detail: cap(v.detail, 1000),
        at: v.at,
        ...(v.screenshotHash && shown++ < shots ? { screenshot: inline(v.screenshotHash, caption) } : {}),
      };
    }),
  };
}

function provinceStats(sites: SiteScore[]): ReportData['provinces'] {
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
function trends(db: Db, run: RunRow, w: Weights): ReportData['trends'] {
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
