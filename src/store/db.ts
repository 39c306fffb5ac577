/**
 * The SQLite store (better-sqlite3, WAL). Single source for scoring, export, report, diff
 * and replay. A site's artifacts and indicator results are written in one transaction when
 * the site finishes, so a killed run loses at most the sites that were in flight.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DatabaseError, guardDb } from './errors.js';
import { checkDecodedText, sha256, TamperedError, unpackBlob, type Tamper } from './integrity.js';
import { MIGRATIONS } from './schema.js';
import type {
  Evidence,
  IndicatorResult,
  Interaction,
  LinkCheck,
  Locality,
  PageSnapshot,
  RunKind,
  RunState,
  SiteArtifacts,
} from '../types.js';

export type Db = Database.Database;

/**
 * Open (and migrate) a database. `mustExist`: the commands that read a database (runs, score,
 * export, report, diff, replay, bundle) refuse a missing, empty or foreign file instead of
 * silently starting a new, empty database there. A crawl creates it.
 */
export function openDb(file: string, opts: { mustExist?: boolean } = {}): Db {
  if (opts.mustExist && file !== ':memory:') assertDatabaseFile(file);
  let db: Db | undefined;
  try {
    return guardDb(file, 'opening it', true, () => {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      db = new Database(file, { fileMustExist: !!opts.mustExist && file !== ':memory:' });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable at checkpoint, safe against kill -9
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      if (opts.mustExist && !db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'`).get())
        throw new DatabaseError(`${file} is a SQLite database but not a govscan one (it has no govscan tables): pass the right --db`, file, true);
      migrate(db);
      return db;
    }, true);
  } catch (e) {
    db?.close();
    throw e;
  }
}

/** A database to read must be a non-empty file (an empty main file with a WAL beside it is a new database being written). */
function assertDatabaseFile(file: string): void {
  if (!existsSync(file))
    throw new DatabaseError(`no database at ${file}: run \`govscan crawl\` or \`govscan demo\` first, or pass --db`, file, true);
  const st = statSync(file);
  if (st.isDirectory()) throw new DatabaseError(`${file} is a directory, not a database file: pass --db with a file path`, file, true);
  const wal = `${file}-wal`;
  if (st.size === 0 && !(existsSync(wal) && statSync(wal).size > 0))
    throw new DatabaseError(
      `database ${file} is empty (0 bytes): it holds no runs (a file truncated by a full disk or a failed copy?); pass the right --db, or run \`govscan crawl\` to start one`,
      file,
      true,
    );
}

export function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id));
  const known = new Set(MIGRATIONS.map((m) => m.id));
  const unknown = [...applied].filter((id) => !known.has(id));
  if (unknown.length)
    throw new DatabaseError(
      `database ${db.name} has migrations this govscan does not know (${unknown.join(', ')}): it was written by a newer govscan; use that version`,
      db.name,
      true,
    );
  for (const m of MIGRATIONS) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(m.id, new Date().toISOString());
    })();
  }
}

export { sha256 };

// ───────────────────────────── blobs ─────────────────────────────

export function putBlob(db: Db, data: Buffer | string, mediaType: string): string {
  return guardDb(db.name, 'storing a snapshot', false, () => storeBlob(db, data, mediaType));
}

function storeBlob(db: Db, data: Buffer | string, mediaType: string): string {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const hash = sha256(buf);
  db.prepare('INSERT OR IGNORE INTO blobs (hash, media_type, size, data) VALUES (?, ?, ?, ?)').run(hash, mediaType, buf.length, gzipSync(buf));
  return hash;
}

/** A blob's bytes, checked against its hash; `missing` when no blob has that key. */
export function readBlob(db: Db, hash: string, what: string): { data: Buffer } | { tamper: Tamper } | { missing: true } {
  const row = db.prepare('SELECT data FROM blobs WHERE hash = ?').get(hash) as { data: Buffer } | undefined;
  return row ? unpackBlob(hash, row.data, what) : { missing: true };
}

/** A blob's bytes; throws TamperedError when they no longer hash to their key. */
export function getBlob(db: Db, hash: string, what = `blob ${hash}`): Buffer | undefined {
  const r = readBlob(db, hash, what);
  if ('tamper' in r) throw new TamperedError(`database ${db.name}`, [r.tamper]);
  return 'data' in r ? r.data : undefined;
}

// ───────────────────────────── runs ─────────────────────────────

export interface RunRow {
  id: number;
  kind: RunKind;
  state: RunState;
  started_at: string;
  finished_at: string | null;
  config_json: string;
  config_hash: string;
  options_json: string;
  site_codes: string;
  tool_version: string;
  note: string | null;
}

export function createRun(
  db: Db,
  r: { kind: RunKind; config: unknown; options: unknown; siteCodes: string[]; toolVersion: string; startedAt?: string },
): number {
  const configJson = JSON.stringify(r.config);
  const info = guardDb(db.name, `starting a ${r.kind} run`, true, () => db
    .prepare(
      `INSERT INTO runs (kind, state, started_at, config_json, config_hash, options_json, site_codes, tool_version)
       VALUES (?, 'running', ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      r.kind,
      r.startedAt ?? new Date().toISOString(),
      configJson,
      sha256(configJson),
      JSON.stringify(r.options ?? {}),
      JSON.stringify(r.siteCodes),
      r.toolVersion,
    ));
  return Number(info.lastInsertRowid);
}

export function setRunState(db: Db, runId: number, state: RunState, note?: string): void {
  guardDb(db.name, `marking run ${runId} ${state}`, false, () =>
    db.prepare('UPDATE runs SET state = ?, finished_at = ?, note = COALESCE(?, note) WHERE id = ?').run(
      state,
      state === 'running' ? null : new Date().toISOString(),
      note ?? null,
      runId,
    ),
  );
}

export function getRun(db: Db, runId: number): RunRow | undefined {
  return db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRow | undefined;
}

export function listRuns(db: Db): RunRow[] {
  return db.prepare('SELECT * FROM runs ORDER BY id').all() as RunRow[];
}

/** Newest run of a kind that did not finish, for --resume. */
export function unfinishedRun(db: Db, kind: RunKind): RunRow | undefined {
  return db
    .prepare(`SELECT * FROM runs WHERE kind = ? AND state IN ('running','interrupted') ORDER BY id DESC LIMIT 1`)
    .get(kind) as RunRow | undefined;
}

export function finishedSiteCodes(db: Db, runId: number): Set<string> {
  const rows = db.prepare('SELECT code FROM site_runs WHERE run_id = ?').all(runId) as { code: string }[];
  return new Set(rows.map((r) => r.code));
}

// ───────────────────────────── sites ─────────────────────────────

export function upsertSites(db: Db, sites: Locality[]): void {
  const stmt = db.prepare(
    `INSERT INTO sites (code, name, province, kind, portal_url, url_source) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(code) DO UPDATE SET name=excluded.name, province=excluded.province, kind=excluded.kind,
       portal_url=excluded.portal_url, url_source=excluded.url_source`,
  );
  db.transaction(() => {
    for (const s of sites) stmt.run(s.code, s.name, s.province, s.kind, s.portalUrl, s.urlSource);
  })();
}

export function getSite(db: Db, code: string): Locality | undefined {
  const r = db.prepare('SELECT * FROM sites WHERE code = ?').get(code) as
    | { code: string; name: string; province: string; kind: Locality['kind']; portal_url: string; url_source: string }
    | undefined;
  return r && { code: r.code, name: r.name, province: r.province, kind: r.kind, portalUrl: r.portal_url, urlSource: r.url_source };
}

// ───────────────────────────── a finished site ─────────────────────────────

/** Store one site's artifacts and indicator results atomically. Re-saving replaces the site's rows. */
export function saveSite(db: Db, runId: number, site: SiteArtifacts, results: IndicatorResult[]): void {
  guardDb(db.name, `saving site ${site.locality.code} of run ${runId}`, false, () => saveSiteRows(db, runId, site, results));
}

function saveSiteRows(db: Db, runId: number, site: SiteArtifacts, results: IndicatorResult[]): void {
  db.transaction(() => {
    const code = site.locality.code;
    deleteSite(db, runId, code);
    upsertSites(db, [site.locality]);
    const insPage = db.prepare(
      `INSERT INTO pages (run_id, code, seq, url, final_url, role, status, http_status, content_type, charset,
         charset_source, body_hash, text_hash, bytes, fetched_at, crawler, depth, referrer, link_text, title, error,
         duration_ms, headers_json, requests_json, screenshot_hash)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    site.pages.forEach((p, seq) => {
      if (p.screenshot) p.screenshotHash = storeBlob(db, p.screenshot, 'image/png');
      if (p.raw) p.bodyHash = storeBlob(db, p.raw, p.contentType ?? 'application/octet-stream');
      const textHash = p.body !== undefined ? storeBlob(db, p.body, 'text/plain; charset=utf-8') : null;
      insPage.run(
        runId, code, seq, p.url, p.finalUrl, p.role, p.status, p.httpStatus ?? null, p.contentType ?? null,
        p.charset ?? null, p.charsetSource ?? null, p.bodyHash ?? null, textHash, p.bytes ?? null, p.fetchedAt,
        p.crawler, p.depth, p.referrer ?? null, p.linkText ?? null, p.title ?? null, p.error ?? null,
        p.durationMs ?? null, JSON.stringify(p.headers ?? {}), p.requests ? JSON.stringify(p.requests) : null,
        blobRef(db, p.screenshotHash),
      );
    });
    const insLink = db.prepare(
      `INSERT INTO link_checks (run_id, code, seq, url, from_url, link_text, status, http_status, internal)
       VALUES (?,?,?,?,?,?,?,?,?)`,
    );
    site.linkChecks.forEach((l, seq) =>
      insLink.run(runId, code, seq, l.url, l.fromUrl, l.linkText ?? null, l.status, l.httpStatus ?? null, l.internal ? 1 : 0),
    );
    const insInter = db.prepare(
      `INSERT INTO interactions (run_id, code, seq, capability, outcome, detail, screenshot_hash, at) VALUES (?,?,?,?,?,?,?,?)`,
    );
    site.interactions.forEach((x, seq) => {
      if (x.screenshot) x.screenshotHash = storeBlob(db, x.screenshot, 'image/png');
      insInter.run(runId, code, seq, x.capability, x.outcome, x.detail, blobRef(db, x.screenshotHash), x.at);
    });
    db.prepare(
      `INSERT INTO site_runs (run_id, code, site_status, site_error, started_at, finished_at, pages, probes_json)
       VALUES (?,?,?,?,?,?,?,?)`,
    ).run(runId, code, site.siteStatus, site.siteError ?? null, site.startedAt, site.finishedAt, site.pages.length, JSON.stringify(site.probes));
    saveResultRows(db, runId, code, results);
  })();
}

/** Blob columns reference stored blobs; a hash whose blob was never stored is kept out of the row. */
function blobRef(db: Db, hash: string | undefined): string | null {
  if (!hash) return null;
  return db.prepare('SELECT 1 FROM blobs WHERE hash = ?').get(hash) ? hash : null;
}

export function saveResults(db: Db, runId: number, code: string, results: IndicatorResult[]): void {
  guardDb(db.name, `saving the results of site ${code} in run ${runId}`, false, () => saveResultRows(db, runId, code, results));
}

function saveResultRows(db: Db, runId: number, code: string, results: IndicatorResult[]): void {
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
        runId, code, r.id, r.status, r.value === undefined ? null : JSON.stringify(r.value), r.confidence, r.reason,
        r.needsRender ? 1 : 0,
      ).lastInsertRowid,
    );
    r.evidence.forEach((e, seq) =>
      insEv.run(
        id, seq, e.kind, e.url, e.selector ?? null, e.pattern ?? null, e.snippet ?? null, e.pageHash ?? null,
        e.fetchedAt ?? null, e.rendered ? 1 : 0, e.screenshotHash ?? null,
      ),
    );
  }
}

function deleteSite(db: Db, runId: number, code: string): void {
  for (const t of ['pages', 'link_checks', 'interactions', 'site_runs'])
    db.prepare(`DELETE FROM ${t} WHERE run_id = ? AND code = ?`).run(runId, code);
}

// ───────────────────────────── reading back ─────────────────────────────

interface PageRow {
  url: string; final_url: string; role: PageSnapshot['role']; status: PageSnapshot['status']; http_status: number | null;
  content_type: string | null; charset: string | null; charset_source: PageSnapshot['charsetSource'] | null;
  body_hash: string | null; text_hash: string | null; bytes: number | null; fetched_at: string; crawler: PageSnapshot['crawler'];
  depth: number; referrer: string | null; link_text: string | null; title: string | null; error: string | null;
  duration_ms: number | null; headers_json: string; requests_json: string | null; screenshot_hash: string | null;
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** Rebuild a site's artifacts from the snapshots, exactly as detection saw them. */
export function loadSiteArtifacts(db: Db, runId: number, code: string): SiteArtifacts | undefined {
  const sr = db.prepare('SELECT * FROM site_runs WHERE run_id = ? AND code = ?').get(runId, code) as
    | { site_status: SiteArtifacts['siteStatus']; site_error: string | null; started_at: string; finished_at: string; probes_json: string }
    | undefined;
  const locality = getSite(db, code);
  if (!sr || !locality) return undefined;
  const problems: Tamper[] = [];
  const pages = (db.prepare('SELECT * FROM pages WHERE run_id = ? AND code = ? ORDER BY seq').all(runId, code) as PageRow[]).map(
    (r): PageSnapshot => {
      const p: PageSnapshot = {
        url: r.url, finalUrl: r.final_url, role: r.role, status: r.status, httpStatus: opt(r.http_status),
        headers: JSON.parse(r.headers_json), contentType: opt(r.content_type), charset: opt(r.charset),
        charsetSource: opt(r.charset_source), bodyHash: opt(r.body_hash), bytes: opt(r.bytes), fetchedAt: r.fetched_at,
        crawler: r.crawler, depth: r.depth, referrer: opt(r.referrer), linkText: opt(r.link_text), title: opt(r.title),
        error: opt(r.error), durationMs: opt(r.duration_ms),
        requests: r.requests_json ? JSON.parse(r.requests_json) : undefined, screenshotHash: opt(r.screenshot_hash),
      };
      const text = readPageText(db, r);
      problems.push(...text.problems);
      if (text.body !== undefined) p.body = text.body;
      return stripUndefined(p);
    },
  );
  const linkChecks = (db.prepare('SELECT * FROM link_checks WHERE run_id = ? AND code = ? ORDER BY seq').all(runId, code) as {
    url: string; from_url: string; link_text: string | null; status: LinkCheck['status']; http_status: number | null; internal: number;
  }[]).map((r): LinkCheck => stripUndefined({
    url: r.url, fromUrl: r.from_url, linkText: opt(r.link_text), status: r.status, httpStatus: opt(r.http_status), internal: !!r.internal,
  }));
  const interactions = (db.prepare('SELECT * FROM interactions WHERE run_id = ? AND code = ? ORDER BY seq').all(runId, code) as {
    capability: Interaction['capability']; outcome: Interaction['outcome']; detail: string; screenshot_hash: string | null; at: string;
  }[]).map((r): Interaction => stripUndefined({
    capability: r.capability, outcome: r.outcome, detail: r.detail, screenshotHash: opt(r.screenshot_hash), at: r.at,
  }));
  // Detection must never run on an edited snapshot: refuse the whole site, naming every bad page.
  if (problems.length) throw new TamperedError(`run ${runId}, site ${code} (database ${db.name})`, problems);
  return stripUndefined({
    locality, startedAt: sr.started_at, finishedAt: sr.finished_at, siteStatus: sr.site_status, siteError: opt(sr.site_error),
    pages, probes: JSON.parse(sr.probes_json), linkChecks, interactions,
  });
}

/**
 * A page's decoded text, checked: its blob must hash to text_hash and, when the raw bytes were
 * kept under body_hash, decoding them again must give the same text. `unverified`: raw bytes
 * not kept (databases from before govscan kept them), so only the text's own hash is checked.
 */
export function readPageText(
  db: Db,
  r: Pick<PageRow, 'url' | 'text_hash' | 'body_hash' | 'charset' | 'content_type'>,
): { body?: string; problems: Tamper[]; unverified?: true } {
  if (!r.text_hash) return { problems: [] };
  const page = `page ${r.url}`;
  const text = readBlob(db, r.text_hash, `${page} decoded text (blob ${r.text_hash})`);
  if ('missing' in text) return { problems: [{ what: `${page} decoded text: its blob is gone`, expected: r.text_hash, actual: 'no such blob' }] };
  if ('tamper' in text) return { problems: [text.tamper] };
  const body = text.data.toString('utf8');
  if (!r.body_hash || r.body_hash === r.text_hash) return { body, problems: [] }; // the text is the raw bytes
  const raw = readBlob(db, r.body_hash, `${page} raw bytes (blob ${r.body_hash})`);
  if ('missing' in raw) return { body, problems: [], unverified: true };
  if ('tamper' in raw) return { body, problems: [raw.tamper] };
  const mismatch = checkDecodedText(raw.data, body, { charset: opt(r.charset), contentType: opt(r.content_type) }, page);
  return { body, problems: mismatch ? [mismatch] : [] };
}

export function loadResults(db: Db, runId: number, code: string): IndicatorResult[] {
  const rows = db
    .prepare('SELECT * FROM indicator_results WHERE run_id = ? AND code = ? ORDER BY id')
    .all(runId, code) as {
      id: number; indicator: string; status: IndicatorResult['status']; value_json: string | null; confidence: number;
      reason: string; needs_render: number;
    }[];
  const evStmt = db.prepare('SELECT * FROM evidence WHERE result_id = ? ORDER BY seq');
  return rows.map((r) => {
    const evidence = (evStmt.all(r.id) as {
      kind: Evidence['kind']; url: string; selector: string | null; pattern: string | null; snippet: string | null;
      page_hash: string | null; fetched_at: string | null; rendered: number; screenshot_hash: string | null;
    }[]).map((e): Evidence => stripUndefined({
      kind: e.kind, url: e.url, selector: opt(e.selector), pattern: opt(e.pattern), snippet: opt(e.snippet),
      pageHash: opt(e.page_hash), fetchedAt: opt(e.fetched_at), rendered: e.rendered ? true : undefined,
      screenshotHash: opt(e.screenshot_hash),
    }));
    return stripUndefined({
      id: r.indicator, status: r.status, value: r.value_json === null ? undefined : JSON.parse(r.value_json),
      confidence: r.confidence, reason: r.reason, evidence, needsRender: r.needs_render ? true : undefined,
    });
  });
}

/** Drop undefined-valued keys so stored-and-loaded objects compare equal to fresh ones. */
export function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
