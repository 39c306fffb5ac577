/**
 * A finished site's artifacts (pages, link checks, interactions, site_runs) and reading them back
 * exactly as detection saw them. A site is written in one transaction when it finishes, so a killed
 * run loses at most the sites that were in flight. Artifacts are values: storing them never
 * writes into the objects it was given (hashes of stored bytes are computed beside them).
 */

import type { IndicatorResult, Interaction, LinkCheck, PageSnapshot, QaExchange, SiteArtifacts } from '../types.js';
import { blobRef, storeBlob } from './blobs.js';
import type { Db } from './db.js';
import { guardDb } from './errors.js';
import { type Tamper, TamperedError } from './integrity.js';
import { type PageRow, readPageText } from './page-rows.js';
import { saveResultRows } from './results.js';
import { opt, stripUndefined } from './rows.js';
import { getSite, upsertSites } from './sites.js';

/** Store one site's artifacts and indicator results atomically. Re-saving replaces the site's rows. */
export function saveSite(db: Db, runId: number, site: SiteArtifacts, results: IndicatorResult[]): void {
  guardDb(db.name, `saving site ${site.locality.code} of run ${runId}`, false, () =>
    saveSiteRows(db, runId, site, results),
  );
}

function saveSiteRows(db: Db, runId: number, site: SiteArtifacts, results: IndicatorResult[]): void {
  db.transaction(() => {
    const code = site.locality.code;
    for (const t of ['pages', 'link_checks', 'interactions', 'site_runs'])
      db.prepare(`DELETE FROM ${t} WHERE run_id = ? AND code = ?`).run(runId, code);
    upsertSites(db, [site.locality]);
    const insPage = db.prepare(
      `INSERT INTO pages (run_id, code, seq, url, final_url, role, status, http_status, content_type, charset,
         charset_source, body_hash, text_hash, bytes, fetched_at, crawler, depth, referrer, link_text, title, error,
         duration_ms, headers_json, requests_json, screenshot_hash, challenge_json, attempts)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    site.pages.forEach((p, seq) => {
      const screenshotHash = p.screenshot ? storeBlob(db, p.screenshot, 'image/png') : p.screenshotHash;
      const bodyHash = p.raw ? storeBlob(db, p.raw, p.contentType ?? 'application/octet-stream') : p.bodyHash;
      const textHash = p.body !== undefined ? storeBlob(db, p.body, 'text/plain; charset=utf-8') : null;
      insPage.run(
        runId,
        code,
        seq,
        p.url,
        p.finalUrl,
        p.role,
        p.status,
        p.httpStatus ?? null,
        p.contentType ?? null,
        p.charset ?? null,
        p.charsetSource ?? null,
        bodyHash ?? null,
        textHash,
        p.bytes ?? null,
        p.fetchedAt,
        p.crawler,
        p.depth,
        p.referrer ?? null,
        p.linkText ?? null,
        p.title ?? null,
        p.error ?? null,
        p.durationMs ?? null,
        JSON.stringify(p.headers ?? {}),
        p.requests ? JSON.stringify(p.requests) : null,
        blobRef(db, screenshotHash),
        p.challenge ? JSON.stringify(p.challenge) : null,
        p.attempts ?? null,
      );
    });
    const insLink = db.prepare(
      `INSERT INTO link_checks (run_id, code, seq, url, from_url, link_text, status, http_status, internal)
       VALUES (?,?,?,?,?,?,?,?,?)`,
    );
    site.linkChecks.forEach((l, seq) => {
      insLink.run(
        runId,
        code,
        seq,
        l.url,
        l.fromUrl,
        l.linkText ?? null,
        l.status,
        l.httpStatus ?? null,
        l.internal ? 1 : 0,
      );
    });
    insertInteractions(db, runId, code, site.interactions);
    db.prepare(
      `INSERT INTO site_runs (run_id, code, site_status, site_error, started_at, finished_at, pages, probes_json,
         challenge_json, availability_json)
       VALUES (?,?,?,?,?,?,?,?,?,?)`,
    ).run(
      runId,
      code,
      site.siteStatus,
      site.siteError ?? null,
      site.startedAt,
      site.finishedAt,
      site.pages.length,
      JSON.stringify(site.probes),
      site.challenge ? JSON.stringify(site.challenge) : null,
      site.availability ? JSON.stringify(site.availability) : null,
    );
    saveResultRows(db, runId, code, results);
  })();
}

/** Replace a site's interactions in a run (screenshots stored as blobs; the objects are not written to). */
export function replaceInteractions(db: Db, runId: number, code: string, xs: readonly Interaction[]): void {
  db.prepare('DELETE FROM interactions WHERE run_id = ? AND code = ?').run(runId, code);
  insertInteractions(db, runId, code, xs);
}

function insertInteractions(db: Db, runId: number, code: string, xs: readonly Interaction[]): void {
  const ins = db.prepare(
    'INSERT INTO interactions (run_id, code, seq, capability, outcome, detail, screenshot_hash, at, asked_json) VALUES (?,?,?,?,?,?,?,?,?)',
  );
  xs.forEach((x, seq) => {
    const hash = x.screenshot ? storeBlob(db, x.screenshot, 'image/png') : x.screenshotHash;
    const asked = x.asked ? JSON.stringify(x.asked) : null;
    ins.run(runId, code, seq, x.capability, x.outcome, x.detail, blobRef(db, hash), x.at, asked);
  });
}

// ───────────────────────────── reading back ─────────────────────────────

/** Rebuild a site's artifacts from the snapshots, exactly as detection saw them. */
export function loadSiteArtifacts(db: Db, runId: number, code: string): SiteArtifacts | undefined {
  const sr = db.prepare('SELECT * FROM site_runs WHERE run_id = ? AND code = ?').get(runId, code) as
    | {
        site_status: SiteArtifacts['siteStatus'];
        site_error: string | null;
        started_at: string;
        finished_at: string;
        probes_json: string;
        challenge_json: string | null;
        availability_json: string | null;
      }
    | undefined;
  const locality = getSite(db, code);
  if (!sr || !locality) return undefined;
  const problems: Tamper[] = [];
  const pages = (
    db.prepare('SELECT * FROM pages WHERE run_id = ? AND code = ? ORDER BY seq').all(runId, code) as PageRow[]
  ).map((r): PageSnapshot => {
    const p: PageSnapshot = {
      url: r.url,
      finalUrl: r.final_url,
      role: r.role,
      status: r.status,
      httpStatus: opt(r.http_status),
      headers: JSON.parse(r.headers_json),
      contentType: opt(r.content_type),
      charset: opt(r.charset),
      charsetSource: opt(r.charset_source),
      bodyHash: opt(r.body_hash),
      bytes: opt(r.bytes),
      fetchedAt: r.fetched_at,
      crawler: r.crawler,
      depth: r.depth,
      referrer: opt(r.referrer),
      linkText: opt(r.link_text),
      title: opt(r.title),
      error: opt(r.error),
      durationMs: opt(r.duration_ms),
      attempts: opt(r.attempts),
      requests: r.requests_json ? JSON.parse(r.requests_json) : undefined,
      screenshotHash: opt(r.screenshot_hash),
      challenge: r.challenge_json ? JSON.parse(r.challenge_json) : undefined,
    };
    const text = readPageText(db, r);
    problems.push(...text.problems);
    if (text.body !== undefined) p.body = text.body;
    return stripUndefined(p);
  });
  const linkChecks = (
    db.prepare('SELECT * FROM link_checks WHERE run_id = ? AND code = ? ORDER BY seq').all(runId, code) as {
      url: string;
      from_url: string;
      link_text: string | null;
      status: LinkCheck['status'];
      http_status: number | null;
      internal: number;
    }[]
  ).map(
    (r): LinkCheck =>
      stripUndefined({
        url: r.url,
        fromUrl: r.from_url,
        linkText: opt(r.link_text),
        status: r.status,
        httpStatus: opt(r.http_status),
        internal: !!r.internal,
      }),
  );
  const interactions = loadInteractions(db, runId, code);
  // Detection must never run on an edited snapshot: refuse the whole site, naming every bad page.
  if (problems.length) throw new TamperedError(`run ${runId}, site ${code} (database ${db.name})`, problems);
  return stripUndefined({
    locality,
    startedAt: sr.started_at,
    finishedAt: sr.finished_at,
    siteStatus: sr.site_status,
    siteError: opt(sr.site_error),
    challenge: sr.challenge_json ? JSON.parse(sr.challenge_json) : undefined,
    pages,
    probes: JSON.parse(sr.probes_json),
    linkChecks,
    interactions,
    availability: sr.availability_json ? JSON.parse(sr.availability_json) : undefined,
  });
}

/** A site's interactions in a run, in stored order. */
export function loadInteractions(db: Db, runId: number, code: string): Interaction[] {
  return (
    db.prepare('SELECT * FROM interactions WHERE run_id = ? AND code = ? ORDER BY seq').all(runId, code) as {
      capability: Interaction['capability'];
      outcome: Interaction['outcome'];
      detail: string;
      screenshot_hash: string | null;
      at: string;
      asked_json: string | null;
    }[]
  ).map(
    (r): Interaction =>
      stripUndefined({
        capability: r.capability,
        outcome: r.outcome,
        detail: r.detail,
        screenshotHash: opt(r.screenshot_hash),
        at: r.at,
        asked: r.asked_json ? (JSON.parse(r.asked_json) as QaExchange) : undefined,
      }),
  );
}
