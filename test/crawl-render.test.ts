// The rendered homepage in the shared Chromium: JS-written content, recorded requests, blocked
// fonts, dismissed dialogs, screenshot bytes, and links found only after rendering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { parseConfig } from '../src/config/config.js';
import { createSiteCrawler, type SiteCrawler } from '../crawlers/index.js';
import { html, startServer, type TestServer } from './crawl-servers.js';

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
  });
  const config = parseConfig({
    network: { allowPrivateNetworks: true },
    crawl: { perHostDelayMs: 0, requestTimeoutSecs: 10, renderHomepage: true, linkChecksPerSite: 0, timePerSiteSecs: 40 },
  });
  crawler = await createSiteCrawler({ config });
});
afterAll(async () => {
  await crawler?.close();
  await srv.close();
});

describe('rendered homepage', () => {
  it('keeps the JS-built DOM, the requests it made, a screenshot, and follows links only the render shows', async () => {
    const a = await crawler.crawlSite({ code: '200100', name: '渲染市', province: '测试省', kind: 'prefecture_city', portalUrl: `${srv.origin}/`, urlSource: 'test' });
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

    expect(rendered.screenshot?.subarray(0, 4).toString('hex')).toBe('89504e47');
    expect(rendered.screenshotHash).toBe(createHash('sha256').update(rendered.screenshot!).digest('hex'));

    // the service platform link exists only in the rendered DOM
    const platform = a.pages.find((p) => p.role === 'service_platform');
    expect(platform?.url).toBe(`${srv.origin}/zwfw/`);
    expect(platform?.status).toBe('ok');
  });
});
