import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type Config, parseConfig, userAgent } from '../src/config/config.js';
import { REDACTED, restoreAllowListValue, runVantage } from '../src/config/identity.js';
import { collect } from '../src/pipeline/collect.js';
import {
  createRun,
  finishedSiteCodes,
  getBlob,
  lastSiteStatuses,
  listRuns,
  loadResults,
  loadSiteArtifacts,
  openDb,
  putBlob,
  saveSite,
  setRunState,
  sha256,
  unfinishedRun,
} from '../src/store/db.js';
import { DatabaseError } from '../src/store/errors.js';
import { getRun, runSummary, vantageLine } from '../src/store/runs.js';
import { MIGRATIONS } from '../src/store/schema.js';
import { acquireLock, LockHeldError } from '../src/util/lock.js';
import { CHENGDU, sampleArtifacts, sampleResults } from './helpers/artifacts.js';
import { createRunWithVantage } from './helpers/runs.js';

describe('store', () => {
  it('stores a site atomically and loads back exactly the same artifacts and results', () => {
    const db = openDb(':memory:');
    const run = createRun(db, {
      kind: 'crawl',
      config: { a: 1 },
      options: {},
      siteCodes: [CHENGDU.code],
      toolVersion: 't',
    });
    const artifacts = sampleArtifacts();
    // A GBK page: the snapshot keeps the bytes as received beside the decoded text.
    const home = artifacts.pages[0]!;
    const gbkRaw = iconv.encode(home.body!, 'gbk');
    Object.assign(home, {
      raw: gbkRaw,
      charset: 'gb18030',
      contentType: 'text/html; charset=gbk',
      bodyHash: sha256(gbkRaw),
      bytes: gbkRaw.length,
      attempts: 2, // retried once (e.g. a silent host's patient retry): kept with the page
    });
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    artifacts.pages[0]!.screenshot = png;
    saveSite(db, run, artifacts, sampleResults());
    const back = loadSiteArtifacts(db, run, CHENGDU.code)!;
    const { screenshot: _png, raw: _raw, ...homeWithoutBytes } = artifacts.pages[0]!;
    // Storing does not write the screenshot's hash into the artifacts: it comes back from the store.
    expect(artifacts.pages[0]!.screenshotHash).toBeUndefined();
    expect(back.pages[0]).toEqual({ ...homeWithoutBytes, screenshotHash: sha256(png) });
    expect(getBlob(db, back.pages[0]!.bodyHash!)).toEqual(gbkRaw);
    expect(getBlob(db, back.pages[0]!.screenshotHash!)).toEqual(png);
    expect(back.pages[1]).toEqual(artifacts.pages[1]);
    expect(back.probes).toEqual(artifacts.probes);
    expect(back.linkChecks).toEqual(artifacts.linkChecks);
    expect(loadResults(db, run, CHENGDU.code)).toEqual(sampleResults());
    expect(finishedSiteCodes(db, run)).toEqual(new Set([CHENGDU.code]));

    // Saving the same site again replaces it rather than duplicating rows.
    saveSite(db, run, sampleArtifacts(), sampleResults());
    expect((db.prepare('SELECT COUNT(*) n FROM pages').get() as { n: number }).n).toBe(2);
    expect((db.prepare('SELECT COUNT(*) n FROM indicator_results').get() as { n: number }).n).toBe(2);
  });

  it('treats artifacts as values: storing a deep-frozen site neither throws nor changes it', () => {
    const db = openDb(':memory:');
    const run = createRun(db, { kind: 'crawl', config: {}, options: {}, siteCodes: [CHENGDU.code], toolVersion: 't' });
    const artifacts = sampleArtifacts();
    const home = artifacts.pages[0]!;
    Object.assign(home, { raw: Buffer.from(home.body!, 'utf8'), screenshot: Buffer.from('89504e47', 'hex') });
    const shot = Buffer.from('89504e48', 'hex');
    artifacts.interactions.push({
      capability: 'smart_qa',
      outcome: 'verified',
      detail: 'd',
      at: 'x',
      screenshot: shot,
    });
    const before = JSON.stringify(artifacts);
    deepFreeze(artifacts);
    saveSite(db, run, artifacts, sampleResults());
    expect(JSON.stringify(artifacts)).toBe(before);
    const back = loadSiteArtifacts(db, run, CHENGDU.code)!;
    expect(back.pages[0]!.screenshotHash).toBe(sha256(Buffer.from('89504e47', 'hex')));
    expect(back.interactions[0]!.screenshotHash).toBe(sha256(shot));
  });

  it('content-addresses blobs (one copy per content) and compresses them', () => {
    const db = openDb(':memory:');
    const big = '政府网站'.repeat(10_000);
    const h1 = putBlob(db, big, 'text/plain');
    const h2 = putBlob(db, big, 'text/plain');
    expect(h1).toBe(h2);
    const row = db.prepare('SELECT size, length(data) AS stored FROM blobs').get() as { size: number; stored: number };
    expect(row.stored).toBeLessThan(row.size / 10);
    expect(getBlob(db, h1)!.toString('utf8')).toBe(big);
  });

  it('keeps run history, finds unfinished runs, and the analysts’ view shows the newest value', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'govscan-store-')), 'g.db');
    const db = openDb(file);
    const r1 = createRun(db, { kind: 'crawl', config: {}, options: {}, siteCodes: [CHENGDU.code], toolVersion: 't' });
    saveSite(db, r1, sampleArtifacts(), sampleResults());
    setRunState(db, r1, 'done');
    const r2 = createRun(db, { kind: 'crawl', config: {}, options: {}, siteCodes: [CHENGDU.code], toolVersion: 't' });
    const changed = sampleResults().map((r) =>
      r.id === 'open_data_platform' ? { ...r, status: 'present' as const } : r,
    );
    saveSite(db, r2, sampleArtifacts(), changed);
    expect(unfinishedRun(db, 'crawl')?.id).toBe(r2);
    expect(listRuns(db).map((r) => r.state)).toEqual(['done', 'running']);
    const latest = db
      .prepare(`SELECT status, run_id FROM latest_indicators WHERE indicator = 'open_data_platform'`)
      .get();
    expect(latest).toEqual({ status: 'present', run_id: r2 });
    db.close();
    // Re-opening applies no migration twice.
    const again = openDb(file);
    expect((again.prepare('SELECT COUNT(*) n FROM schema_migrations').get() as { n: number }).n).toBeGreaterThanOrEqual(
      1,
    );
    again.close();
  });

  it('remembers each site’s homepage status from the newest run that stored it (the next run’s order)', () => {
    const db = openDb(join(mkdtempSync(join(tmpdir(), 'govscan-store-')), 'g.db'));
    const stored = (siteStatus: 'ok' | 'geo_timeout') => {
      const run = createRun(db, {
        kind: 'crawl',
        config: {},
        options: {},
        siteCodes: [CHENGDU.code],
        toolVersion: 't',
      });
      saveSite(db, run, { ...sampleArtifacts(), siteStatus }, sampleResults());
    };
    expect(lastSiteStatuses(db).size).toBe(0);
    stored('ok');
    stored('geo_timeout');
    expect(lastSiteStatuses(db)).toEqual(new Map([[CHENGDU.code, 'geo_timeout']]));
    stored('ok');
    expect(lastSiteStatuses(db).get(CHENGDU.code)).toBe('ok');
    db.close();
  });
});

describe('where a run ran from', () => {
  const cfg = parseConfig({
    network: { vantage: 'frankfurt-vps-2', allowListHeader: { name: 'X-Govscan-Scanner', value: 's3cret-token' } },
  });

  it('records vantage, resolver, User-Agent, contact URL and the allow-list header name, never its value', () => {
    const db = openDb(':memory:');
    const id = createRunWithVantage(db, cfg);
    const row = getRun(db, id)!;
    expect(runSummary(row).vantage).toEqual({
      vantage: 'frankfurt-vps-2',
      resolver: 'system',
      userAgent: userAgent(cfg),
      contactUrl: cfg.crawl.contactUrl,
      allowListHeader: 'X-Govscan-Scanner',
    });
    expect(JSON.stringify(db.prepare('SELECT * FROM runs').all())).not.toContain('s3cret-token');
    expect(JSON.parse(row.config_json).network.allowListHeader).toEqual({ name: 'X-Govscan-Scanner', value: REDACTED });
    // Resuming takes the value from this invocation's config when it names the same header.
    const stored = parseConfig(JSON.parse(row.config_json));
    expect(restoreAllowListValue(stored, cfg).network.allowListHeader?.value).toBe('s3cret-token');
    expect(restoreAllowListValue(stored, parseConfig({})).network.allowListHeader).toBeUndefined();
    // No allow-list header: recorded as none ('' in the row), not as "not recorded".
    const plain = parseConfig({});
    const id2 = createRun(db, {
      kind: 'crawl',
      config: plain,
      options: {},
      siteCodes: [],
      toolVersion: 't',
      vantage: runVantage(plain, userAgent(plain)),
    });
    expect(getRun(db, id2)).toMatchObject({ vantage: 'unspecified', allow_list_header: '' });
    expect(vantageLine(runSummary(getRun(db, id2)!).vantage)).toMatch(/vantage unspecified .* allow-list header none/);
  });

  it('a collection records it, and a resumed one sends the allow-list value of the config it is resumed with', async () => {
    const db = openDb(':memory:');
    const seen: (string | undefined)[] = [];
    const crawlerFactory = async (o: { config: Config }) => {
      seen.push(o.config.network.allowListHeader?.value);
      return { crawlSite: async () => sampleArtifacts(), close: async () => undefined };
    };
    const first = await collect({ db, kind: 'crawl', config: cfg, sites: [CHENGDU], crawlerFactory });
    expect(getRun(db, first.runId)).toMatchObject({
      vantage: 'frankfurt-vps-2',
      allow_list_header: 'X-Govscan-Scanner',
    });
    setRunState(db, first.runId, 'interrupted');
    db.prepare('DELETE FROM site_runs WHERE run_id = ?').run(first.runId);
    await collect({ db, kind: 'crawl', config: cfg, resume: getRun(db, first.runId)!, crawlerFactory });
    expect(seen).toEqual(['s3cret-token', 's3cret-token']);
  });

  it('shows runs stored before it was recorded as not recorded, after migrating an older database', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'govscan-vantage-')), 'old.db');
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((x) => x.id < '005')) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.id, 'then');
    }
    old
      .prepare(
        `INSERT INTO runs (kind, state, started_at, config_json, config_hash, site_codes, tool_version) VALUES ('crawl','done','2025-01-01','{}','h','[]','0')`,
      )
      .run();
    old.close();
    const db = openDb(file, { mustExist: true });
    const [run] = listRuns(db);
    expect(runSummary(run!).vantage).toBeNull();
    expect(vantageLine(null)).toMatch(/not recorded/);
    db.close();
  });
});

describe('lock', () => {
  it('refuses a second holder while the first is alive, and takes over a stale lock', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'govscan-lock-')), 'db.lock');
    const release = acquireLock(file);
    // Simulate another live process holding it: pid 1 always exists.
    release();
    writeFileSync(file, '1\n');
    expect(() => acquireLock(file)).toThrow(LockHeldError);
    // A dead pid: the lock is stale and is taken over.
    writeFileSync(file, '999999\n');
    const r2 = acquireLock(file);
    r2();
  });
});

describe('database errors name the file and what to do', () => {
  const dir = mkdtempSync(join(tmpdir(), 'govscan-dberr-'));
  const dbError = (fn: () => unknown): DatabaseError => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(DatabaseError);
      return e as DatabaseError;
    }
    throw new Error('expected a DatabaseError');
  };

  it('a database to read must exist, be non-empty and be govscan’s; a crawl may start one in an empty file', () => {
    const missing = join(dir, 'missing.db');
    const e1 = dbError(() => openDb(missing, { mustExist: true }));
    expect(e1.message).toBe(`no database at ${missing}: run \`govscan crawl\` or \`govscan demo\` first, or pass --db`);
    expect(e1.unusableInput).toBe(true);
    expect(() => readFileSync(missing)).toThrow(/ENOENT/); // not created as a side effect

    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    expect(dbError(() => openDb(empty, { mustExist: true })).message).toMatch(
      new RegExp(`^database ${empty} is empty \\(0 bytes\\): it holds no runs`),
    );
    const fresh = openDb(empty); // crawl: a new database
    expect(listRuns(fresh)).toEqual([]);
    fresh.close();

    const foreign = join(dir, 'foreign.db');
    new Database(foreign).exec('CREATE TABLE notes (x)');
    expect(dbError(() => openDb(foreign, { mustExist: true })).message).toBe(
      `${foreign} is a SQLite database but not a govscan one (it has no govscan tables): pass the right --db`,
    );
    const check = new Database(foreign, { readonly: true });
    expect(check.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all()).toEqual([{ name: 'notes' }]); // left untouched
    check.close();

    expect(dbError(() => openDb(dir, { mustExist: true })).message).toBe(
      `${dir} is a directory, not a database file: pass --db with a file path`,
    );
  });

  it('a file that is not a database, a corrupt one, a directory or a path through a file: exit-2 errors naming the path', () => {
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, 'this is a CSV file, not a database\n'.repeat(200));
    const notadb = dbError(() => openDb(garbage));
    expect(notadb.message).toMatch(
      new RegExp(`^${garbage} is not a SQLite database \\(SQLITE_NOTADB\\): pass the right --db.*while opening it`),
    );
    expect(notadb.unusableInput).toBe(true);

    const corrupt = join(dir, 'corrupt.db');
    openDb(corrupt).close();
    const bytes = readFileSync(corrupt);
    bytes.fill(0x41, 100, 4096); // page 1 (the schema) overwritten, the header intact
    writeFileSync(corrupt, bytes);
    expect(dbError(() => openDb(corrupt, { mustExist: true })).message).toMatch(
      new RegExp(`^database ${corrupt} is corrupt \\(SQLITE_CORRUPT\\w*\\): restore it from a backup`),
    );

    const adir = join(dir, 'a-directory');
    mkdirSync(adir);
    expect(dbError(() => openDb(adir)).message).toMatch(
      new RegExp(`^cannot open database ${adir} \\(SQLITE_CANTOPEN\\)`),
    );

    const aFile = join(dir, 'plain.txt');
    writeFileSync(aFile, 'x');
    expect(dbError(() => openDb(join(aFile, 'g.db'))).message).toMatch(
      new RegExp(`^cannot use database path ${aFile}/g\\.db \\((ENOTDIR|EEXIST)\\)`),
    );

    const newer = join(dir, 'newer.db');
    openDb(newer).prepare(`INSERT INTO schema_migrations VALUES ('999-future', 'x')`).run();
    expect(dbError(() => openDb(newer)).message).toMatch(
      new RegExp(`^database ${newer} has migrations this govscan does not know \\(999-future\\)`),
    );
  });

  it('a full disk or a read-only database while saving: the path, the site, the run and the fix (exit 1: the job failed part way)', () => {
    const file = join(dir, 'full.db');
    const db = openDb(file);
    const run = createRun(db, { kind: 'crawl', config: {}, options: {}, siteCodes: [CHENGDU.code], toolVersion: 't' });
    // SQLite's own page limit gives the very error a full disk gives.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    const big = sampleArtifacts();
    big.pages[0]!.body += randomBytes(64 * 1024).toString('hex'); // needs new pages: incompressible
    const full = dbError(() => saveSite(db, run, big, sampleResults()));
    expect(full.message).toMatch(
      new RegExp(
        `^the disk holding database ${file} is full \\(SQLITE_FULL\\): free space there or pass --db on another disk; an interrupted crawl continues with --resume \\(while saving site 510100 of run ${run}`,
      ),
    );
    expect(full.unusableInput).toBe(false);
    db.close();

    const ro = new Database(file, { readonly: true });
    const readOnly = dbError(() => saveSite(ro, run, sampleArtifacts(), sampleResults()));
    expect(readOnly.message).toMatch(
      new RegExp(`^database ${file} is read-only \\(SQLITE_READONLY\\): govscan writes to it`),
    );
    ro.close();
  });
});

/** Freeze an object graph (Buffers excepted: typed arrays with elements cannot be frozen). */
function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Buffer.isBuffer(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
