// The private-address guard on every request path, with and without an upstream proxy (issue 13,
// defects 1 and 2), and network flags checked before a run starts (defect 7).
// A crawl through a logging forward proxy must ask it for nothing on the operator's own network.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumProxySwitch } from '../crawlers/chromium.js';
import { blockedAddress, blockedName } from '../crawlers/http/address-policy.js';
import type { FetchError } from '../crawlers/http/classify.js';
import { HttpClient } from '../crawlers/http/client.js';
import { type HostLookup, UrlPolicy } from '../crawlers/http/policy.js';
import type { HopExecutor, HopResult } from '../crawlers/http/types.js';
import { BrowserPool, browserOptionsFrom } from '../crawlers/verify/browser-pool.js';
import { checkCaFile, checkProxy, checkResolver, preflightNetwork } from '../src/cli/preflight.js';
import { parseConfig } from '../src/config/config.js';
import { CLI_BIN, spawnCli } from './helpers/cli.js';
import { type LoggingProxy, startLoggingProxy } from './helpers/logging-proxy.js';

const dir = mkdtempSync(join(tmpdir(), 'govscan-hostile-'));

/** The public hosts of the test's internet: nothing else may be asked of the proxy. */
const HOSTILE = 'www.hostile.gov.cn';
const REDIRECTOR = 'www.redirector.gov.cn';
const PUBLIC = new Set([HOSTILE, REDIRECTOR]);

/** A homepage whose links, sub-resources, scripts and redirects all point into private space. */
const HOSTILE_PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>某某市人民政府</title>
<link rel="preconnect" href="https://10.0.0.7">
<link rel="prefetch" href="http://10.0.0.37/p">
<link rel="stylesheet" href="http://192.168.0.5/s.css">
<script src="http://10.0.0.9/x.js"></script>
</head><body>
<img src="http://169.254.169.254/latest/meta-data/iam/security-credentials/">
<iframe src="http://[::ffff:a9fe:a9fe]/latest/meta-data/"></iframe>
<script>
fetch('http://169.254.169.254/latest/api/token', { method: 'PUT' }).catch(() => 0);
try { new WebSocket('ws://10.0.0.6/'); } catch (e) {}
</script>
<ul>
<li><a href="http://169.254.169.254/latest/meta-data/">数据开放</a></li>
<li><a href="http://10.0.0.8/zwfw/">政务服务</a></li>
<li><a href="http://192.168.1.1/hdjl/">互动交流</a></li>
<li><a href="http://127.0.0.1:1/">内网</a></li>
<li><a href="http://[::ffff:7f00:1]/x">映射</a></li>
<li><a href="http://[::ffff:a9fe:a9fe]/latest/">映射元数据</a></li>
<li><a href="http://0x7f.1/">十六进制</a></li>
<li><a href="http://2130706433/">十进制</a></li>
<li><a href="http://localhost/">本机</a></li>
<li><a href="http://intranet/">内网名</a></li>
<li><a href="http://[64:ff9b::a9fe:a9fe]/">NAT64</a></li>
<li><a href="http://[fd00::1]/">ULA</a></li>
<li><a href="https://10.1.1.1/">HTTPS 内网</a></li>
<li><a href="http://100.64.0.1/">CGNAT</a></li>
<li><a href="/go-meta">政策文件</a></li>
<li><a href="/go-mapped">通知公告</a></li>
</ul></body></html>`;

function hostileInternet(): Parameters<typeof startLoggingProxy>[0] {
  return {
    [HOSTILE]: (_req, res, url) => {
      if (url.pathname === '/')
        return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HOSTILE_PAGE);
      if (url.pathname === '/go-meta')
        return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (url.pathname === '/go-mapped')
        return void res.writeHead(302, { location: 'http://[::ffff:a9fe:a9fe]/latest/meta-data/' }).end();
      if (url.pathname === '/robots.txt')
        return void res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end('User-agent: *\nDisallow:\nSitemap: http://10.0.0.2/sitemap.xml\n');
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><title>404</title></html>');
    },
    [REDIRECTOR]: (_req, res) => void res.writeHead(302, { location: 'http://10.0.0.1/admin/' }).end(),
  };
}

/** Logged targets outside the public hosts: each one is a request that should have been refused. */
/** The allow-list header the browser tests configure, and the requests to the public host that lacked it. */
const ALLOW = { name: 'X-Govscan-Scanner', value: 'research-token-1' };
const withoutAllowHeader = (p: LoggingProxy) =>
  p.log.filter((l) => l.host === HOSTILE && l.headers?.['x-govscan-scanner'] !== ALLOW.value).map((l) => l.target);
const leaks = (p: LoggingProxy) => p.log.filter((l) => !PUBLIC.has(l.host)).map((l) => `${l.method} ${l.target}`);

/** The bin, killed if it has not ended within `timeoutMs` (it must end on its own). */
const runCli = (args: string[], timeoutMs: number) => spawnCli(args, timeoutMs);

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

describe('address policy: addresses compared as numbers', () => {
  it('refuses loopback, private, link-local, CGNAT, ULA, multicast and reserved space', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
    ])
      expect(blockedAddress(ip), ip).toBeDefined();
    expect(blockedAddress('169.254.169.254')).toMatch(/link-local/);
  });

  it('decodes the IPv4 address inside mapped, compatible, NAT64, 6to4 and Teredo IPv6 forms', () => {
    expect(blockedAddress('::ffff:7f00:1')).toMatch(/IPv4-mapped.*127\.0\.0\.1.*loopback/);
    expect(blockedAddress('::ffff:127.0.0.1')).toMatch(/loopback/);
    expect(blockedAddress('::ffff:a9fe:a9fe')).toMatch(/169\.254\.169\.254.*link-local/);
    expect(blockedAddress('::7f00:1')).toMatch(/IPv4-compatible.*loopback/);
    expect(blockedAddress('64:ff9b::a9fe:a9fe')).toMatch(/NAT64.*link-local/);
    expect(blockedAddress('64:ff9b::10.0.0.1')).toMatch(/NAT64.*private/);
    expect(blockedAddress('2002:c0a8:101::1')).toMatch(/6to4.*192\.168\.1\.1/);
    expect(blockedAddress('2001:0:4136:e378:8000:63bf:f5ff:fffe')).toMatch(/Teredo.*10\.0\.0\.1/);
    expect(blockedAddress('::ffff:0:a00:1')).toMatch(/private/);
  });

  it('lets public addresses through, in every form', () => {
    for (const ip of [
      '8.8.8.8',
      '202.96.128.86',
      '172.32.0.1',
      '100.128.0.1',
      '2400:3200::1',
      '240e::1',
      '::ffff:808:808',
      '64:ff9b::808:808',
      '2002:808:808::1',
    ])
      expect(blockedAddress(ip), ip).toBeUndefined();
  });

  it('refuses localhost and intranet names, and numeric host forms as the URL parser normalises them', () => {
    for (const h of [
      'localhost',
      'LOCALHOST.',
      'a.b.localhost',
      'metadata.google.internal',
      'printer.local',
      'intranet',
    ])
      expect(blockedName(h), h).toBeDefined();
    for (const u of [
      'http://0x7f.1/',
      'http://2130706433/',
      'http://127.1/',
      'http://0177.0.0.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://[0:0:0:0:0:ffff:a9fe:a9fe]/',
    ])
      expect(blockedName(new URL(u).hostname), u).toBeDefined();
    expect(blockedName('www.gov.cn')).toBeUndefined();
  });

  it('gives a Chromium PAC script that sends private literals and reserved names to a closed port, public hosts to the proxy', () => {
    const src = Buffer.from(
      chromiumProxySwitch('http://127.0.0.1:3128', true).split('base64,')[1]!,
      'base64',
    ).toString();
    const route = new Function(`${src}; return FindProxyForURL;`)() as (url: string, host: string) => string;
    for (const h of [
      '169.254.169.254',
      '10.1.2.3',
      '172.20.0.1',
      '100.100.100.200',
      '127.0.0.1',
      '::ffff:a9fe:a9fe',
      '::1',
      'fd00::1',
      '64:ff9b::a9fe:a9fe',
      'localhost',
      'a.localhost',
      'metadata.google.internal',
      'intranet',
    ])
      expect(route(`http://${h}/`, h), h).toBe('PROXY 127.0.0.1:9');
    for (const h of ['www.gov.cn', '172.32.0.1', '100.128.0.1', '202.96.128.86', '2400:3200::1'])
      expect(route(`http://${h}/`, h), h).toBe('PROXY 127.0.0.1:3128');
    // Off by default (the fixture world and --allow-private).
    expect(chromiumProxySwitch('http://127.0.0.1:3128')).not.toBe(chromiumProxySwitch('http://127.0.0.1:3128', true));
  });
});

describe('URL policy behind an upstream proxy (defect 1)', () => {
  const proxied = parseConfig({ network: { proxy: 'http://127.0.0.1:3128' } });
  const refusal = async (p: UrlPolicy, url: string) =>
    p.check(url).then(
      () => undefined,
      (e: FetchError) => e,
    );

  it('judges IP literals as they are: a proxy does not switch the guard off', async () => {
    const p = new UrlPolicy(proxied, async () => [{ address: '8.8.8.8' }]);
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/',
      'http://[::ffff:7f00:1]:8080/',
      'https://192.168.1.1/',
      'http://localhost/',
    ])
      expect((await refusal(p, url))?.status, url).toBe('policy_denied');
    expect(await refusal(p, 'http://202.96.128.86/')).toBeUndefined();
  });

  it('refuses a name that resolves here to a private address, and leaves names this machine cannot resolve to the proxy', async () => {
    const lookup: HostLookup = async (host) => {
      if (host === 'intranet.example.gov.cn') return [{ address: '203.0.114.1' }, { address: '10.9.8.7' }];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    };
    const p = new UrlPolicy(proxied, lookup);
    const e = await refusal(p, 'http://intranet.example.gov.cn/');
    expect(e?.status).toBe('policy_denied');
    expect(e?.message).toMatch(/intranet\.example\.gov\.cn resolves to 10\.9\.8\.7, private 10\.0\.0\.0\/8/);
    expect(await refusal(p, 'http://only-the-proxy-knows.gov.cn/')).toBeUndefined();
    // Without a proxy, a name that does not resolve stays a `dns` failure.
    const direct = new UrlPolicy(parseConfig({}), lookup);
    expect((await refusal(direct, 'http://only-the-proxy-knows.gov.cn/'))?.status).toBe('dns');
  });

  it('does not wait for a silent local resolver: the proxy resolves', async () => {
    const p = new UrlPolicy(proxied, () => new Promise(() => undefined));
    expect(await refusal(p, 'http://slow-dns.gov.cn/')).toBeUndefined();
  }, 20_000);

  it('allows everything with allowPrivateNetworks (the fixture world)', async () => {
    const p = new UrlPolicy(parseConfig({ network: { proxy: 'http://127.0.0.1:3128', allowPrivateNetworks: true } }));
    expect(await refusal(p, 'http://169.254.169.254/')).toBeUndefined();
  });
});

/** The wire, as a recording stub: every hop the client lets through is one call here. */
function recordingExecutor(
  answer: (url: string) => HopResult = (url) => ({
    url,
    httpStatus: 200,
    headers: { 'content-type': 'text/plain' },
    raw: Buffer.from('secret'),
  }),
) {
  const hops: string[] = [];
  const executor: HopExecutor = {
    execute: async (hop) => {
      hops.push(hop.url);
      return answer(hop.url);
    },
    close: async () => undefined,
  };
  return { hops, executor };
}

describe('IPv4-mapped IPv6 and other spellings of loopback, without a proxy (defect 2)', () => {
  it('refuses loopback written as mapped, compatible, hexadecimal or decimal IPv4 and sends nothing', async () => {
    const { hops, executor } = recordingExecutor();
    const client = new HttpClient(parseConfig({ crawl: { maxRetries: 0, perHostDelayMs: 0 } }), executor);
    for (const host of [
      '[::ffff:127.0.0.1]',
      '[::ffff:7f00:1]',
      '[0:0:0:0:0:ffff:7f00:1]',
      '[::7f00:1]',
      '[::ffff:a9fe:a9fe]',
      '[64:ff9b::a9fe:a9fe]',
      '0x7f.1',
      '2130706433',
      '127.1',
      'localhost',
      'a.localhost',
    ]) {
      const r = await client.fetch({ url: `http://${host}:8080/meta-data`, role: 'home', site: 'x' });
      expect(r.status, host).toBe('policy_denied');
      expect(r.error, host).toMatch(/govscan refused http:\/\/.*(loopback|localhost|link-local)/);
    }
    expect(hops).toEqual([]);
  });
});

describe('redirects into private space (every hop goes back through the policy)', () => {
  for (const proxy of [undefined, 'http://127.0.0.1:3128'])
    it(`are refused at the hop that leaves the public host (${proxy ? 'behind a proxy' : 'direct'})`, async () => {
      const { hops, executor } = recordingExecutor(
        (url): HopResult =>
          url.startsWith('http://202.96.128.86/')
            ? {
                url,
                httpStatus: 302,
                headers: { location: 'http://[::ffff:a9fe:a9fe]/latest/meta-data/' },
                raw: Buffer.alloc(0),
              }
            : { url, httpStatus: 200, headers: {}, raw: Buffer.from('secret') },
      );
      const client = new HttpClient(
        parseConfig({ network: { proxy }, crawl: { maxRetries: 0, perHostDelayMs: 0 } }),
        executor,
      );
      const r = await client.fetch({ url: 'http://202.96.128.86/', role: 'home', site: 'x' });
      expect(r.status).toBe('policy_denied');
      expect(r.error).toMatch(/169\.254\.169\.254.*link-local/);
      expect(hops).toEqual(['http://202.96.128.86/']);
    });
});

describe('the DNS probe', () => {
  it('does not dial an AAAA record that points into private space', async () => {
    const { startDnsServer } = await import('../fixtures/server/dns.js');
    const { dnsFacts } = await import('../crawlers/probes/dns.js');
    const dns = await startDnsServer({ a: () => ['10.0.0.5'], aaaa: () => ['::1'] });
    let dialled = 0;
    const target = net.createServer((s) => {
      dialled++;
      s.destroy();
    });
    await new Promise<void>((ok) => target.listen(0, '::1', ok));
    try {
      const port = (target.address() as net.AddressInfo).port;
      const facts = await dnsFacts(parseConfig({ network: { resolver: dns.address } }), 'www.rebind.gov.cn', port);
      expect(facts.aaaa).toEqual(['::1']);
      expect(facts.ipv6Reachable).toBeUndefined();
      expect(dialled).toBe(0);
      // With --allow-private (the fixture world) it is measured as before.
      expect(
        (
          await dnsFacts(
            parseConfig({ network: { resolver: dns.address, allowPrivateNetworks: true } }),
            'www.rebind.gov.cn',
            port,
          )
        ).ipv6Reachable,
      ).toBe(true);
    } finally {
      target.close();
      await dns.close();
    }
  });
});

describe('a crawl through an upstream proxy without --allow-private (defect 1, end to end)', () => {
  let proxy: LoggingProxy;
  let run: Awaited<ReturnType<typeof runCli>>;
  let db: Database.Database;

  beforeAll(async () => {
    proxy = await startLoggingProxy(hostileInternet());
    const registry = join(dir, 'hostile.csv');
    writeFileSync(
      registry,
      'code,name,province,kind,portal_url,url_source\n' +
        `990001,恶意链接市,测试省,prefecture_city,http://${HOSTILE}/,test\n` +
        '990002,元数据市,测试省,prefecture_city,http://169.254.169.254/latest/meta-data/,test\n' +
        '990003,内网市,测试省,prefecture_city,http://10.20.30.40/,test\n' +
        '990004,加密内网市,测试省,prefecture_city,https://172.16.5.5/,test\n' +
        `990005,跳转市,测试省,prefecture_city,http://${REDIRECTOR}/,test\n`,
    );
    const config = join(dir, 'fast.json');
    writeFileSync(
      config,
      JSON.stringify({
        crawl: { perHostDelayMs: 0, retryBaseDelayMs: 50, maxRetries: 0, requestTimeoutSecs: 10, timePerSiteSecs: 60 },
      }),
    );
    const dbFile = join(dir, 'hostile.db');
    run = await runCli(
      [
        'crawl',
        '--registry',
        registry,
        '--config',
        config,
        '--db',
        dbFile,
        '--proxy',
        proxy.url,
        '--no-progress',
        '--json',
        '--log',
        join(dir, 'hostile.log'),
      ],
      150_000,
    );
    db = new Database(dbFile, { readonly: true });
  }, 180_000);

  afterAll(async () => {
    db?.close();
    await proxy?.close();
  });

  it('ends on its own, exit 0', () => {
    expect(run.status, run.stderr).toBe(0);
  });

  it('asks the proxy for nothing on private, loopback, link-local or mapped addresses (no CONNECT either)', () => {
    expect(proxy.log.some((l) => l.host === HOSTILE)).toBe(true); // the public site was crawled
    expect(leaks(proxy)).toEqual([]);
  });

  it('stores private registry URLs and redirects into private space as policy_denied, not ok, and scores nothing from them', () => {
    const status = Object.fromEntries(
      (db.prepare('SELECT code, site_status FROM site_runs').all() as { code: string; site_status: string }[]).map(
        (r) => [r.code, r.site_status],
      ),
    );
    expect(status).toEqual({
      '990001': 'ok',
      '990002': 'policy_denied',
      '990003': 'policy_denied',
      '990004': 'policy_denied',
      '990005': 'policy_denied',
    });
    const err = (db.prepare("SELECT site_error FROM site_runs WHERE code = '990002'").get() as { site_error: string })
      .site_error;
    expect(err).toMatch(/169\.254\.169\.254.*link-local/);
    // Refused is never scored as absent: only what the registry URL itself says is known (its domain).
    const known = db
      .prepare(
        "SELECT DISTINCT indicator FROM indicator_results WHERE code IN ('990002','990003','990004','990005') AND status <> 'unknown'",
      )
      .all() as { indicator: string }[];
    expect(known.map((r) => r.indicator)).toEqual(['gov_domain']);
  });

  it('refuses the private links, redirects, robots Sitemap and sub-resources of a public page, and records why', () => {
    const okPrivate = db
      .prepare("SELECT url, final_url, status FROM pages WHERE status = 'ok'")
      .all()
      .filter((p) => !PUBLIC.has(new URL((p as { final_url: string }).final_url).hostname));
    expect(okPrivate).toEqual([]);
    const checks = db.prepare("SELECT url, status FROM link_checks WHERE code = '990001'").all() as {
      url: string;
      status: string;
    }[];
    const privateChecks = checks.filter((c) => !PUBLIC.has(new URL(c.url).hostname));
    expect(privateChecks.length).toBeGreaterThan(5);
    expect(privateChecks.filter((c) => c.status !== 'policy_denied')).toEqual([]);
    const redirected =
      checks.find((c) => c.url.endsWith('/go-meta')) ??
      (db.prepare("SELECT status FROM pages WHERE url LIKE '%/go-meta'").get() as { status: string } | undefined);
    expect(redirected?.status).toBe('policy_denied');
    const probes = JSON.parse(
      (db.prepare("SELECT probes_json FROM site_runs WHERE code = '990001'").get() as { probes_json: string })
        .probes_json,
    ) as { sitemapXml?: { status: string } };
    expect(probes.sitemapXml?.status).toBe('policy_denied');
    const rendered = db
      .prepare("SELECT requests_json FROM pages WHERE code = '990001' AND crawler = 'browser'")
      .get() as { requests_json: string } | undefined;
    const requests = JSON.parse(rendered?.requests_json ?? '[]') as {
      url: string;
      resourceType: string;
      failed?: string;
    }[];
    const img = requests.find((r) => r.url.startsWith('http://169.254.169.254/latest/meta-data/iam'));
    expect(img?.failed).toMatch(/govscan refused .*link-local/);
    expect(requests.find((r) => r.resourceType === 'websocket')?.failed).toMatch(
      /govscan refused .*10\.0\.0\.6.*private/,
    );
  });
});

describe('browsers behind an upstream proxy (defect 1)', () => {
  let proxy: LoggingProxy;
  beforeAll(async () => {
    proxy = await startLoggingProxy(hostileInternet());
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it("the verification browser aborts a public page's requests into private space", async () => {
    const { settingsFrom, verifySite } = await import('../crawlers/verify/index.js');
    const cfg = parseConfig({
      network: { proxy: proxy.url, allowListHeader: ALLOW },
      audit: { reactionWaitMs: 500, answerWaitMs: 500 },
    });
    const settings = settingsFrom(cfg.audit);
    const pool = new BrowserPool(browserOptionsFrom(cfg));
    try {
      proxy.log.length = 0;
      await verifySite(pool, {
        url: `http://${HOSTILE}/`,
        settings,
        deadlineMs: 30_000,
        capabilities: ['accessibility_mode'],
      });
      expect(proxy.log.some((l) => l.host === HOSTILE)).toBe(true);
      expect(leaks(proxy)).toEqual([]);
      expect(withoutAllowHeader(proxy)).toEqual([]); // the page and its sub-resources carry the allow-list header
      proxy.log.length = 0;
      const r = await verifySite(pool, {
        url: 'http://169.254.169.254/latest/meta-data/',
        settings,
        deadlineMs: 20_000,
        capabilities: ['accessibility_mode'],
      });
      expect(r.loadError).toMatch(/ERR_ACCESS_DENIED/);
      expect(proxy.log).toEqual([]);
    } finally {
      await pool.close();
    }
  }, 90_000);

  it('Lighthouse refuses a private target and blocks private sub-resources of a public one', async () => {
    const { LighthouseRunner, lighthouseOptionsFrom } = await import('../src/audit/lighthouse.js');
    const lh = new LighthouseRunner({
      ...lighthouseOptionsFrom(parseConfig({ network: { proxy: proxy.url, allowListHeader: ALLOW } })),
      lockFile: undefined,
    });
    try {
      proxy.log.length = 0;
      const refused = await lh.audit('http://169.254.169.254/latest/meta-data/');
      expect(refused.status).toBe('error');
      expect(refused.error).toMatch(/govscan refused .*link-local/);
      expect(proxy.log).toEqual([]);
      const r = await lh.audit(`http://${HOSTILE}/`);
      expect(
        proxy.log.some((l) => l.host === HOSTILE),
        JSON.stringify(r.error),
      ).toBe(true);
      expect(leaks(proxy)).toEqual([]);
      // Lighthouse's extraHeaders reach the page and its sub-resources; not its own robots.txt fetch
      // (CDP loadNetworkResource ignores them) nor a CONNECT, whose headers a proxy cannot see.
      expect(withoutAllowHeader(proxy).filter((t) => !t.endsWith('/robots.txt') && !/^[^/]+:443$/.test(t))).toEqual([]);
      expect(proxy.log.some((l) => l.target === `http://${HOSTILE}/` && l.headers?.['x-govscan-scanner'])).toBe(true);
    } finally {
      await lh.close();
    }
  }, 150_000);
});

describe('network flags checked before a run (defect 7)', () => {
  const db = () => join(mkdtempSync(join(dir, 'pre-')), 'govscan.db');
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [CLI_BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  const oneLine = (stderr: string) => stderr.trim().split('\n');

  it('a dead proxy: exit 2 naming --proxy, nothing stored, no lock left', async () => {
    const port = await closedPort();
    for (const cmd of [['crawl', '--code', '510100'], ['check', '510100'], ['audit']]) {
      const file = db();
      const r = cli(...cmd, '--db', file, '--proxy', `http://127.0.0.1:${port}`);
      expect(r.status, `${cmd[0]}: ${r.stderr}`).toBe(2);
      expect(oneLine(r.stderr)).toEqual([
        expect.stringMatching(new RegExp(`^govscan: --proxy .*127\\.0\\.0\\.1:${port}.*cannot connect.*ECONNREFUSED`)),
      ]);
      expect(existsSync(file), cmd[0]).toBe(false);
      expect(existsSync(`${file}.lock`) || existsSync(`${file}.audit.lock`), cmd[0]).toBe(false);
    }
  }, 120_000);

  it('a malformed proxy: exit 2 naming --proxy', () => {
    for (const p of ['127.0.0.1:3128', 'socks5://127.0.0.1:1080', 'http://user:pw@127.0.0.1:3128', 'not a url']) {
      const file = db();
      const r = cli('crawl', '--code', '510100', '--db', file, '--proxy', p);
      expect(r.status, p).toBe(2);
      expect(oneLine(r.stderr), p).toEqual([expect.stringMatching(/^govscan: --proxy /)]);
      expect(existsSync(file), p).toBe(false);
    }
  }, 60_000);

  it('a missing, unreadable or certificate-less CA file: exit 2 naming --ca-file, no run left running, no lock', () => {
    const empty = join(dir, 'empty.pem');
    writeFileSync(empty, 'not a certificate\n');
    for (const [ca, why] of [
      [join(dir, 'missing.pem'), /no such file/],
      [empty, /no PEM certificate/],
      [dir, /is a directory/],
    ] as const) {
      const file = db();
      const r = cli('crawl', '--code', '510100', '--db', file, '--ca-file', ca);
      expect(r.status, r.stderr).toBe(2);
      expect(oneLine(r.stderr)).toEqual([expect.stringMatching(new RegExp(`^govscan: --ca-file .*${why.source}`))]);
      expect(existsSync(file)).toBe(false);
      expect(existsSync(`${file}.lock`)).toBe(false);
    }
  }, 60_000);

  it('a malformed or silent resolver: exit 2 naming --resolver', async () => {
    const port = await closedPort();
    for (const [res, why] of [
      ['dns.example', /must be an IP address/],
      ['127.0.0.1:99999', /port/],
      [`127.0.0.1:${port}`, /not a working DNS server/],
    ] as const) {
      const file = db();
      const r = cli('crawl', '--code', '510100', '--db', file, '--resolver', res);
      expect(r.status, r.stderr).toBe(2);
      expect(oneLine(r.stderr)).toEqual([expect.stringMatching(new RegExp(`^govscan: --resolver .*${why.source}`))]);
      expect(existsSync(file)).toBe(false);
    }
  }, 60_000);

  it('passes a live proxy, a real PEM file and a DNS server that answers', async () => {
    const { startFixtureWorld } = await import('../fixtures/index.js');
    const world = await startFixtureWorld({ sites: ['110000'], latency: 'none' });
    try {
      await expect(
        preflightNetwork(
          parseConfig({ network: { proxy: world.proxyUrl, extraCaFiles: [world.caFile], resolver: world.resolver } }),
        ),
      ).resolves.toBeUndefined();
      const roots = join(dir, 'roots.pem');
      writeFileSync(roots, tls.rootCertificates.slice(0, 3).join('\n'));
      expect(() => checkCaFile(roots)).not.toThrow();
      await expect(checkProxy('ftp://127.0.0.1:21')).rejects.toThrow(/only http:\/\/ and https:\/\//);
      await expect(checkResolver('[::1]:abc')).rejects.toThrow(/--resolver/);
    } finally {
      await world.close();
    }
  }, 60_000);
});
