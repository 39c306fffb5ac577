/** The `sites` table (localities, ad-hoc sites) and `site_runs` (which sites a run has finished). */

import type { ChallengeRecord, FetchStatus, Locality, UrlFlag } from '../types.js';
import type { Db } from './db.js';

export function upsertSites(db: Db, sites: Locality[]): void {
  const stmt = db.prepare(
    `INSERT INTO sites (code, name, province, kind, portal_url, url_source, prefecture_code, url_flag, url_note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(code) DO UPDATE SET name=excluded.name, province=excluded.province, kind=excluded.kind,
       portal_url=excluded.portal_url, url_source=excluded.url_source, prefecture_code=excluded.prefecture_code,
       url_flag=excluded.url_flag, url_note=excluded.url_note`,
  );
  db.transaction(() => {
    for (const s of sites)
      stmt.run(
        s.code,
        s.name,
        s.province,
        s.kind,
        s.portalUrl,
        s.urlSource,
        s.prefectureCode ?? null,
        s.urlFlag ?? null,
        s.urlNote ?? null,
      );
  })();
}

/** The county facts of a site row (absent on prefecture-level and ad-hoc sites). */
export interface CountyColumns {
  prefecture_code: string | null;
  url_flag: UrlFlag | null;
  url_note: string | null;
}

export function countyFacts(r: CountyColumns): Pick<Locality, 'prefectureCode' | 'urlFlag' | 'urlNote'> {
  return {
    ...(r.prefecture_code ? { prefectureCode: r.prefecture_code } : {}),
    ...(r.url_flag ? { urlFlag: r.url_flag } : {}),
    ...(r.url_note ? { urlNote: r.url_note } : {}),
  };
}

export function getSite(db: Db, code: string): Locality | undefined {
  const r = db.prepare('SELECT * FROM sites WHERE code = ?').get(code) as
    | ({
        code: string;
        name: string;
        province: string;
        kind: Locality['kind'];
        portal_url: string;
        url_source: string;
      } & CountyColumns)
    | undefined;
  return (
    r && {
      code: r.code,
      name: r.name,
      province: r.province,
      kind: r.kind,
      portalUrl: r.portal_url,
      urlSource: r.url_source,
      ...countyFacts(r),
    }
  );
}

export function finishedSiteCodes(db: Db, runId: number): Set<string> {
  const rows = db.prepare('SELECT code FROM site_runs WHERE run_id = ?').all(runId) as { code: string }[];
  return new Set(rows.map((r) => r.code));
}

export function siteStored(db: Db, runId: number, code: string): boolean {
  return !!db.prepare('SELECT 1 FROM site_runs WHERE run_id = ? AND code = ?').get(runId, code);
}

export function finishedSiteCount(db: Db, runId: number): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM site_runs WHERE run_id = ?').get(runId) as { n: number }).n;
}

/** A run's finished sites with their homepage status and registry facts, by code. */
export interface RunSiteRow extends CountyColumns {
  code: string;
  name: string;
  province: string;
  kind: Locality['kind'];
  portal_url: string;
  site_status: FetchStatus;
  site_error: string | null;
}

export function runSites(db: Db, runId: number): RunSiteRow[] {
  return db
    .prepare(
      `SELECT s.code, s.name, s.province, s.kind, s.portal_url, s.prefecture_code, s.url_flag, s.url_note,
         sr.site_status, sr.site_error
       FROM site_runs sr JOIN sites s ON s.code = sr.code WHERE sr.run_id = ? ORDER BY s.code`,
    )
    .all(runId) as RunSiteRow[];
}

/** The challenge each site's homepage put up in a run (sites without one are absent). */
export function siteChallenges(db: Db, runId: number): Map<string, ChallengeRecord> {
  const rows = db
    .prepare('SELECT code, challenge_json FROM site_runs WHERE run_id = ? AND challenge_json IS NOT NULL')
    .all(runId) as { code: string; challenge_json: string }[];
  return new Map(rows.map((r) => [r.code, JSON.parse(r.challenge_json) as ChallengeRecord]));
}

/** Homepage status of each finished site of a run (eval). */
export function siteStatuses(db: Db, runId: number): { code: string; site_status: FetchStatus }[] {
  return db.prepare('SELECT code, site_status FROM site_runs WHERE run_id = ?').all(runId) as {
    code: string;
    site_status: FetchStatus;
  }[];
}

/**
 * Each site's homepage status in the newest run that stored it (any earlier collection in this
 * database), by code: what the next run can expect of it (src/pipeline/schedule.ts).
 */
export function lastSiteStatuses(db: Db): Map<string, FetchStatus> {
  const rows = db
    .prepare(
      `SELECT code, site_status FROM (
         SELECT code, site_status, ROW_NUMBER() OVER (PARTITION BY code ORDER BY finished_at DESC, run_id DESC) AS n
         FROM site_runs)
       WHERE n = 1`,
    )
    .all() as { code: string; site_status: FetchStatus }[];
  return new Map(rows.map((r) => [r.code, r.site_status]));
}

/**
 * Page, link-check and site counts of a run (bench). `reusedLinks`: sampled links the site crawl
 * had fetched as an http page with one of these statuses (answered by that fetch, no request).
 */
export function runCounts(
  db: Db,
  runId: number,
  reusableStatuses: readonly string[],
): {
  pagesByCrawler: Record<string, number>;
  linkChecks: number;
  reusedLinks: number;
  sites: number;
} {
  const rows = db.prepare('SELECT crawler, COUNT(*) n FROM pages WHERE run_id = ? GROUP BY crawler').all(runId) as {
    crawler: string;
    n: number;
  }[];
  const linkChecks = (db.prepare('SELECT COUNT(*) n FROM link_checks WHERE run_id = ?').get(runId) as { n: number }).n;
  const statuses = reusableStatuses.map(() => '?').join(', ');
  const reusedLinks = (
    db
      .prepare(
        `SELECT COUNT(*) n FROM link_checks l WHERE l.run_id = ? AND EXISTS (SELECT 1 FROM pages p
           WHERE p.run_id = l.run_id AND p.code = l.code AND p.url = l.url AND p.crawler = 'http'
             AND p.http_status IS NOT NULL AND p.status IN (${statuses}))`,
      )
      .get(runId, ...reusableStatuses) as { n: number }
  ).n;
  const pagesByCrawler = Object.fromEntries(rows.map((r) => [r.crawler, r.n]));
  return { pagesByCrawler, linkChecks, reusedLinks, sites: finishedSiteCount(db, runId) };
}

/** Per site of a run: its challenge (if any), wall time, and the pages and time it spent in the browser (bench). */
export function siteAccessCosts(
  db: Db,
  runId: number,
): {
  code: string;
  status: FetchStatus;
  challenge?: ChallengeRecord;
  wallMs: number;
  browserPages: number;
  browserMs: number;
}[] {
  const rows = db
    .prepare(
      `SELECT sr.code, sr.site_status, sr.challenge_json,
         (julianday(sr.finished_at) - julianday(sr.started_at)) * 86400000 AS wall_ms,
         (SELECT COUNT(*) FROM pages p WHERE p.run_id = sr.run_id AND p.code = sr.code AND p.crawler = 'browser') AS bp,
         (SELECT COALESCE(SUM(duration_ms), 0) FROM pages p WHERE p.run_id = sr.run_id AND p.code = sr.code AND p.crawler = 'browser') AS bms
       FROM site_runs sr WHERE sr.run_id = ?`,
    )
    .all(runId) as {
    code: string;
    site_status: FetchStatus;
    challenge_json: string | null;
    wall_ms: number;
    bp: number;
    bms: number;
  }[];
  return rows.map((r) => ({
    code: r.code,
    status: r.site_status,
    ...(r.challenge_json ? { challenge: JSON.parse(r.challenge_json) as ChallengeRecord } : {}),
    wallMs: Math.round(r.wall_ms),
    browserPages: r.bp,
    browserMs: r.bms,
  }));
}
