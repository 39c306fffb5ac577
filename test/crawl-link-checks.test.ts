/** Broken-link sampling: its own time allowance after a long crawl, and bad certificates are not broken links. */
import { describe, expect, it } from 'vitest';
import { HostGate } from '../crawlers/http/host-gate.js';
import {
  checkLinks,
  LINK_CHECK_MAX_MS_PER_LINK,
  LINK_CHECK_MIN_ALLOWANCE_MS,
  LINK_CHECK_MS_PER_LINK,
  LinkCheckCache,
  linkCheckDeadline,
} from '../crawlers/site/link-checks.js';
import type { SiteServices } from '../crawlers/site/services.js';
import { loadConfig } from '../src/config/config.js';

type Req = { url: string; method?: string; deadline?: number; unverifiedHosts?: ReadonlySet<string> };

function fakeServices(answer: (r: Req) => { status: string; httpStatus?: number }, calls: Req[]): SiteServices {
  const config = loadConfig();
  config.crawl.respectRobotsTxt = false;
  config.crawl.linkChecksPerSite = 10;
  return {
    config,
    client: {
      gate: new HostGate(1, 0),
      fetch: async (r: Req) => {
        calls.push(r);
        return answer(r);
      },
    },
    linkChecks: new LinkCheckCache(),
    emit: () => undefined,
  } as unknown as SiteServices;
}

/** checkLinks on the default port of `siteRoot`, with a minute to go unless `more` says otherwise. */
const check = (
  svc: SiteServices,
  site: string,
  pool: Parameters<typeof checkLinks>[0]['pool'],
  siteRoot: string,
  more: Partial<Parameters<typeof checkLinks>[0]> = {},
) => checkLinks({ svc, site, pool, siteRoot, sitePort: '', deadline: Date.now() + 60_000, ...more });

describe('link-check deadline', () => {
  it('keeps the site deadline when it leaves room, else grants the allowance from now', () => {
    const now = 1_000_000;
    expect(linkCheckDeadline(now + 120_000, 30, now)).toBe(now + 120_000);
    expect(linkCheckDeadline(now - 5_000, 30, now)).toBe(now + 30 * LINK_CHECK_MS_PER_LINK);
    expect(linkCheckDeadline(now - 5_000, 2, now)).toBe(now + LINK_CHECK_MIN_ALLOWANCE_MS);
  });
  it("sizes the allowance by the portal host's measured pace, within a bound", () => {
    const now = 1_000_000;
    expect(linkCheckDeadline(now - 5_000, 30, now, 5_000)).toBe(now + 30 * 5_000);
    expect(linkCheckDeadline(now - 5_000, 30, now, 500)).toBe(now + 30 * LINK_CHECK_MS_PER_LINK);
    expect(linkCheckDeadline(now - 5_000, 30, now, 60_000)).toBe(now + 30 * LINK_CHECK_MAX_MS_PER_LINK);
  });
  it('checks links even when the site budget is already spent (a slow render must not wipe the sample)', async () => {
    const calls: Req[] = [];
    const svc = fakeServices(() => ({ status: 'ok', httpStatus: 200 }), calls);
    const pool = [1, 2, 3].map((i) => ({
      url: `https://www.a.gov.cn/p${i}.html`,
      fromUrl: 'https://www.a.gov.cn/',
      text: `p${i}`,
    }));
    const out = await check(svc, '000001', pool, 'a.gov.cn', { deadline: Date.now() - 1000 });
    expect(out.map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
    expect(calls.every((c) => (c.deadline ?? 0) > Date.now())).toBe(true);
  });
});

describe('link checks on a host with a bad certificate', () => {
  it('retries without verification and reports whether the target exists', async () => {
    const calls: Req[] = [];
    const svc = fakeServices((r) => {
      const insecure = r.unverifiedHosts?.has('www.b.gov.cn');
      if (!insecure) return { status: 'tls' };
      return r.url.endsWith('/gone.html') ? { status: 'http_4xx', httpStatus: 404 } : { status: 'ok', httpStatus: 200 };
    }, calls);
    const pool = ['/gone.html', '/here.html'].map((p) => ({
      url: `https://www.b.gov.cn${p}`,
      fromUrl: 'http://www.b.gov.cn/',
      text: p,
    }));
    const out = await check(svc, '000002', pool, 'b.gov.cn');
    const byUrl = Object.fromEntries(out.map((c) => [c.url, c]));
    expect(byUrl['https://www.b.gov.cn/gone.html']).toMatchObject({
      status: 'http_4xx',
      httpStatus: 404,
      internal: true,
    });
    expect(byUrl['https://www.b.gov.cn/here.html']).toMatchObject({ status: 'ok' });
    expect(calls.some((c) => !c.unverifiedHosts?.has('www.b.gov.cn'))).toBe(true); // verified attempt first
  });
});

describe('link sample', () => {
  it('takes homepage links before column links, so column articles cannot dilute a rotten homepage', async () => {
    const calls: Req[] = [];
    const svc = fakeServices(() => ({ status: 'ok', httpStatus: 200 }), calls); // budget 10
    const home = 'https://www.c.gov.cn/';
    const pool = [
      ...Array.from({ length: 6 }, (_, i) => ({
        url: `https://www.c.gov.cn/lmdh/link_${i}.html`,
        fromUrl: home,
        text: `l${i}`,
      })),
      ...Array.from({ length: 40 }, (_, i) => ({
        url: `https://www.c.gov.cn/art/${i}.html`,
        fromUrl: 'https://www.c.gov.cn/col/1/',
        text: `a${i}`,
      })),
    ];
    const out = await check(svc, '000003', pool, 'c.gov.cn');
    expect(out).toHaveLength(10);
    expect(out.filter((c) => c.fromUrl === home)).toHaveLength(6);
    const again = await check(
      fakeServices(() => ({ status: 'ok', httpStatus: 200 }), []),
      '000003',
      pool,
      'c.gov.cn',
    );
    expect(again.map((c) => c.url).sort()).toEqual(out.map((c) => c.url).sort()); // deterministic
  });
});

describe('links the crawl already fetched', () => {
  it('are answered by the page fetch, not requested again; the others are checked', async () => {
    const calls: Req[] = [];
    const svc = fakeServices(() => ({ status: 'ok', httpStatus: 200 }), calls);
    const home = 'https://www.d.gov.cn/';
    const pool = ['/zwgk/', '/gone/', '/other.html'].map((p) => ({
      url: `https://www.d.gov.cn${p}`,
      fromUrl: home,
      text: p,
    }));
    const crawled = new Map([
      ['https://www.d.gov.cn/zwgk/', { status: 'ok' as const, httpStatus: 200 }],
      ['https://www.d.gov.cn/gone/', { status: 'http_4xx' as const, httpStatus: 404 }],
    ]);
    const out = await check(svc, '000004', pool, 'd.gov.cn', { crawled });
    const byUrl = Object.fromEntries(out.map((c) => [c.url, c]));
    expect(byUrl['https://www.d.gov.cn/gone/']).toMatchObject({
      status: 'http_4xx',
      httpStatus: 404,
      internal: true,
      linkText: '/gone/',
    });
    expect(byUrl['https://www.d.gov.cn/zwgk/']).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(calls.map((c) => c.url)).toEqual(['https://www.d.gov.cn/other.html']);
  });
});
