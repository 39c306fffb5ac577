/**
 * One site of the HTML report, built from SQLite: its scores, each indicator with evidence, its
 * screenshots inlined as data: URLs (within the limits and a screenshot budget), and its browser
 * audit. Built one site at a time so a report directory never holds every site at once.
 */
import type { IndicatorMeta } from '../../indicators/define.js';
import { CAPABILITY_ZH, loadRunAudits, OUTCOME_ZH } from '../export/audit.js';
import { type AuditJson, auditJson } from '../export/audit-json.js';
import { loadCatalogue } from '../export/catalogue.js';
import { valueSummary } from '../export/summary.js';
import { accessCell, levelCell, siteIdentity, urlCheckCell } from '../export/table.js';
import type { RunScores, SiteScore, Weights } from '../scoring/index.js';
import { blobMeta, readBlob } from '../store/blobs.js';
import type { Db, RunRow } from '../store/db.js';
import { describeTamper } from '../store/integrity.js';
import { siteScreenshots } from '../store/page-rows.js';
import { loadResults, resultsRunOf } from '../store/results.js';
import { siteChallenges } from '../store/sites.js';
import type { Evidence, IndicatorResult } from '../types.js';
import type { ReportAudit, ReportEvidence, ReportIndicator, ReportScreenshot, ReportSite } from './data-types.js';
import type { ReportLimits } from './limits.js';

export type SiteBuilder = {
  /** Build one site; `budget` holds the screenshot bytes still allowed (shared by a single file, fresh per site page). */
  site: (s: SiteScore, budget: { left: number }) => ReportSite;
  /** Audit runs of this crawl run, oldest first. */
  auditRuns: ReturnType<typeof loadRunAudits>['runs'];
};

/** Loads what every site shares (catalogue, audits, challenges) once; then builds sites one at a time. */
export function siteBuilder(db: Db, run: RunRow, scores: RunScores, limits: ReportLimits): SiteBuilder {
  const metas = loadCatalogue();
  const w = scores.weights;
  const audits = loadRunAudits(db, run.id);
  const challenges = siteChallenges(db, run.id);
  const site = (s: SiteScore, budget: { left: number }): ReportSite => {
    const inline = (hash: string, caption: string) => inlineShot(db, hash, caption, limits, budget);
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
  };
  return { site, auditRuns: audits.runs };
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

/** Inline one screenshot as a data: URL, within the size limits and the budget, or say why not. */
function inlineShot(
  db: Db,
  hash: string,
  caption: string,
  limits: ReportLimits,
  budget: { left: number },
): ReportScreenshot {
  const meta = blobMeta(db, hash);
  if (!meta || !IMAGE_TYPES.has(meta.mediaType)) return { caption, skipped: 'not an image blob' };
  if (meta.size > limits.maxScreenshotBytes) return { caption, skipped: `too large to inline (${meta.size} bytes)` };
  if (meta.size > budget.left) return { caption, skipped: 'report screenshot budget used up' };
  const png = readBlob(db, hash, caption);
  // An edited screenshot is not evidence: say so in its place rather than show it or fail the report.
  if (!('data' in png))
    return {
      caption,
      skipped: 'missing' in png ? 'blob missing' : `fails its sha256 check (tampered): ${describeTamper(png.tamper)}`,
    };
  budget.left -= meta.size;
  return { caption, dataUrl: `data:${meta.mediaType};base64,${png.data.toString('base64')}` };
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
