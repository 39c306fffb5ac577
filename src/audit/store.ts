/**
 * SQLite rows of the audit stage (migration '003-audit'): Lighthouse and axe results per
 * (audit run, site), the audit's progress (`audit_sites`, what --resume checks), and the verified
 * interactions — stored under the audit run and attached to the crawl run's site, whose
 * indicators are then re-detected so accessibility_mode / elderly_mode / smart_qa / site_search
 * carry the browser's verdict. A site is written in one transaction when it finishes.
 */
import { loadSiteArtifacts, putBlob, saveResults, type Db } from '../store/db.js';
import type { IndicatorResult, Interaction, SiteArtifacts } from '../types.js';
import type { AxeSummary } from './axe.js';
import type { LighthouseResult } from './lighthouse.js';

export type StepOutcome = 'ok' | 'skipped' | string; // otherwise: the error message

export interface AuditedSite {
  auditRunId: number;
  crawlRunId: number;
  code: string;
  url: string;
  startedAt: string;
  finishedAt: string;
  steps: { lighthouse: StepOutcome; axe: StepOutcome; verify: StepOutcome };
  lighthouse?: LighthouseResult;
  axe?: AxeSummary | { error: string; durationMs: number; fetchedAt: string; url: string };
  /** Undefined when verification did not run: the crawl run's interactions are then left alone. */
  interactions?: Interaction[];
}

/** Re-detection of a crawl run's site from its (updated) artifacts. */
export type Redetect = (site: SiteArtifacts) => IndicatorResult[];

export function saveAuditedSite(db: Db, a: AuditedSite, redetect: Redetect): void {
  db.transaction(() => {
    for (const t of ['audit_sites', 'lighthouse_results', 'axe_results'])
      db.prepare(`DELETE FROM ${t} WHERE run_id = ? AND code = ?`).run(a.auditRunId, a.code);
    if (a.lighthouse) insertLighthouse(db, a.auditRunId, a.code, a.lighthouse);
    if (a.axe) insertAxe(db, a.auditRunId, a.code, a.axe);
    if (a.interactions) {
      replaceInteractions(db, a.auditRunId, a.code, a.interactions);
      replaceInteractions(db, a.crawlRunId, a.code, a.interactions);
      const site = loadSiteArtifacts(db, a.crawlRunId, a.code);
      if (site) saveResults(db, a.crawlRunId, a.code, redetect(site));
    }
    db.prepare(
      `INSERT INTO audit_sites (run_id, code, crawl_run_id, url, started_at, finished_at, steps_json) VALUES (?,?,?,?,?,?,?)`,
    ).run(a.auditRunId, a.code, a.crawlRunId, a.url, a.startedAt, a.finishedAt, JSON.stringify(a.steps));
  })();
}

/** Replace the site's interactions of the same capabilities (other capabilities stay). */
function replaceInteractions(db: Db, runId: number, code: string, xs: Interaction[]): void {
  const del = db.prepare('DELETE FROM interactions WHERE run_id = ? AND code = ? AND capability = ?');
  for (const c of new Set(xs.map((x) => x.capability))) del.run(runId, code, c);
  const seq0 = (db.prepare('SELECT COALESCE(MAX(seq) + 1, 0) AS n FROM interactions WHERE run_id = ? AND code = ?').get(runId, code) as { n: number }).n;
  const ins = db.prepare(
    'INSERT INTO interactions (run_id, code, seq, capability, outcome, detail, screenshot_hash, at) VALUES (?,?,?,?,?,?,?,?)',
  );
  xs.forEach((x, i) => {
    const hash = x.screenshot ? putBlob(db, x.screenshot, 'image/png') : null;
    ins.run(runId, code, seq0 + i, x.capability, x.outcome, x.detail, hash, x.at);
  });
}

function insertLighthouse(db: Db, runId: number, code: string, r: LighthouseResult): void {
  const lhrHash = r.lhrJson ? putBlob(db, r.lhrJson, 'application/json') : null;
  db.prepare(
    `INSERT INTO lighthouse_results (run_id, code, url, final_url, status, error, performance, accessibility, best_practices, seo,
       lcp_ms, cls, tbt_ms, fcp_ms, si_ms, metrics_json, warnings_json, lighthouse_version, form_factor, duration_ms, lhr_hash, fetched_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  ).run(
    runId, code, r.url, r.finalUrl ?? null, r.status, r.error ?? null, r.scores.performance, r.scores.accessibility,
    r.scores.bestPractices, r.scores.seo, r.metrics.lcp ?? null, r.metrics.cls ?? null, r.metrics.tbt ?? null,
    r.metrics.fcp ?? null, r.metrics.si ?? null, JSON.stringify(r.metrics), JSON.stringify(r.warnings),
    r.lighthouseVersion ?? null, r.formFactor ?? null, r.durationMs, lhrHash, r.fetchedAt,
  );
}

function insertAxe(db: Db, runId: number, code: string, r: NonNullable<AuditedSite['axe']>): void {
  const ok = !('error' in r);
  db.prepare(
    `INSERT INTO axe_results (run_id, code, url, status, error, axe_version, violations, violation_nodes, categories_json,
       impacts_json, rules_json, passes, incomplete, duration_ms, fetched_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  ).run(
    runId, code, r.url, ok ? 'ok' : /longer than/.test(r.error) ? 'timeout' : 'error', ok ? null : r.error,
    ok ? r.axeVersion : null, ok ? r.violations : null, ok ? r.violationNodes : null,
    JSON.stringify(ok ? r.categories : {}), JSON.stringify(ok ? r.impacts : {}), JSON.stringify(ok ? r.rules : []),
    ok ? r.passes : null, ok ? r.incomplete : null, r.durationMs, r.fetchedAt,
  );
}

export function finishedAuditSites(db: Db, auditRunId: number): Set<string> {
  const rows = db.prepare('SELECT code FROM audit_sites WHERE run_id = ?').all(auditRunId) as { code: string }[];
  return new Set(rows.map((r) => r.code));
}

// ───────────────────────────── reading back (report, export) ─────────────────────────────

export interface LighthouseRow {
  code: string;
  url: string;
  status: string;
  error: string | null;
  performance: number | null;
  accessibility: number | null;
  best_practices: number | null;
  seo: number | null;
  lcp_ms: number | null;
  cls: number | null;
  tbt_ms: number | null;
  fcp_ms: number | null;
  si_ms: number | null;
  lighthouse_version: string | null;
  duration_ms: number;
  lhr_hash: string | null;
}

export function lighthouseRows(db: Db, auditRunId: number): LighthouseRow[] {
  return db.prepare('SELECT * FROM lighthouse_results WHERE run_id = ? ORDER BY code').all(auditRunId) as LighthouseRow[];
}

export interface AxeRow {
  code: string;
  url: string;
  status: string;
  error: string | null;
  violations: number | null;
  violationNodes: number | null;
  categories: AxeSummary['categories'];
  impacts: AxeSummary['impacts'];
  rules: AxeSummary['rules'];
}

export function axeRows(db: Db, auditRunId: number): AxeRow[] {
  const rows = db.prepare('SELECT * FROM axe_results WHERE run_id = ? ORDER BY code').all(auditRunId) as {
    code: string; url: string; status: string; error: string | null; violations: number | null; violation_nodes: number | null;
    categories_json: string; impacts_json: string; rules_json: string;
  }[];
  return rows.map((r) => ({
    code: r.code, url: r.url, status: r.status, error: r.error, violations: r.violations, violationNodes: r.violation_nodes,
    categories: JSON.parse(r.categories_json), impacts: JSON.parse(r.impacts_json), rules: JSON.parse(r.rules_json),
  }));
}
