/**
 * Tamper evidence: a stored snapshot (page text, raw bytes, screenshot) or an evidence bundle
 * that was edited after the fact is reported as TAMPERED (exit 1), naming run, site, URL or
 * blob and the expected and actual sha256 — never replayed as "identical". Export and report
 * read results, not snapshots, and keep working.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import { toSnapshot } from '../crawlers/site/snapshot.js';
import { register as registerExport } from '../src/cli/commands/export.js';
import { register as registerReplay } from '../src/cli/commands/replay.js';
import { register as registerReport } from '../src/cli/commands/report.js';
import { parseConfig } from '../src/config/config.js';
import { detect } from '../src/pipeline/collect.js';
import {
  canonical,
  type EvidenceBundle,
  makeBundle,
  readBundle,
  replayBundle,
  replaySite,
} from '../src/pipeline/replay.js';
import { createRun, loadSiteArtifacts, openDb, saveSite, setRunState, sha256 } from '../src/store/db.js';
import { TamperedError } from '../src/store/integrity.js';
import type { Interaction, SiteArtifacts } from '../src/types.js';
import { CHENGDU, sampleArtifacts, utf8Page } from './helpers/artifacts.js';
import { runCli } from './helpers/cli.js';
import { tempDirForTests } from './helpers/temp-dir.js';

const dir = tempDirForTests('govscan-tamper-');

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const HOME = CHENGDU.portalUrl;
const COLUMN = `${HOME}xxgk/`;

/** One site with a GBK homepage (raw bytes kept beside the text), a UTF-8 page, and screenshots. */
function site(): SiteArtifacts {
  const a = sampleArtifacts();
  const home = a.pages[0]!;
  const raw = iconv.encode(home.body!, 'gbk');
  Object.assign(home, {
    raw,
    charset: 'gb18030',
    contentType: 'text/html; charset=gbk',
    headers: { 'content-type': 'text/html; charset=gbk' },
    bodyHash: sha256(raw),
    bytes: raw.length,
    screenshot: PNG,
    screenshotHash: sha256(PNG),
  });
  const text =
    '<html><head><title>政府信息公开</title></head><body><a href="/zwgk/">政府信息公开</a> 2026-11-19</body></html>';
  a.pages.push(
    utf8Page(COLUMN, text, {
      role: 'column',
      bodyHash: sha256(text),
      fetchedAt: a.startedAt,
      depth: 1,
      referrer: HOME,
      title: '政府信息公开',
    }),
  );
  const shot = Buffer.concat([PNG, Buffer.from('interaction')]);
  const interaction: Interaction = {
    capability: 'site_search',
    outcome: 'verified',
    detail: 'results listed',
    screenshot: shot,
    screenshotHash: sha256(shot),
    at: a.startedAt,
  };
  a.interactions.push(interaction);
  return a;
}

/** A fresh database holding run 1 with the site, its results as detection gives them. */
function freshDb(name: string): {
  file: string;
  run: number;
  hashes: { homeText: string; homeRaw: string; columnText: string; shot: string };
} {
  const file = join(dir, name);
  const db = openDb(file);
  const run = createRun(db, { kind: 'crawl', config: {}, options: {}, siteCodes: [CHENGDU.code], toolVersion: 't' });
  const artifacts = site();
  saveSite(db, run, artifacts, detect(artifacts, parseConfig({})));
  setRunState(db, run, 'done');
  const row = (url: string) =>
    db.prepare('SELECT text_hash, body_hash FROM pages WHERE url = ?').get(url) as {
      text_hash: string;
      body_hash: string;
    };
  const hashes = {
    homeText: row(HOME).text_hash,
    homeRaw: row(HOME).body_hash,
    columnText: row(COLUMN).text_hash,
    shot: sha256(PNG),
  };
  db.close();
  return { file, run, hashes };
}

/** Edit the database behind govscan's back, as someone with sqlite3 would. */
function edit(file: string, fn: (sql: Database.Database) => void): void {
  const sql = new Database(file);
  fn(sql);
  sql.close();
}
const replaceBlob = (sql: Database.Database, hash: string, data: Buffer | string) =>
  sql.prepare('UPDATE blobs SET data = ? WHERE hash = ?').run(gzipSync(Buffer.from(data)), hash);
const blobText = (sql: Database.Database, hash: string) =>
  gunzipSync((sql.prepare('SELECT data FROM blobs WHERE hash = ?').get(hash) as { data: Buffer }).data).toString(
    'utf8',
  );

const cli = (...args: string[]) => runCli([registerReplay, registerExport, registerReport], args);

describe('snapshots in the database', () => {
  let db: { file: string; run: number; hashes: ReturnType<typeof freshDb>['hashes'] };
  let n = 0;
  beforeEach(() => {
    db = freshDb(`t${++n}.db`);
  });

  it('an untouched site replays as identical, with every hash checked', async () => {
    const r = await cli('replay', String(db.run), CHENGDU.code, '--db', db.file);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`replay of 510100: identical to the stored results of run ${db.run} (`);
    expect(r.stdout).not.toContain('TAMPERED');
  });

  it('an edited page text is TAMPERED (exit 1): run, site, URL, expected and actual sha256; never identical', async () => {
    const edited = '<html><body>数据开放 智能问答 无障碍</body></html>';
    edit(db.file, (sql) => replaceBlob(sql, db.hashes.columnText, edited));
    const r = await cli('replay', String(db.run), CHENGDU.code, '--db', db.file);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('identical');
    expect(r.stdout).toContain(
      `replay of 510100: TAMPERED, not replayed: 1 stored item(s) of run ${db.run} fail their hash check:`,
    );
    expect(r.stdout).toContain(
      `page ${COLUMN} decoded text (blob ${db.hashes.columnText}): expected sha256 ${db.hashes.columnText}, actual sha256 ${sha256(edited)}`,
    );
    expect(r.stderr).toContain(`replay of 510100: TAMPERED: 1 item(s) of run ${db.run} fail their hash check`);
    const json = JSON.parse((await cli('replay', String(db.run), CHENGDU.code, '--db', db.file, '--json')).stdout);
    expect(json).toMatchObject({ site: '510100', run: db.run, verdict: 'tampered', equal: false, indicators: [] });
    expect(json.tampered).toHaveLength(1);
    // Detection never reads it either.
    const sql = openDb(db.file);
    expect(() => loadSiteArtifacts(sql, db.run, CHENGDU.code)).toThrow(TamperedError);
    sql.close();
  });

  it('a text rewritten together with its hash is caught by decoding the raw bytes again', () => {
    // GBK homepage: a new text blob under its true hash, the page row pointed at it.
    const forged = (sql: Database.Database, textHash: string, url: string) => {
      const text = blobText(sql, textHash).replace('政务服务', '数据开放');
      sql
        .prepare('INSERT INTO blobs (hash, media_type, size, data) VALUES (?, ?, ?, ?)')
        .run(sha256(text), 'text/plain; charset=utf-8', Buffer.byteLength(text), gzipSync(text));
      sql.prepare('UPDATE pages SET text_hash = ? WHERE url = ?').run(sha256(text), url);
      return text;
    };
    let text = '';
    edit(db.file, (sql) => (text = forged(sql, db.hashes.homeText, HOME)));
    const sql = openDb(db.file);
    const r = replaySite(sql, db.run, CHENGDU.code);
    sql.close();
    expect(r.verdict).toBe('tampered');
    expect(r.tampered).toEqual([
      `page ${HOME}: the decoded text is not the decoding (gb18030) of the raw bytes: expected sha256 ${db.hashes.homeText}, actual sha256 ${sha256(text)}`,
    ]);
  });

  it('an edited raw-bytes blob or screenshot is TAMPERED too', () => {
    edit(db.file, (sql) => {
      replaceBlob(sql, db.hashes.homeRaw, iconv.encode('<html>改过的</html>', 'gbk'));
      replaceBlob(sql, db.hashes.shot, Buffer.from('not the screenshot'));
    });
    const sql = openDb(db.file);
    const r = replaySite(sql, db.run, CHENGDU.code);
    sql.close();
    expect(r.verdict).toBe('tampered');
    expect(r.tampered).toHaveLength(2);
    expect(r.tampered[0]).toMatch(
      new RegExp(
        `^page ${HOME} raw bytes \\(blob ${db.hashes.homeRaw}\\): expected sha256 ${db.hashes.homeRaw}, actual sha256 [0-9a-f]{64}$`,
      ),
    );
    expect(r.tampered[1]).toBe(
      `screenshot of page ${HOME} (blob ${db.hashes.shot}): expected sha256 ${db.hashes.shot}, actual sha256 ${sha256('not the screenshot')}`,
    );
  });

  it('an edited indicator result differs from what its verified snapshots give (exit 1)', async () => {
    edit(db.file, (sql) =>
      sql.prepare(`UPDATE indicator_results SET status = 'present' WHERE indicator = 'open_data_platform'`).run(),
    );
    const r = await cli('replay', String(db.run), CHENGDU.code, '--db', db.file);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/open_data_platform: stored present .* ≠ replayed absent/);
  });

  it('bundle refuses tampered snapshots (exit 1, no file) rather than re-packing them under fresh hashes', async () => {
    edit(db.file, (sql) => replaceBlob(sql, db.hashes.homeText, '<html>x</html>'));
    const out = join(dir, 'refused.govscan.json.gz');
    const r = await cli('bundle', String(db.run), CHENGDU.code, '--db', db.file, '-o', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `TAMPERED: run ${db.run}, site 510100 (database ${db.file}); not bundled: page ${HOME} decoded text`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('export and report read results, not snapshots: they work on a tampered database; the report shows no edited screenshot', async () => {
    edit(db.file, (sql) => {
      replaceBlob(sql, db.hashes.homeText, '<html>x</html>');
      replaceBlob(sql, db.hashes.shot, Buffer.from('not the screenshot'));
    });
    const e = await cli('export', '--db', db.file, '--format', 'csv', '--out', join(dir, `export${n}`));
    expect(e.status, e.stderr).toBe(0);
    const html = join(dir, `report${n}.html`);
    const r = await cli('report', '--db', db.file, '--out', html);
    expect(r.status, r.stderr).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain(`fails its sha256 check (tampered)`);
    expect(page).not.toContain(Buffer.from('not the screenshot').toString('base64'));
  });
});

describe('evidence bundles', () => {
  const { file, run } = freshDb('bundle.db');
  const sql = openDb(file);
  const made = makeBundle(sql, run, CHENGDU.code);
  sql.close();
  const bundleFile = join(dir, 'ok.govscan.json.gz');
  writeFileSync(bundleFile, made.data);
  /** The bundle's JSON, edited and written back as a file. */
  const tampered = (name: string, fn: (b: EvidenceBundle) => void): string => {
    const b = JSON.parse(gunzipSync(made.data).toString('utf8')) as EvidenceBundle;
    fn(b);
    const out = join(dir, name);
    writeFileSync(out, gzipSync(JSON.stringify(b)));
    return out;
  };
  const replayFile = (f: string, expectDigest?: string) =>
    replayBundle(readBundle(readFileSync(f), f), { expectDigest });

  it('carries the raw bytes of the GBK page, each text hash and a digest over all of it; replays identical', async () => {
    const b = readBundle(made.data);
    expect(b.digest).toBe(made.digest);
    expect(b.pageChecks.map((p) => p.raw)).toEqual(['blob', 'none', 'text']);
    expect(Object.keys(b.blobs)).toContain(b.artifacts.pages[0]!.bodyHash);
    const r = await cli('replay', '--bundle', bundleFile, '--expect-digest', made.digest);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      `replay of 510100: identical to the stored results of run ${run} (bundle ${bundleFile})`,
    );
  });

  it('an edited page text in a bundle is TAMPERED (exit 1), naming the page and both hashes', async () => {
    const f = tampered('text.govscan.json.gz', (b) => (b.artifacts.pages[2]!.body = '<html>数据开放</html>'));
    const r = await cli('replay', '--bundle', f);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain('identical');
    expect(r.stdout).toContain(
      `replay of 510100: TAMPERED, not replayed: 2 stored item(s) of run ${run} (bundle ${f}) fail their hash check:`,
    );
    expect(r.stdout).toContain(
      `  bundle content digest (a result, evidence row, page, config or blob was changed after the bundle was made): expected sha256 ${made.digest}, actual sha256 `,
    );
    expect(r.stdout).toContain(
      `  page ${COLUMN} decoded text: expected sha256 ${sha256(readBundle(made.data).artifacts.pages[2]!.body!)}, actual sha256 ${sha256('<html>数据开放</html>')}`,
    );
  });

  it('an edited result, evidence row or blob changes the digest: TAMPERED, not "differs"', () => {
    const status = replayFile(
      tampered(
        'status.govscan.json.gz',
        (b) => (b.results.find((r) => r.id === 'open_data_platform')!.status = 'present'),
      ),
    );
    expect(status.verdict).toBe('tampered');
    expect(status.tampered).toEqual([
      expect.stringMatching(/^bundle content digest .*: expected sha256 [0-9a-f]{64}, actual sha256 [0-9a-f]{64}$/),
    ]);
    const snippet = replayFile(
      tampered(
        'evidence.govscan.json.gz',
        (b) => (b.results.find((r) => r.evidence.length)!.evidence[0]!.snippet = '改过的'),
      ),
    );
    expect(snippet.verdict).toBe('tampered');
    const shot = sha256(PNG);
    const blob = replayFile(
      tampered('blob.govscan.json.gz', (b) => (b.blobs[shot] = Buffer.from('other').toString('base64'))),
    );
    expect(blob.tampered).toContain(`blob ${shot}: expected sha256 ${shot}, actual sha256 ${sha256('other')}`);
  });

  it('a forger who recomputes every hash still fails: the GBK text against its raw bytes, and any edit against the recorded digest', () => {
    const recompute = (b: EvidenceBundle) => {
      b.pageChecks = b.artifacts.pages.map((p, i) => ({
        ...b.pageChecks[i]!,
        textHash: p.body === undefined ? null : sha256(p.body),
      }));
      const { digest: _old, ...content } = b;
      b.digest = sha256(canonical(content));
    };
    const gbk = replayFile(
      tampered('forged-gbk.govscan.json.gz', (b) => {
        b.artifacts.pages[0]!.body = b.artifacts.pages[0]!.body!.replace('政务服务', '数据开放');
        recompute(b);
      }),
    );
    expect(gbk.tampered).toEqual([
      expect.stringMatching(
        new RegExp(`^page ${HOME}: the decoded text is not the decoding \\(gb18030\\) of the raw bytes`),
      ),
    ]);

    const result = tampered('forged-result.govscan.json.gz', (b) => {
      b.results.find((r) => r.id === 'open_data_platform')!.status = 'present';
      recompute(b);
    });
    expect(replayFile(result).verdict).toBe('differs'); // self-consistent: only the replay notices
    const checked = replayFile(result, made.digest);
    expect(checked.verdict).toBe('tampered');
    expect(checked.tampered[0]).toMatch(
      new RegExp(
        `^bundle digest, against the one recorded when the bundle was made \\(--expect-digest\\): expected sha256 ${made.digest}, actual sha256 `,
      ),
    );
  });

  it('a file that is not a current bundle is bad input (exit 2)', async () => {
    const v1 = tampered('v1.govscan.json.gz', (b) => ((b as { format: string }).format = 'govscan-evidence-bundle/1'));
    const old = await cli('replay', '--bundle', v1);
    expect(old.status).toBe(2);
    expect(old.stderr).toContain(
      `${v1} is a format 1 evidence bundle, which carries no hashes and cannot be checked for tampering`,
    );
    const junk = join(dir, 'junk.gz');
    writeFileSync(junk, 'not gzip');
    const j = await cli('replay', '--bundle', junk);
    expect(j.status).toBe(2);
    expect(j.stderr).toContain(`${junk} is not a govscan evidence bundle (gzip JSON)`);
    expect((await cli('replay', '--bundle', bundleFile, '--expect-digest', 'abc')).status).toBe(2);
  });
});

describe('the crawler keeps the raw bytes the text is checked against', () => {
  const fetched = (raw: Buffer, contentType: string) =>
    toSnapshot(
      {
        url: HOME,
        finalUrl: HOME,
        status: 'ok',
        httpStatus: 200,
        headers: { 'content-type': contentType },
        raw,
        redirects: [HOME],
        attempts: 1,
        fetchedAt: '2026-11-20T08:00:00.000Z',
        durationMs: 5,
      },
      'home',
      { depth: 0 },
    );
  it('GBK bytes are kept beside the text; UTF-8 bytes are the text itself and are not kept twice', () => {
    const gbk = iconv.encode('<html><title>成都市人民政府</title></html>', 'gbk');
    const page = fetched(gbk, 'text/html; charset=gbk');
    expect(page.body).toBe('<html><title>成都市人民政府</title></html>');
    expect(page.raw).toEqual(gbk);
    expect(page.bodyHash).toBe(sha256(gbk));
    const utf8 = fetched(Buffer.from('<html><title>成都市人民政府</title></html>'), 'text/html; charset=utf-8');
    expect(utf8.raw).toBeUndefined();
    expect(utf8.bodyHash).toBe(sha256(utf8.body!));
  });
});
