// Same-site documents embedded in the homepage (<iframe>/<frame>) are fetched as role `frame`,
// within a small budget, and the platform links inside them are followed as homepage links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteCrawler } from '../crawlers/index.js';
import { html, startServer, type TestServer } from './crawl-servers.js';
import { loopbackCrawler, testLocality } from './helpers/crawl.js';

let portal: TestServer;
let other: TestServer;
let crawler: SiteCrawler;

beforeAll(async () => {
  other = await startServer({ '*': { body: html('外站', '<a href="/x/">政务服务网</a>') } });
  const iframes = Array.from({ length: 6 }, (_, i) => `<iframe src="/include/extra${i}.html"></iframe>`).join('');
  portal = await startServer({
    '/': {
      body: html(
        '框架门户',
        `<iframe src="/include/links.html" width="100%"></iframe><iframe src="${other.origin}/widget.html"></iframe>
         <a href="/news/">新闻动态</a>${iframes}`,
      ),
    },
    // The entry links live only inside the embedded document, as on ~4% of real portals.
    '/include/links.html': {
      body: html('', '<a href="/zwfw/" target="_blank">政务服务网</a> <a href="/hdjl/" target="_top">领导信箱</a>'),
    },
    '/zwfw/': { body: html('政务服务网', '办事') },
    '/hdjl/': { body: html('领导信箱', '写信') },
    '/news/': { body: html('新闻动态', '<iframe src="/include/column-frame.html"></iframe>') },
    '/include/column-frame.html': { body: html('栏目框架', 'x') },
    '*': { body: html('嵌入', 'x') },
  });
  crawler = await loopbackCrawler({
    perHostDelayMs: 0,
    requestTimeoutSecs: 5,
    renderHomepage: false,
    linkChecksPerSite: 0,
    timePerSiteSecs: 30,
    respectRobotsTxt: false,
  });
});
afterAll(async () => {
  await crawler?.close();
  await Promise.all([portal?.close(), other?.close()]);
});

describe('homepage frames', () => {
  it('fetches same-site frames (a few at most) and follows their platform links as homepage links', async () => {
    const a = await crawler.crawlSite(testLocality('400100', `${portal.origin}/`, '框架市'));
    expect(a.siteStatus).toBe('ok');
    const frames = a.pages.filter((p) => p.role === 'frame');
    expect(frames[0]).toMatchObject({
      url: `${portal.origin}/include/links.html`,
      status: 'ok',
      depth: 0,
      referrer: `${portal.origin}/`,
    });
    expect(frames).toHaveLength(4); // budget: 7 same-site iframes on the homepage
    expect(frames.every((p) => new URL(p.url).origin === portal.origin)).toBe(true); // the other site's widget is not a frame
    expect(other.log).toEqual([]);
    // iframes of a column page are not part of the homepage
    expect(portal.log.some((l) => l.path === '/include/column-frame.html')).toBe(false);

    const platform = a.pages.find((p) => p.role === 'service_platform')!;
    expect(platform).toMatchObject({
      url: `${portal.origin}/zwfw/`,
      status: 'ok',
      depth: 1,
      referrer: `${portal.origin}/include/links.html`,
    });
    expect(a.pages.find((p) => p.role === 'interaction')).toMatchObject({
      url: `${portal.origin}/hdjl/`,
      status: 'ok',
      depth: 1,
    });
  });
});
