// A whole site crawl against loopback servers: roles, platforms on another host, budget,
// robots, GBK decoding, probes, link checks and per-host politeness across sites.

import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CrawlEvent, createSiteCrawler, type SiteCrawler } from '../crawlers/index.js';
import type { ConfigInput } from '../src/config/config.js';
import type { PageRole } from '../src/types.js';
import { html, startServer, type TestServer } from './crawl-servers.js';
import { loopbackConfig, testLocality } from './helpers/crawl.js';

let portal: TestServer;
let portal2: TestServer;
let platform: TestServer;
const crawlers: SiteCrawler[] = [];

async function crawler(crawl: ConfigInput['crawl'] = {}, events?: CrawlEvent[]) {
  const config = loopbackConfig({
    perHostDelayMs: 30,
    retryBaseDelayMs: 20,
    requestTimeoutSecs: 3,
    renderHomepage: false,
    timePerSiteSecs: 30,
    ...crawl,
  });
  const c = await createSiteCrawler({ config, onEvent: (e) => events?.push(e) });
  crawlers.push(c);
  return c;
}

const gbkHome = (p: TestServer) =>
  iconv.encode(
    `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>测试市人民政府门户网站</title></head><body>
    <div class="nav"><a href="/news/">新闻动态</a> <a href="/tzgg/">通知公告</a> <a href="/xxgk/">政府信息公开</a></div>
    <a href="${p.origin}/zwfw/"><img src="/i.png" alt="政务服务网"></a>
    <a href="javascript:void(0)" onclick="window.open('${p.origin}/data/')">数据开放</a>
    <a href="/hdjl/">市长信箱</a> <a href="/wzdt.html">网站地图</a> <a href="/private/">内部</a>
    <a href="/dead-link">失效链接</a> <a href="/news/1.html">常务会议纪要</a>
    <form action="/search" method="get"><input type="text" name="searchword"><input type="hidden" name="siteid" value="7"></form>
    <p>政府网站标识码：1234000001</p></body></html>`,
    'gbk',
  );

function portalRoutes(p: TestServer) {
  return {
    '/': { headers: { 'content-type': 'text/html' }, body: gbkHome(p) },
    '/robots.txt': {
      headers: { 'content-type': 'text/plain' },
      body: 'User-agent: *\nDisallow: /private/\nSitemap: /sitemap.xml\n',
    },
    '/sitemap.xml': { headers: { 'content-type': 'application/xml' }, body: '<urlset></urlset>' },
    '/news/': {
      body: html(
        '新闻动态',
        '<a href="/news/1.html">市政府召开第十次常务会议研究部署重点工作</a><a href="/news/2.html">我市举行防汛应急演练</a>',
      ),
    },
    '/tzgg/': { body: html('通知公告', '<a href="/tzgg/1.html">公告一</a>') },
    '/xxgk/': { body: html('信息公开', '<a href="/xxgk/zcwj/">政策文件</a>') },
    '/news/1.html': { body: html('要闻一', 'x') },
    '/hdjl/': { body: html('市长信箱', '<a href="/hdjl/list">信件公开</a><a href="/hdjl/write">我要写信</a>') },
    '/hdjl/list': {
      body: html(
        '信件公开',
        '<a href="/hdjl/letter?id=1">关于小区停车问题的咨询</a><a href="/hdjl/letter?id=2">关于道路维修的建议</a>',
      ),
    },
    '/hdjl/letter': { body: html('信件', '回复：已办理') },
    '/wzdt.html': { body: html('网站地图', '<a href="/news/">新闻动态</a>') },
    '/search': { body: html('搜索结果', '找到 12 条结果') },
  };
}

beforeAll(async () => {
  platform = await startServer({
    '/zwfw/': { body: html('政务服务网', '<a href="/zwfw/list?page=1">事项清单</a><a href="/login">登录</a>') },
    '/zwfw/list': (_req, res, url) => {
      const page = Number(url.searchParams.get('page'));
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        html(
          `事项清单 ${page}`,
          `<a href="/zwfw/item/${page}1">企业设立登记申请</a><a href="/zwfw/item/${page}2">居住证办理</a><a href="/zwfw/list?page=${page + 1}">下一页</a>`,
        ),
      );
    },
    '/zwfw/item/11': { body: html('办事指南', '申请条件 办理材料') },
    '/data/': {
      body: html(
        '公共数据开放平台',
        '<a href="/data/catalog">数据目录</a><script>fetch("/api/dataset/list?page=1")</script>',
      ),
    },
    '/data/catalog': { body: html('数据目录', '共 120 个数据集') },
    '/api/dataset/list': { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ total: 120 }) },
    '*': { body: html('平台', 'x'), delayMs: 20 },
  });
  portal = await startServer();
  for (const [k, v] of Object.entries(portalRoutes(platform))) portal.route(k, v);
  portal2 = await startServer();
  for (const [k, v] of Object.entries(portalRoutes(platform))) portal2.route(k, v);
});
afterAll(async () => {
  for (const c of crawlers) await c.close();
  await Promise.all([portal, portal2, platform].map((s) => s.close()));
});

describe('site crawl', () => {
  it('discovers roles on the portal and follows into platforms on another host', async () => {
    const events: CrawlEvent[] = [];
    const c = await crawler({ pagesPerSite: 40, linkChecksPerSite: 5 }, events);
    const a = await c.crawlSite(testLocality('100100', `${portal.origin}/`));
    expect(a.siteStatus).toBe('ok');
    const roles = (r: PageRole) =>
      a.pages
        .filter((p) => p.role === r && p.status === 'ok')
        .map((p) => new URL(p.url).pathname + new URL(p.url).search);
    // GBK declared only in <meta>, served as bare text/html
    const home = a.pages.find((p) => p.role === 'home')!;
    expect(home.charset).toBe('gb18030');
    expect(home.charsetSource).toBe('meta');
    expect(home.title).toBe('测试市人民政府门户网站');
    expect(home.body).toContain('政府网站标识码：1234000001');
    expect(home.bodyHash).toMatch(/^[0-9a-f]{64}$/);

    expect(roles('service_platform')).toEqual(['/zwfw/']); // found by img alt
    expect(roles('data_platform')).toEqual(['/data/']); // found by onclick
    expect(roles('interaction')).toEqual(['/hdjl/']);
    expect(roles('sitemap_page')).toEqual(['/wzdt.html']);
    expect(roles('policy')).toEqual(['/xxgk/']);
    expect(roles('column').sort()).toEqual(['/news/', '/tzgg/']);
    expect(roles('service_list')).toEqual(['/zwfw/list?page=1', '/zwfw/list?page=2', '/zwfw/list?page=3']);
    expect(roles('service_item')).toContain('/zwfw/item/11');
    expect(roles('data_list')).toEqual(['/data/catalog']);
    expect(roles('data_api')).toEqual(['/api/dataset/list?page=1']);
    expect(roles('letter_list')).toEqual(['/hdjl/list']);
    expect(roles('letter').sort()).toEqual(['/hdjl/letter?id=1', '/hdjl/letter?id=2']);
    expect(roles('search')).toEqual(['/search?siteid=7&searchword=%E6%94%BF%E5%BA%9C']);
    expect(a.probes.search?.query).toBe('政府');
    // the login link of the platform is not followed; robots-disallowed page is not fetched
    expect(platform.log.some((l) => l.path === '/login')).toBe(false);
    expect(portal.log.some((l) => l.path.startsWith('/private'))).toBe(false);

    expect(a.probes.robots?.status).toBe('ok');
    expect(a.probes.sitemapXml?.url).toBe(`${portal.origin}/sitemap.xml`);
    expect(a.probes.sitemapXml?.status).toBe('ok');
    expect(a.probes.notFound?.httpStatus).toBe(404);
    expect(a.probes.tls?.httpsAvailable).toBe(false);
    expect(a.probes.dns?.a).toEqual(['127.0.0.1']);

    expect(a.linkChecks).toHaveLength(5);
    const dead = a.linkChecks.find((l) => l.url.endsWith('/dead-link'));
    if (dead) expect(dead.status).toBe('http_4xx');
    expect(a.linkChecks.every((l) => l.fromUrl.startsWith(portal.origin))).toBe(true);

    expect(events.filter((e) => e.type === 'page').length).toBe(a.pages.length);
    expect(events.at(-1)).toEqual({ type: 'site-done', site: '100100', status: 'ok' });
  });

  it('respects the page budget, prioritising platform entries over columns', async () => {
    const c = await crawler({ pagesPerSite: 5, linkChecksPerSite: 0 });
    const a = await c.crawlSite(testLocality('100200', `${portal.origin}/`));
    const fetched = a.pages.filter((p) => p.crawler === 'http' && p.role !== 'search');
    expect(fetched.length).toBeLessThanOrEqual(5);
    const got = fetched.map((p) => p.role);
    expect(got).toEqual(expect.arrayContaining(['home', 'service_platform', 'data_platform', 'interaction']));
    expect(got).not.toContain('column'); // columns take only what platform entries leave
  });

  it('records robots-denied pages without fetching them', async () => {
    const p = await startServer({
      '/': { body: html('home', '<a href="/hdjl/">领导信箱</a>') },
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /hdjl/\n' },
    });
    try {
      const c = await crawler({ linkChecksPerSite: 0 });
      const a = await c.crawlSite(testLocality('100300', `${p.origin}/`));
      const mailbox = a.pages.find((x) => x.role === 'interaction')!;
      expect(mailbox.status).toBe('robots_denied');
      expect(p.log.some((l) => l.path.startsWith('/hdjl'))).toBe(false);
    } finally {
      await p.close();
    }
  });

  it('ends a dead or failing site in a terminal status without throwing', async () => {
    const c = await crawler({ maxRetries: 0, linkChecksPerSite: 0 });
    const dead = await c.crawlSite(testLocality('100400', 'http://127.0.0.1:1/'));
    expect(dead.siteStatus).toBe('refused');
    // scheme fallback: https tried after http was refused, both recorded
    expect(
      dead.pages
        .filter((p) => p.role === 'home')
        .map((p) => new URL(p.url).protocol)
        .sort(),
    ).toEqual(['http:', 'https:']);
    const bad = await c.crawlSite(testLocality('100401', 'not a url at all:::'));
    expect(bad.siteStatus).toBe('error');
    expect(bad.siteError).toMatch(/portal URL/);
  });

  it('never sends two concurrent requests to one host, across sites sharing a platform', async () => {
    platform.peakInFlight = 0;
    portal.peakInFlight = 0;
    const c = await crawler({ linkChecksPerSite: 10, perHostDelayMs: 0 });
    const [a, b] = await Promise.all([
      c.crawlSite(testLocality('100500', `${portal.origin}/`)),
      c.crawlSite(testLocality('100600', `${portal2.origin}/`)),
    ]);
    expect(a.siteStatus).toBe('ok');
    expect(b.siteStatus).toBe('ok');
    expect(a.pages.some((p) => p.role === 'service_list')).toBe(true);
    expect(b.pages.some((p) => p.role === 'service_list')).toBe(true);
    expect(platform.peakInFlight).toBe(1);
    expect(portal.peakInFlight).toBe(1);
  });
});
