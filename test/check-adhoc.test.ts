/**
 * `govscan check <url>` for a site that is not in the registry (an ad-hoc site), end to end on a
 * loopback server: crawled, stored under its synthetic code, replayed identically, bundled,
 * scored without a rank, exported and reported; the registry lookup as before; bad input named
 * precisely with exit code 2 before anything is done.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../src/registry/registry.js';
import { matchSite, parseSiteQuery, SiteQueryError } from '../src/registry/site-query.js';
import { html, startServer, type TestServer } from './crawl-servers.js';

const CLI = join(__dirname, '..', 'src', 'cli', 'govscan.mjs');
const dir = mkdtempSync(join(tmpdir(), 'govscan-adhoc-'));
const db = join(dir, 'adhoc.db');

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}
/** Asynchronous, so independent commands run side by side (each loads tsx and the crawler). */
const govscan = (...args: string[]): Promise<Ran> =>
  new Promise((ok) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: dir, encoding: 'utf8', timeout: 50_000, env: { ...process.env, GOVSCAN_OUTPUT: dir } },
      (err, stdout, stderr) =>
        ok({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });

let site: TestServer;
const config = join(dir, 'config.json');
const registry = join(dir, 'registry.csv');

beforeAll(async () => {
  site = await startServer({
    '/': {
      body: html(
        '某某县人民政府',
        `<div class="nav"><a href="/xwdt/">新闻动态</a> <a href="/tzgg/">通知公告</a> <a href="/hdjl/">县长信箱</a></div>
         <p>政府网站标识码：5101210001</p><p>2026-11-20 县政府召开常务会议</p>`,
      ),
    },
    '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow:\n' },
    '/xwdt/': { body: html('新闻动态', '<a href="/xwdt/1.html">县政府召开常务会议</a>') },
    '/xwdt/1.html': { body: html('县政府召开常务会议', '2026-11-20 正文') },
    '/tzgg/': { body: html('通知公告', '<a href="/tzgg/1.html">关于征集意见的公告</a>') },
    '/hdjl/': { body: html('县长信箱', '<a href="/hdjl/write">我要写信</a>') },
  });
  writeFileSync(
    config,
    JSON.stringify({
      crawl: {
        renderHomepage: false,
        perHostDelayMs: 10,
        retryBaseDelayMs: 10,
        requestTimeoutSecs: 3,
        timePerSiteSecs: 20,
        linkChecksPerSite: 5,
        pagesPerSite: 10,
      },
    }),
  );
  // A registry whose 510100 portal is the loopback site: the registry lookup, end to end.
  writeFileSync(
    registry,
    `code,name,province,kind,portal_url,url_source\n510100,成都市,四川省,prefecture_city,${site.origin}/,test\n`,
  );
});
afterAll(async () => {
  await site?.close();
});

const net = () => ['--db', db, '--config', config, '--allow-private'];

describe('govscan check <url> for a site not in the registry', () => {
  it('parses what the user typed: registry code, name, portal URL, or an ad-hoc URL', () => {
    const all = loadRegistry();
    expect(matchSite(all, '510100', { allowAdhoc: true })).toMatchObject({
      adhoc: false,
      locality: { code: '510100' },
    });
    expect(matchSite(all, '成都市', { allowAdhoc: true }).locality.code).toBe('510100');
    // The same homepage written another way (scheme, case, www., an index file) is the registry entry.
    for (const url of [
      'https://www.chengdu.gov.cn/',
      'http://www.chengdu.gov.cn',
      'WWW.Chengdu.gov.cn/',
      'chengdu.gov.cn',
      'https://www.chengdu.gov.cn/index.html',
    ])
      expect(matchSite(all, url, { allowAdhoc: true }), url).toMatchObject({
        adhoc: false,
        locality: { code: '510100' },
      });
    // Another path on the portal's host is another site, checked ad hoc with a pointer to the registry entry.
    const section = matchSite(all, 'https://www.chengdu.gov.cn/zwgk/', { allowAdhoc: true });
    expect(section.adhoc && section.note).toContain('give 510100');
    expect(matchSite(all, 'https://www.chengdu.gov.cn/zwgk/', { allowAdhoc: true }).locality.code).toBe(
      'adhoc:www.chengdu.gov.cn/zwgk',
    );
    expect(
      matchSite(all, 'www.xxx.gov.cn', { allowAdhoc: true, labels: { name: '某某县', province: '四川省' } }).locality,
    ).toEqual({
      code: 'adhoc:www.xxx.gov.cn',
      name: '某某县',
      province: '四川省',
      kind: 'adhoc',
      portalUrl: 'https://www.xxx.gov.cn/',
      urlSource: 'ad hoc: given to govscan check',
    });
    expect(matchSite(all, 'HTTP://WWW.XXX.GOV.CN:8080/a/#top', { allowAdhoc: true }).locality).toMatchObject({
      code: 'adhoc:www.xxx.gov.cn:8080/a',
      name: 'www.xxx.gov.cn:8080/a',
      province: '',
      portalUrl: 'http://www.xxx.gov.cn:8080/a/',
    });
    expect(matchSite(all, 'https://www.xxx.gov.cn:443/', { allowAdhoc: true }).locality.code).toBe(
      'adhoc:www.xxx.gov.cn',
    );
    expect(parseSiteQuery('adhoc:www.xxx.gov.cn')).toMatchObject({ by: 'url' });
    // Without allowAdhoc (findLocality) a URL must be a registry portal.
    expect(() => matchSite(all, 'www.xxx.gov.cn')).toThrow(/no registry entry has the portal URL/);
    for (const bad of [
      'ftp://x',
      'not a url',
      '999999',
      '5101',
      'http://intranet/',
      'http://u:p@x.gov.cn/',
      'javascript:alert(1)',
    ])
      expect(() => matchSite(all, bad, { allowAdhoc: true }), bad).toThrow(SiteQueryError);
  });

  it('rejects bad input with a clear message and exit 2, before anything is done', async () => {
    const bad = join(dir, 'bad.db');
    const [ftp, text, code, host] = await Promise.all([
      govscan('check', 'ftp://x', '--db', bad),
      govscan('check', 'not a url', '--db', bad),
      govscan('check', '999999', '--db', bad),
      govscan('check', 'http://intranet/', '--db', bad),
    ]);
    expect(ftp.status).toBe(2);
    expect(ftp.stderr).toContain(
      '"ftp://x" is not an http(s) URL (scheme ftp:): only http:// and https:// sites can be checked',
    );
    expect(text.status).toBe(2);
    expect(text.stderr).toContain('no registry entry is named "not a url", and it is not a URL');
    expect(code.status).toBe(2);
    expect(code.stderr).toContain(
      'no registry entry has code 999999; to check a site that is not in the registry, give its URL instead',
    );
    expect(host.status).toBe(2);
    expect(host.stderr).toContain('host "intranet" is not a domain name or IP address');
    expect(existsSync(bad)).toBe(false);
  });

  it('crawls an ad-hoc URL, stores it under adhoc:<host>, replays it identically, bundles, scores, exports and reports it', async () => {
    const url = `${site.origin}/`;
    const code = `adhoc:127.0.0.1:${site.port}`;
    const r = await govscan('check', url, ...net(), '--name', '某某县人民政府', '--province', '四川省', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      run: number;
      adhoc: boolean;
      siteStatus: string;
      site: { code: string; kind: string; name: string };
      indicators: { id: string; status: string }[];
    };
    expect(out).toMatchObject({ adhoc: true, siteStatus: 'ok', site: { code, kind: 'adhoc', name: '某某县人民政府' } });
    expect(out.indicators.length).toBeGreaterThan(10);
    expect(out.indicators.find((i) => i.id === 'site_id_code')?.status).toBe('present');
    expect(site.log.some((l) => l.path === '/xwdt/')).toBe(true);

    const sql = new Database(db, { readonly: true });
    const run = sql.prepare('SELECT kind, options_json FROM runs WHERE id = ?').get(out.run) as {
      kind: string;
      options_json: string;
    };
    expect(run.kind).toBe('check');
    expect(JSON.parse(run.options_json)).toMatchObject({ site: url, adhoc: true, code, url });
    expect(sql.prepare('SELECT name, province, kind, portal_url FROM sites WHERE code = ?').get(code)).toEqual({
      name: '某某县人民政府',
      province: '四川省',
      kind: 'adhoc',
      portal_url: url,
    });
    expect(
      (
        sql.prepare('SELECT COUNT(*) AS n FROM indicator_results WHERE run_id = ? AND code = ?').get(out.run, code) as {
          n: number;
        }
      ).n,
    ).toBe(out.indicators.length);
    sql.close();

    const bundleFile = join(dir, `adhoc_127.0.0.1_${site.port}-run${out.run}.govscan.json.gz`);
    const [replay, byUrl, bundle, score, exp, report, missing] = await Promise.all([
      govscan('replay', String(out.run), code, '--db', db, '--json'),
      govscan('replay', String(out.run), url, '--db', db),
      govscan('bundle', String(out.run), code, '--db', db),
      govscan('score', '--run', String(out.run), '--db', db, '--json'),
      govscan('export', '--run', String(out.run), '--db', db, '--format', 'csv,json', '--out', join(dir, 'export')),
      govscan('report', '--run', String(out.run), '--db', db, '--out', join(dir, 'report.html')),
      govscan('replay', String(out.run), 'adhoc:www.nowhere.gov.cn', '--db', db),
    ]);
    expect(replay.status, replay.stderr).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ site: code, equal: true, differences: [] });
    expect(byUrl.status, byUrl.stderr).toBe(0);
    expect(byUrl.stdout).toContain(`replay of ${code}: identical to the stored results`);
    expect(bundle.status, bundle.stderr).toBe(0);
    expect(existsSync(bundleFile)).toBe(true);
    const fromBundle = await govscan('replay', '--bundle', bundleFile);
    expect(fromBundle.status, fromBundle.stderr).toBe(0);

    // Scored, but not ranked or tiered: it is not one of the registry's localities.
    expect(score.status, score.stderr).toBe(0);
    const scored = JSON.parse(score.stdout) as {
      sites: {
        code: string;
        kind: string;
        scored: boolean;
        total: number | null;
        nationalRank: number | null;
        tier: string | null;
        flags: string[];
      }[];
    };
    expect(scored.sites).toHaveLength(1);
    expect(scored.sites[0]).toMatchObject({
      code,
      kind: 'adhoc',
      scored: true,
      nationalRank: null,
      provincialRank: null,
      tier: null,
    });
    expect(scored.sites[0]!.flags).toContain('adhoc');
    expect(scored.sites[0]!.total).not.toBeNull();
    expect(exp.status, exp.stderr).toBe(0);
    expect(report.status, report.stderr).toBe(0);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(code);

    // Unknown site in a run: bad input, with the run's sites named.
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`its sites: ${code}`);
  }, 120_000); // about 15 s alone; room for a loaded machine

  it('a registry code or portal URL is checked as the registry entry, as before', async () => {
    const [byCode, byUrl] = await Promise.all([
      govscan('check', '510100', '--registry', registry, ...net(), '--json'),
      govscan(
        'check',
        site.origin.replace('http://', ''),
        '--registry',
        registry,
        '--db',
        join(dir, 'reg2.db'),
        '--config',
        config,
        '--allow-private',
        '--json',
      ),
    ]);
    for (const r of [byCode, byUrl]) {
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({
        adhoc: false,
        siteStatus: 'ok',
        site: { code: '510100', name: '成都市', province: '四川省', kind: 'prefecture_city' },
      });
    }
    const run = JSON.parse(byCode.stdout).run as number;
    const sql = new Database(db, { readonly: true });
    expect(
      JSON.parse(
        (sql.prepare('SELECT options_json FROM runs WHERE id = ?').get(run) as { options_json: string }).options_json,
      ),
    ).toEqual({ site: '510100' });
    sql.close();
  }, 120_000);
});
