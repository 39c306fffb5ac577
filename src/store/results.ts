/**
 * Indicator results and their evidence, and which run's results a consumer reads.
 *
 * A crawl (or check) run holds the results detection gave on its own artifacts. An audit run
 * (kind `audit`, naming the crawl run it audited) holds, per site it verified in a browser, the
 * results detection gave on the crawl's artifacts plus the audit's interactions: the combined
 * view. The crawl run's rows are never rewritten. Every reader (score, export, report, diff,
 * replay, bundle) asks `resultsRunOf` / `effectiveResultRows` here, so all agree:
 *   results of site S in crawl run N = those of the newest audit run of N that stored results
 *   for S, else those of N.
 */

import type { Evidence, IndicatorResult, Interaction, SiteArtifacts } from '../types.js';
import type { Db } from './db.js';
import { guardDb } from './errors.js';
import { opt, stripUndefined } from './rows.js';
import { loadInteractions, loadSiteArtifacts } from './snapshots.js';

export function saveResults(db: Db, runId: number, code: string, results: IndicatorResult[]): void {
  guardDb(db.name, `saving the results of site ${code} in run ${runId}`, false, () =>
    saveResultRows(db, runId, code, results),
  );
}

/** saveResults without the error translation, for use inside a caller's transaction. */
export function saveResultRows(db: Db, runId: number, code: string, results: IndicatorResult[]): void {
  db.prepare('DELETE FROM indicator_results WHERE run_id = ? AND code = ?').run(runId, code);
  const insResult = db.prepare(
    `INSERT INTO indicator_results (run_id, code, indicator, status, value_json, confidence, reason, needs_render)
     VALUES (?,?,?,?,?,?,?,?)`,
  );
  const insEv = db.prepare(
    `INSERT INTO evidence (result_id, seq, kind, url, selector, pattern, snippet, page_hash, fetched_at, rendered, screenshot_hash)
     VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  );
  for (const r of results) {
    const id = Number(
      insResult.run(
        runId,
        code,
        r.id,
        r.status,
        r.value === undefined ? null : JSON.stringify(r.value),
        r.confidence,
        r.reason,
        r.needsRender ? 1 : 0,
      ).lastInsertRowid,
    );
    r.evidence.forEach((e, seq) => {
      insEv.run(
        id,
        seq,
        e.kind,
        e.url,
        e.selector ?? null,
        e.pattern ?? null,
        e.snippet ?? null,
        e.pageHash ?? null,
        e.fetchedAt ?? null,
        e.rendered ? 1 : 0,
        e.screenshotHash ?? null,
      );
    });
  }
}

/** The results stored under exactly this run (see `resultsRunOf` for the run a reader should use). */
export function loadResults(db: Db, runId: number, code: string): IndicatorResult[] {
  const rows = db
    .prepare('SELECT * FROM indicator_results WHERE run_id = ? AND code = ? ORDER BY id')
    .all(runId, code) as {
    id: number;
    indicator: string;
    status: IndicatorResult['status'];
    value_json: string | null;
    confidence: number;
    reason: string;
    needs_render: number;
  }[];
  const evStmt = db.prepare('SELECT * FROM evidence WHERE result_id = ? ORDER BY seq');
  return rows.map((r) => {
    const evidence = (
      evStmt.all(r.id) as {
        kind: Evidence['kind'];
        url: string;
        selector: string | null;
        pattern: string | null;
        snippet: string | null;
        page_hash: string | null;
        fetched_at: string | null;
        rendered: number;
        screenshot_hash: string | null;
      }[]
    ).map(
      (e): Evidence =>
        stripUndefined({
          kind: e.kind,
          url: e.url,
          selector: opt(e.selector),
          pattern: opt(e.pattern),
          snippet: opt(e.snippet),
          pageHash: opt(e.page_hash),
          fetchedAt: opt(e.fetched_at),
          rendered: e.rendered ? true : undefined,
          screenshotHash: opt(e.screenshot_hash),
        }),
    );
    return stripUndefined({
      id: r.indicator,
      status: r.status,
      value: r.value_json === null ? undefined : JSON.parse(r.value_json),
      confidence: r.confidence,
      reason: r.reason,
      evidence,
      needsRender: r.needs_render ? true : undefined,
    });
  });
}

// The newest audit run of the crawl run that stored results for the site, if any.
const AUDIT_RESULTS_RUN = `(SELECT MAX(a.run_id) FROM audit_sites a WHERE a.crawl_run_id = ? AND a.code = ?
  AND EXISTS (SELECT 1 FROM indicator_results x WHERE x.run_id = a.run_id AND x.code = a.code))`;

/** The run whose results (and verified interactions) stand for site `code` of run `runId`. */
export function resultsRunOf(db: Db, runId: number, code: string): number {
  const row = db.prepare(`SELECT ${AUDIT_RESULTS_RUN} AS id`).get(runId, code) as { id: number | null };
  return row.id ?? runId;
}

/** Results of a site as readers see them: the combined view when the site was verified by an audit. */
export function loadEffectiveResults(db: Db, runId: number, code: string): IndicatorResult[] {
  return loadResults(db, resultsRunOf(db, runId, code), code);
}

export interface ResultRow {
  code: string;
  indicator: string;
  status: IndicatorResult['status'];
  value_json: string | null;
  confidence: number;
  reason: string;
}

/** Every finished site's effective results of a run (no evidence), ordered by code and indicator: scoring and diff. */
export function effectiveResultRows(db: Db, runId: number): ResultRow[] {
  return db
    .prepare(
      `WITH src AS (
         SELECT sr.code, COALESCE(
           (SELECT MAX(a.run_id) FROM audit_sites a WHERE a.crawl_run_id = sr.run_id AND a.code = sr.code
             AND EXISTS (SELECT 1 FROM indicator_results x WHERE x.run_id = a.run_id AND x.code = a.code)),
           sr.run_id) AS run_id
         FROM site_runs sr WHERE sr.run_id = ?)
       SELECT r.code, r.indicator, r.status, r.value_json, r.confidence, r.reason
       FROM indicator_results r JOIN src ON src.run_id = r.run_id AND src.code = r.code ORDER BY r.code, r.indicator`,
    )
    .all(runId) as ResultRow[];
}

/**
 * The crawl's interactions with those of the capabilities an audit verified replaced by the
 * audit's (the audit verifies by acting; its verdict on a capability supersedes the crawl's).
 */
export function combineInteractions(crawl: readonly Interaction[], audit: readonly Interaction[]): Interaction[] {
  const verified = new Set(audit.map((x) => x.capability));
  return [...crawl.filter((x) => !verified.has(x.capability)), ...audit];
}

/** A crawl run's site with an audit run's interactions, as detection reads it for the combined view. */
export function combinedArtifacts(
  db: Db,
  crawlRunId: number,
  code: string,
  auditInteractions: readonly Interaction[],
): SiteArtifacts | undefined {
  const site = loadSiteArtifacts(db, crawlRunId, code);
  return site && { ...site, interactions: combineInteractions(site.interactions, auditInteractions) };
}

/** Artifacts and results of a site as readers see them (replay, bundle), and the run the results are stored under. */
export function loadEffectiveSite(
  db: Db,
  runId: number,
  code: string,
): { artifacts?: SiteArtifacts; results: IndicatorResult[]; resultsRunId: number } {
  const resultsRunId = resultsRunOf(db, runId, code);
  const artifacts =
    resultsRunId === runId
      ? loadSiteArtifacts(db, runId, code)
      : combinedArtifacts(db, runId, code, loadInteractions(db, resultsRunId, code));
  return { artifacts, results: loadResults(db, resultsRunId, code), resultsRunId };
}
