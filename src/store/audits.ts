/**
 * Rows of the audit stage (migration '003-audit'), all under the audit run: Lighthouse and axe
 * results per (audit run, site), the audit's progress (`audit_sites`, what --resume checks), the
 * interactions it verified, and the results detection gives on the crawl's artifacts combined
 * with them (see results.ts for how readers pick those). The crawl run's rows are only read.
 * A site is written in one transaction when it finishes.
 */

import type { AxeSummary } from '../audit/axe.js';
import type { LighthouseResult } from '../audit/lighthouse.js';
import type { IndicatorResult, Interaction, RunState, SiteArtifacts } from '../types.js';
import { storeBlob } from './blobs.js';
import type { Db } from './db.js';
import { combinedArtifacts, saveResultRows } from './results.js';
import { loadInteractions, replaceInteractions } from './snapshots.js';

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
  /** Undefined when verification did not run: no combined results are stored for the site then. */
  interactions?: Interaction[];
}

/** Detection over the combined artifacts (the crawl's, with the audit's interactions). */
export type Redetect = (site: SiteArtifacts) => IndicatorResult[];

export function saveAuditedSite(db: Db, a: AuditedSite, redetect: Redetect): void {
  db.transaction(() => {
    for (const t of ['audit_sites', 'lighthouse_results', 'axe_results', 'interactions'])
      db.prepare(`DELETE FROM ${t} WHERE run_id = ? AND code = ?`).run(a.auditRunId, a.code);
    db.prepare('DELETE FROM indicator_results WHERE run_id = ? AND code = ?').run(a.auditRunId, a.code);
    if (a.lighthouse) insertLighthouse(db, a.auditRunId, a.code, a.lighthouse);
    if (a.axe) insertAxe(db, a.auditRunId, a.code, a.axe);
    if (a.interactions) {
      replaceInteractions(db, a.auditRunId, a.code, a.interactions);
      // Read back, so detection sees exactly what replay will load (screenshot hashes, not bytes).
      const site = combinedArtifacts(db, a.crawlRunId, a.code, loadInteractions(db, a.auditRunId, a.code));
      if (site) saveResultRows(db, a.auditRunId, a.code, redetect(site));
    }
    db.prepare(
      `INSERT INTO audit_sites (run_id, code, crawl_run_id, url, started_at, finished_at, steps_json) VALUES (?,?,?,?,?,?,?)`,
    ).run(a.auditRunId, a.code, a.crawlRunId, a.url, a.startedAt, a.finishedAt, JSON.stringify(a.steps));
  })();
}

function insertLighthouse(db: Db, runId: number, code: string, r: LighthouseResult): void {
  const lhrHash = r.lhrJson ? storeBlob(db, r.lhrJson, 'application/json') : null;
  db.prepare(
    `INSERT INTO lighthouse_results (run_id, code, url, final_url, status, error, performance, accessibility, best_practices, seo,
       lcp_ms, cls, tbt_ms, fcp_ms, si_ms, metrics_json, warnings_json, lighthouse_version, form_factor, duration_ms, lhr_hash, fetched_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  ).run(
    runId,
    code,
    r.url,
    r.finalUrl ?? null,
    r.status,
    r.error ?? null,
    r.scores.performance,
    r.scores.accessibility,
    r.scores.bestPractices,
    r.scores.seo,
    r.metrics.lcp ?? null,
    r.metrics.cls ?? null,
    r.metrics.tbt ?? null,
    r.metrics.fcp ?? null,
    r.metrics.si ?? null,
    JSON.stringify(r.metrics),
    JSON.stringify(r.warnings),
    r.lighthouseVersion ?? null,
    r.formFactor ?? null,
    r.durationMs,
    lhrHash,
    r.fetchedAt,
  );
}

function insertAxe(db: Db, runId: number, code: string, r: NonNullable<AuditedSite['axe']>): void {
  const ok = !('error' in r);
  db.prepare(
    `INSERT INTO axe_results (run_id, code, url, status, error, axe_version, violations, violation_nodes, categories_json,
       impacts_json, rules_json, passes, incomplete, duration_ms, fetched_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  ).run(
    runId,
    code,
    r.url,
    ok ? 'ok' : /longer than/.test(r.error) ? 'timeout' : 'error',
    ok ? null : r.error,
    ok ? r.axeVersion : null,
    ok ? r.violations : null,
    ok ? r.violationNodes : null,
    JSON.stringify(ok ? r.categories : {}),
    JSON.stringify(ok ? r.impacts : {}),
    JSON.stringify(ok ? r.rules : []),
    ok ? r.passes : null,
    ok ? r.incomplete : null,
    r.durationMs,
    r.fetchedAt,
  );
}

export function finishedAuditSites(db: Db, auditRunId: number): Set<string> {
  const rows = db.prepare('SELECT code FROM audit_sites WHERE run_id = ?').all(auditRunId) as { code: string }[];
  return new Set(rows.map((r) => r.code));
}

/** Sites of a crawl run whose homepage loaded, with the URL the homepage ended at (null: no ok home page stored). */
export function reachableSiteRows(
  db: Db,
  crawlRunId: number,
): { code: string; portal_url: string; home: string | null }[] {
  return db
    .prepare(
      `SELECT sr.code, s.portal_url,
         (SELECT p.final_url FROM pages p WHERE p.run_id = sr.run_id AND p.code = sr.code AND p.role = 'home' AND p.status = 'ok'
          ORDER BY p.seq LIMIT 1) AS home
       FROM site_runs sr JOIN sites s ON s.code = sr.code
       WHERE sr.run_id = ? AND sr.site_status = 'ok'`,
    )
    .all(crawlRunId) as { code: string; portal_url: string; home: string | null }[];
}

// ───────────────────────────── reading back (report, export) ─────────────────────────────

export interface AuditRunRow {
  id: number;
  state: RunState;
  started_at: string;
  finished_at: string | null;
  site_codes: string;
  options_json: string;
  /** Sites it finished. */
  finished: number;
}

/** Audit runs of a crawl run, oldest first. */
export function auditRunRows(db: Db, crawlRunId: number): AuditRunRow[] {
  return db
    .prepare(
      `SELECT r.id, r.state, r.started_at, r.finished_at, r.site_codes, r.options_json,
         (SELECT COUNT(*) FROM audit_sites a WHERE a.run_id = r.id) AS finished
       FROM runs r WHERE r.kind = 'audit' AND json_extract(r.options_json, '$.crawlRunId') = ? ORDER BY r.id`,
    )
    .all(crawlRunId) as AuditRunRow[];
}

export interface AuditSiteRow {
  code: string;
  url: string;
  started_at: string;
  finished_at: string;
  steps_json: string;
}

export function auditSiteRows(db: Db, auditRunId: number): AuditSiteRow[] {
  return db.prepare('SELECT * FROM audit_sites WHERE run_id = ?').all(auditRunId) as AuditSiteRow[];
}

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
  return db
    .prepare('SELECT * FROM lighthouse_results WHERE run_id = ? ORDER BY code')
    .all(auditRunId) as LighthouseRow[];
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
    code: string;
    url: string;
    status: string;
    error: string | null;
    violations: number | null;
    violation_nodes: number | null;
    categories_json: string;
    impacts_json: string;
    rules_json: string;
  }[];
  return rows.map((r) => ({
    code: r.code,
    url: r.url,
    status: r.status,
    error: r.error,
    violations: r.violations,
    violationNodes: r.violation_nodes,
    categories: JSON.parse(r.categories_json),
    impacts: JSON.parse(r.impacts_json),
    rules: JSON.parse(r.rules_json),
  }));
}
