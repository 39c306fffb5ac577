/**
 * A site's browser-stage audit (Lighthouse, axe, verification by acting) as JSON, shared by the
 * JSON export and the HTML report.
 */
import type { AxeRow } from '../store/audits.js';
import { categoryCounts, lighthouseScore, type SiteAudit, type Verification } from './audit.js';

export interface AuditJson {
  auditRunId: number;
  url: string;
  startedAt: string;
  finishedAt: string;
  steps: Record<string, string>;
  lighthouse: {
    auditRunId: number;
    url: string;
    status: string;
    error: string | null;
    /** 0–100, null when Lighthouse could not compute the category. */
    scores: {
      performance: number | null;
      accessibility: number | null;
      bestPractices: number | null;
      seo: number | null;
    };
    metrics: {
      lcpMs: number | null;
      tbtMs: number | null;
      cls: number | null;
      fcpMs: number | null;
      siMs: number | null;
    };
    lighthouseVersion: string | null;
    durationMs: number;
    lhrHash: string | null;
  } | null;
  axe: {
    auditRunId: number;
    url: string;
    status: string;
    error: string | null;
    violations: number | null;
    violationNodes: number | null;
    impacts: AxeRow['impacts'];
    categories: ReturnType<typeof categoryCounts>;
    rules: AxeRow['rules'];
  } | null;
  verification: Verification[];
}

export function auditJson(a: SiteAudit): AuditJson {
  const l = a.lighthouse;
  const x = a.axe;
  return {
    auditRunId: a.auditRunId,
    url: a.url,
    startedAt: a.startedAt,
    finishedAt: a.finishedAt,
    steps: a.steps,
    lighthouse: l
      ? {
          auditRunId: l.auditRunId,
          url: l.url,
          status: l.status,
          error: l.error,
          scores: {
            performance: lighthouseScore(l.performance),
            accessibility: lighthouseScore(l.accessibility),
            bestPractices: lighthouseScore(l.best_practices),
            seo: lighthouseScore(l.seo),
          },
          metrics: { lcpMs: l.lcp_ms, tbtMs: l.tbt_ms, cls: l.cls, fcpMs: l.fcp_ms, siMs: l.si_ms },
          lighthouseVersion: l.lighthouse_version,
          durationMs: l.duration_ms,
          lhrHash: l.lhr_hash,
        }
      : null,
    axe: x
      ? {
          auditRunId: x.auditRunId,
          url: x.url,
          status: x.status,
          error: x.error,
          violations: x.violations,
          violationNodes: x.violationNodes,
          impacts: x.impacts,
          categories: categoryCounts(x),
          rules: x.rules,
        }
      : null,
    verification: a.verification,
  };
}
