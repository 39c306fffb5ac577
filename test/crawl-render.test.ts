// The rendered homepage in the shared Chromium: JS-written content, recorded requests, blocked
// fonts, dismissed dialogs, screenshot bytes, and links found only after rendering.

import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSiteCrawler, type SiteCrawler } from '../crawlers/index.js';
import { parseConfig } from '../src/config/config.js';
import { html, startServer, type TestServer } from './crawl-servers.js';
import { crawlOnce, testLocality } from './helpers/crawl.js';

const GBK_TITLE = '某某县人民政府门户网站';
const LYING_TITLE = '某某市政务服务网';
// Word lengths vary as on real pages (UTF-8 text with only even-length runs also decodes cleanly as GBK).
const TEXT = '政务服务网 办事指南 信息公开 通知公告 市长信箱 政策文件 依申请公开';

let srv: TestServer;
let crawler: SiteCrawler;

beforeAll(async () => {
  srv = await startServer({
    '/': {
      body: html(
        '渲染测试',
        `<div id="hd"></div><script src="/header.js"></script><img src="/logo.png">
         <script>alert('欢迎'); window.open('/popup');</script>`,
        '<style>@font-face{font-family:x;src:url(/f.woff2)} body{font-family:x}</style>',
      ),
    },
    '/header.js': {
      headers: { 'content-type': 'application/javascript' },
      body: `document.write('<div class="nav"><a href="/zwfw/">网上办事大厅</a><span id="built">脚本生成的导航</span></div>');`,
    },
    '/logo.png': { headers: { 'content-type': 'image/png' }, body: Buffer.from('89504e470d0a1a0a', 'hex') },
    '/f.woff2': { headers: { 'content-type': 'font/woff2' }, body: 'x' },
    '/zwfw/': { body: html('网上办事大厅', '办事') },
    '/popup': { body: html('popup', 'popup') },
    // Charset traps: GBK bytes with no declaration at all, and UTF-8 bytes under a header that says GBK.
    '/gbk.html': {
      headers: { 'content-type': 'text/html' },
      body: iconv.encode(`<html><head><title>${GBK_TITLE}</title></head><body><p>${TEXT}</p></body></html>`, 'gbk'),
    },
    '/moved': { status: 302, headers: { location: '/gbk.html' } },
    '/lying.html': {
      headers: { 'content-type': 'text/html; charset=gbk' },
      body: Buffer.from(`<html><head><title>${LYING_TITLE}</title></head><body><p>${TEXT}</p></body></html>`),
    },
  });
  // With an allow-list header, which every request of the crawl must carry (HTTP, probes, the render's sub-resources).
  const config = parseConfig({
    network: { allowPrivateNetworks: true, allowListHeader: { name: 'X-Govscan-Scanner', value: 'token-123' } },
    crawl: {
      perHostDelayMs: 0,
      requestTimeoutSecs: 10,
      renderHomepage: true,
      linkChecksPerSite: 0,
      timePerSiteSecs: 40,
    },
  });
  crawler = await createSiteCrawler({ config });
});
afterAll(async () => {
  await crawler?.close();
  await srv.close();
});

describe('rendered homepage', () => {
  it('keeps the JS-built DOM, the requests it made, a screenshot, and follows links only the render shows', async () => {
    const a = await crawler.crawlSite(testLocality('200100', `${srv.origin}/`, '渲染市'));
    expect(a.siteStatus).toBe('ok');
    const raw = a.pages.find((p) => p.role === 'home' && p.crawler === 'http')!;
    const rendered = a.pages.find((p) => p.crawler === 'browser')!;
    expect(raw.body).not.toContain('脚本生成的导航');
    expect(rendered.role).toBe('home');
    expect(rendered.status).toBe('ok');
    expect(rendered.body).toContain('脚本生成的导航');
    expect(rendered.title).toBe('渲染测试');

    const req = (path: string) => rendered.requests!.find((r) => r.url === `${srv.origin}${path}`);
    expect(req('/header.js')).toMatchObject({ resourceType: 'script', status: 200 });
    expect(req('/logo.png')).toMatchObject({ resourceType: 'image' });
    expect(req('/f.woff2')?.failed).toMatch(/blocked/);
    expect(srv.log.some((l) => l.path === '/f.woff2')).toBe(false);
    // the render was handed the homepage the HTTP crawl had fetched: the host was asked once
    expect(srv.log.filter((l) => l.method === 'GET' && l.path === '/')).toHaveLength(1);
    // every request, the browser's too, carried the allow-list header
    expect(srv.log.some((l) => l.path === '/header.js')).toBe(true);
    expect(srv.log.filter((l) => l.headers['x-govscan-scanner'] !== 'token-123').map((l) => l.path)).toEqual([]);
    expect(rendered.httpStatus).toBe(200);

    expect(rendered.screenshot?.subarray(0, 4).toString('hex')).toBe('89504e47');
    expect(rendered.screenshotHash).toBe(createHash('sha256').update(rendered.screenshot!).digest('hex'));

    // the service platform link exists only in the rendered DOM
    const platform = a.pages.find((p) => p.role === 'service_platform');
    expect(platform?.url).toBe(`${srv.origin}/zwfw/`);
    expect(platform?.status).toBe('ok');
  });
});

describe('rendered document charset', () => {
  const site = (code: string, path: string) => ({
    code,
    name: '编码市',
    province: '测试省',
    kind: 'prefecture_city' as const,
    portalUrl: `${srv.origin}${path}`,
    urlSource: 'test',
  });

  it('renders undeclared GBK and UTF-8 under a lying header as the HTTP decoder reads them', async () => {
    // /moved redirects to /gbk.html: the browser follows the redirect it is handed
    const [gbk, lying] = await Promise.all([
      crawler.crawlSite(site('200200', '/moved')),
      crawler.crawlSite(site('200300', '/lying.html')),
    ]);
    expect(gbk.pages.find((p) => p.crawler === 'browser')!.finalUrl).toBe(`${srv.origin}/gbk.html`);
    for (const [a, title, charset] of [
      [gbk, GBK_TITLE, 'gb18030'],
      [lying, LYING_TITLE, 'utf-8'],
    ] as const) {
      const rendered = a.pages.find((p) => p.crawler === 'browser')!;
      expect(rendered.status).toBe('ok');
      expect(rendered.title).toBe(title);
      expect(rendered.body).toContain(TEXT);
      // the browser sees the document exactly as the HTTP decoder read it
      expect(a.pages.find((p) => p.crawler === 'http' && p.role === 'home')!.title).toBe(title);
      // the site's own headers and the charset the document was decoded with are kept
      expect(rendered.charset).toBe(charset);
      expect(rendered.contentType).toBe(a === gbk ? 'text/html' : 'text/html; charset=gbk');
    }
  });
});

describe('browser for all pages (the benchmark baseline)', () => {
  it('loads every HTML page in the browser with the same roles, JSON APIs over HTTP, at most renderConcurrency at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = (_req: unknown, res: import('node:http').ServerResponse) => {
      peak = Math.max(peak, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'application/javascript' });
        res.end('window.slowLoaded = true;');
      }, 300);
    };
    const page = (title: string, body: string) =>
      html(title, `${body}<script src="/slow.js?p=${encodeURIComponent(title)}"></script>`);
    const base = await startServer({
      '/': {
        body: page(
          '基线首页',
          '<a href="/zwfw/">政务服务网</a> <a href="/data/">数据开放</a> <a href="/news/">新闻动态</a>',
        ),
      },
      '/zwfw/': { body: page('政务服务网', `<script>document.write('<span id="js">平台脚本内容</span>')</script>`) },
      '/data/': { body: page('数据开放平台', '<script>var api = "/api/list";</script>') },
      '/api/list': { headers: { 'content-type': 'application/json' }, body: '{"total":3}' },
      '/news/': { body: page('新闻动态', 'x') },
      '/slow.js': slow,
    });
    try {
      const a = await crawlOnce(
        {
          perHostDelayMs: 0,
          requestTimeoutSecs: 10,
          renderHomepage: true,
          browserForAllPages: true,
          renderConcurrency: 1,
          linkChecksPerSite: 0,
          timePerSiteSecs: 40,
        },
        testLocality('200400', `${base.origin}/`, '基线市'),
      );
      expect(a.siteStatus).toBe('ok');
      const byRole = (r: string) => a.pages.filter((p) => p.role === r);
      expect(byRole('home')).toHaveLength(1); // loaded once, in the browser: no second render
      expect(byRole('home')[0]).toMatchObject({ crawler: 'browser', status: 'ok', title: '基线首页' });
      expect(byRole('home')[0]!.screenshotHash).toMatch(/^[0-9a-f]{64}$/);
      expect(byRole('service_platform')[0]).toMatchObject({ crawler: 'browser', status: 'ok' });
      expect(byRole('service_platform')[0]!.body).toContain('平台脚本内容');
      expect(byRole('service_platform')[0]!.screenshot).toBeUndefined();
      expect(byRole('data_platform')[0]).toMatchObject({ crawler: 'browser', status: 'ok' });
      expect(byRole('column').map((p) => p.crawler)).toEqual(['browser']);
      expect(byRole('data_api')[0]).toMatchObject({ crawler: 'http', status: 'ok', url: `${base.origin}/api/list` });
      expect(
        a.pages.filter((p) => p.role !== 'search' && p.role !== 'data_api').every((p) => p.crawler === 'browser'),
      ).toBe(true);
      expect(base.log.filter((l) => l.path.startsWith('/slow.js')).length).toBeGreaterThanOrEqual(4);
      expect(peak).toBe(1); // crawl.renderConcurrency: one page in the browser at a time
    } finally {
      await base.close();
    }
  });
});
