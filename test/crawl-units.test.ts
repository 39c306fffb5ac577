// Pure pieces of the crawler: robots.txt rules, link extraction and role assignment, status
// classification, binary sniffing, trap URLs, the per-host gate's pacing, the HTTP crawler's queue, and the
// document handed to the browser.

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fulfilment } from '../crawlers/browser/document.js';
import { classifyNavError } from '../crawlers/browser/page-navigation.js';
import {
  classifyAnswer,
  classifyBodyError,
  classifyError,
  isRetryable,
  statusFromHttp,
  statusFromProxyError,
} from '../crawlers/http/classify.js';
import type { HttpClient } from '../crawlers/http/client.js';
import { HopQueue } from '../crawlers/http/hop-queue.js';
import { HostGate } from '../crawlers/http/host-gate.js';
import { isPrivateAddress } from '../crawlers/http/policy.js';
import type { FetchResult } from '../crawlers/http/types.js';
import { extractLinks, findSearchForm, loadHtml, scriptWrittenMarkup } from '../crawlers/site/link-extraction.js';
import { parseRobots } from '../crawlers/site/robots.js';
import { RobotsCache } from '../crawlers/site/robots-cache.js';
import { conceptRole, isColumnLink, isPaginationLink, platformStep } from '../crawlers/site/roles.js';
import { isTrap, normalizePortalUrl } from '../crawlers/site/scope.js';
import { decodeResult, looksBinary } from '../crawlers/site/snapshot.js';
import { loadConfig } from '../src/config/config.js';

describe('robots.txt', () => {
  const r = parseRobots(
    'User-agent: *\nDisallow: /admin\nAllow: /admin/public\nDisallow: /*.php$\n\nUser-agent: govscan\nDisallow: /private/\nSitemap: https://a.gov.cn/sm.xml',
    'govscan',
  );
  it('uses the group naming our token, longest match, wildcards', () => {
    expect(r.isAllowed('https://a.gov.cn/private/x')).toBe(false);
    expect(r.isAllowed('https://a.gov.cn/admin')).toBe(true); // our group does not disallow it
    expect(r.sitemaps).toEqual(['https://a.gov.cn/sm.xml']);
    const star = parseRobots('User-agent: *\nDisallow: /admin\nAllow: /admin/public\nDisallow: /*.php$', 'govscan');
    expect(star.isAllowed('https://a.gov.cn/admin/x')).toBe(false);
    expect(star.isAllowed('https://a.gov.cn/admin/public/y')).toBe(true);
    expect(star.isAllowed('https://a.gov.cn/index.php')).toBe(false);
    expect(star.isAllowed('https://a.gov.cn/index.php?x=1')).toBe(true);
    expect(parseRobots('User-agent: *\nDisallow:', 'govscan').isAllowed('https://a.gov.cn/')).toBe(true);
  });
});

describe('robots.txt cache', () => {
  it('reads the rules of a host with a bad certificate once the site reads it unverified, without trusting the cached failure', async () => {
    const calls: { unverified: boolean }[] = [];
    const client = {
      fetch: async (r: { url: string; unverifiedHosts?: ReadonlySet<string> }) => {
        const unverified = !!r.unverifiedHosts?.has('www.x.gov.cn');
        calls.push({ unverified });
        const base = {
          url: r.url,
          finalUrl: r.url,
          headers: {},
          redirects: [],
          attempts: 1,
          fetchedAt: new Date().toISOString(),
          durationMs: 1,
        };
        return unverified
          ? {
              ...base,
              status: 'ok',
              httpStatus: 200,
              headers: { 'content-type': 'text/plain' },
              raw: Buffer.from('User-agent: *\nDisallow: /admin/'),
            }
          : { ...base, status: 'tls', error: 'certificate has expired' };
      },
    } as unknown as HttpClient;
    const cache = new RobotsCache(loadConfig(), client);
    const strict = await cache.get('https://www.x.gov.cn', '130700');
    expect(strict.probe.status).toBe('tls');
    const read = await cache.get('https://www.x.gov.cn', '130700', undefined, new Set(['www.x.gov.cn']));
    expect(read.probe.status).toBe('ok');
    expect(read.robots.isAllowed('https://www.x.gov.cn/admin/a.html')).toBe(false);
    await cache.get('https://www.x.gov.cn', '130700', undefined, new Set(['www.x.gov.cn'])); // cached
    expect(calls).toEqual([{ unverified: false }, { unverified: true }]);
  });
});

describe('links and roles', () => {
  const $ = loadHtml(`<base href="https://www.x.gov.cn/sub/">
    <a href="../zwfw/"><img alt="政务服务网"></a>
    <a href="javascript:void(0)" onclick="window.open('https://data.x.gov.cn/')">开放数据</a>
    <span onclick="location.href='/hd/ldxx.html'">领导信箱</span>
    <a href="/tjsj/">统计数据</a>
    <a href="/hd/szxx/">市&nbsp;长&nbsp;信&nbsp;箱</a><a href="/bs/">ＡＰＰ下载</a><a href="/ug/zxxx/">رەئىس خەت ساندۇقى（主席信箱）</a>
    <a href="/news/2026/art1.html">我市推进政务服务一网通办改革取得新成效的报道全文</a>
    <a href="mailto:a@x.gov.cn">邮件</a><iframe src="https://znwd.x.gov.cn/robot" title="智能客服"></iframe>
    <form action="/login"><input name="user"><input type="password" name="pw"></form>
    <form action="/jsearch/search.do" method="post"><input type="text" name="q"><input type="hidden" name="siteCode" value="1"></form>`);
  const links = extractLinks($, 'https://www.x.gov.cn/index.html');
  const byText = (t: string) => links.find((l) => l.text === t)!;

  it('extracts hrefs (with <base>), img alt, onclick URLs and iframes; skips mailto', () => {
    expect(byText('政务服务网').url).toBe('https://www.x.gov.cn/zwfw/');
    expect(byText('开放数据').url).toBe('https://data.x.gov.cn/');
    expect(byText('领导信箱').url).toBe('https://www.x.gov.cn/hd/ldxx.html');
    expect(links.find((l) => l.source === 'iframe')?.url).toBe('https://znwd.x.gov.cn/robot');
    expect(links.some((l) => l.url.startsWith('mailto'))).toBe(false);
  });

  it('reads labels as the detectors do: letter-spacing closed up, full-width letters as ASCII, bilingual labels by their Chinese', () => {
    expect(byText('市长信箱').url).toBe('https://www.x.gov.cn/hd/szxx/');
    expect(byText('APP下载').url).toBe('https://www.x.gov.cn/bs/');
    expect(byText('主席信箱').url, 'the Chinese of a bilingual label').toBe('https://www.x.gov.cn/ug/zxxx/');
  });

  it('assigns roles from the lexicon, with decoys vetoed and headlines weak', () => {
    expect(conceptRole(byText('政务服务网'))?.role).toBe('service_platform');
    expect(conceptRole(byText('开放数据'))?.role).toBe('data_platform');
    expect(conceptRole(byText('领导信箱'))?.role).toBe('interaction');
    expect(conceptRole(byText('统计数据'))).toBeUndefined();
    const headline = conceptRole(byText('我市推进政务服务一网通办改革取得新成效的报道全文'));
    expect(headline).toBeUndefined(); // ≥ 20 characters: a news title, not an entry
    expect(conceptRole(links.find((l) => l.source === 'iframe')!)?.role).toBe('smart_qa');
    expect(isColumnLink({ url: 'https://www.x.gov.cn/tzgg/', text: '通知公告', source: 'a' })).toBe(true);
  });

  it('finds the search form (not the login form) and within-platform steps', () => {
    expect(findSearchForm($, 'https://www.x.gov.cn/')).toEqual({
      action: 'https://www.x.gov.cn/jsearch/search.do',
      method: 'POST',
      queryField: 'q',
      fields: { siteCode: '1' },
    });
    const l = (text: string, url: string) => ({ text, url, source: 'a' as const });
    expect(platformStep('service_platform', l('法人办事', 'https://zwfw.x.gov.cn/list?type=2'))?.role).toBe(
      'service_list',
    );
    expect(platformStep('service_list', l('食品经营许可', 'https://zwfw.x.gov.cn/guide?id=9'))?.role).toBe(
      'service_item',
    );
    expect(platformStep('data_platform', l('数据接口（API）', 'https://data.x.gov.cn/api/datasets'))?.role).toBe(
      'data_api',
    );
    expect(platformStep('interaction', l('信件公开', 'https://hd.x.gov.cn/list'))?.role).toBe('letter_list');
    expect(isPaginationLink(l('下一页', 'https://zwfw.x.gov.cn/list?page=2'))).toBe(true);
    // A channel's own entry on a section page is not a letter.
    expect(platformStep('interaction', l('在线咨询', 'https://hd.x.gov.cn/zxzx/'))?.role).not.toBe('letter');
    // The search probe also finds a form an inline document.write writes (the homepage render may fail).
    const written =
      '<html><body><script>document.write(\'<form action="/so/s" method="get"><input type="text" name="qt"></form>\');</script></body></html>';
    expect(findSearchForm(loadHtml(written), 'https://www.x.gov.cn/')).toBeUndefined();
    expect(findSearchForm(loadHtml(scriptWrittenMarkup(written)), 'https://www.x.gov.cn/')).toMatchObject({
      action: 'https://www.x.gov.cn/so/s',
      queryField: 'qt',
    });
    expect(isPaginationLink(l('关于道路维修的建议', 'https://hd.x.gov.cn/l?page=2'))).toBe(false);
  });
});

describe('status classification', () => {
  it('maps network errors, HTTP answers, challenges and proxy errors', () => {
    expect(classifyError(Object.assign(new Error('x'), { code: 'ENOTFOUND' })).status).toBe('dns');
    expect(classifyError(Object.assign(new Error('x'), { code: 'ECONNRESET' })).status).toBe('reset');
    expect(classifyError(Object.assign(new Error('self signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })).status).toBe(
      'tls',
    );
    expect(classifyError(new Error('Proxy responded with 502 Bad Gateway')).status).toBe('dns');
    expect(classifyAnswer(521, Buffer.from('<script>document.cookie="a"</script>')).status).toBe('challenge_failed');
    expect(classifyAnswer(403, Buffer.from('<h1>Forbidden</h1>')).status).toBe('http_4xx');
    expect(classifyAnswer(200, Buffer.from('<script></script>')).status).toBe('ok');
    expect(classifyAnswer(503, undefined).status).toBe('http_5xx');
    expect(statusFromHttp(429)).toBe('rate_limited');
    expect(statusFromProxyError('ERR_DNS_FAIL 0')).toBe('dns');
    expect(statusFromProxyError('ERR_CONNECT_FAIL 111')).toBe('refused');
    expect(statusFromProxyError(undefined)).toBeUndefined();
  });

  it('tells a host that never answered (geo_timeout) from a response that did not finish (timeout)', () => {
    const gotTimeout = (event: string) =>
      Object.assign(new Error(`Timeout awaiting '${event}' for 30000ms`), {
        name: 'TimeoutError',
        code: 'ETIMEDOUT',
        event,
      });
    for (const event of ['connect', 'secureConnect', 'response'])
      expect(classifyError(gotTimeout(event)).status).toBe('geo_timeout');
    expect(classifyError(gotTimeout('request')).status).toBe('timeout');
    expect(classifyError(Object.assign(new Error('x'), { code: 'ETIMEDOUT', syscall: 'connect' })).status).toBe(
      'geo_timeout',
    );
    expect(classifyError(new Error('proxy CONNECT www.x.gov.cn:443 timed out')).status).toBe('geo_timeout');
    expect(classifyError(new Error('Proxy responded with 504 Gateway Timeout')).status).toBe('geo_timeout');
    expect(statusFromProxyError('ERR_CONNECT_FAIL 110')).toBe('geo_timeout');
    expect(statusFromProxyError('ERR_READ_TIMEOUT 0')).toBe('geo_timeout');
    expect(statusFromProxyError('ERR_LIFETIME_EXP 0')).toBe('geo_timeout');
    // Once the headers are in, any timer that fires is a slow load, not a silent host.
    const body = classifyBodyError(gotTimeout('response'), {
      url: 'http://x/',
      elapsedMs: 10,
      timeoutMs: 1000,
      bytes: 5,
    });
    expect(body.status).toBe('timeout');
    expect(classifyNavError('net::ERR_CONNECTION_TIMED_OUT at http://x/')).toBe('geo_timeout');
    expect(classifyNavError('net::ERR_TIMED_OUT at http://x/')).toBe('geo_timeout');
    expect(isRetryable('geo_timeout')).toBe(true);
  });

  it('recognises binary documents served as text', () => {
    expect(looksBinary(Buffer.from('%PDF-1.4\n...'))).toBe(true);
    expect(looksBinary(Buffer.from('PK\u0003\u0004rest', 'latin1'))).toBe(true);
    expect(looksBinary(Buffer.from('<!DOCTYPE html><html>'))).toBe(false);
  });

  it('bounds spider traps and normalises registry URLs', () => {
    expect(isTrap('https://x.gov.cn/cal?year=2026&month=1')).toBe(true);
    expect(isTrap('https://x.gov.cn/a/a/a/a/index.html')).toBe(true);
    expect(isTrap(`https://x.gov.cn/?${'p=1&'.repeat(3)}a=1&b=2&c=3&d=4&e=5&f=6`)).toBe(true);
    expect(isTrap('https://x.gov.cn/col/col123/index.html?page=2')).toBe(false);
    expect(normalizePortalUrl('www.x.gov.cn')).toBe('http://www.x.gov.cn/');
    expect(isPrivateAddress('10.1.2.3')).toBe(true);
    expect(isPrivateAddress('::ffff:192.168.0.1')).toBe(true);
    expect(isPrivateAddress('202.96.0.1')).toBe(false);
  });
});

describe('HostGate', () => {
  it('serialises one host, spaces requests by the delay, and leaves other hosts free', async () => {
    const gate = new HostGate(1, 50);
    const starts: Record<string, number[]> = { a: [], b: [] };
    const t0 = Date.now();
    const job = async (host: string) => {
      const release = await gate.acquire(host);
      starts[host]!.push(Date.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
      release();
    };
    await Promise.all([job('a'), job('a'), job('a'), job('b')]);
    expect(gate.peak.get('a')).toBe(1);
    const [a1, a2, a3] = starts.a as [number, number, number];
    expect(a2 - a1).toBeGreaterThanOrEqual(65); // 20 ms work + 50 ms delay (timer slack allowed)
    expect(a3 - a2).toBeGreaterThanOrEqual(65);
    expect(starts.b![0]!).toBeLessThan(30); // another host is not held up
  });

  it("measures each host's pace: answer time plus the pause, unknown before an answer", async () => {
    const gate = new HostGate(1, 50);
    expect(gate.paceMs('slow')).toBeUndefined();
    for (const host of ['slow', 'fast']) {
      const release = await gate.acquire(host);
      await new Promise((r) => setTimeout(r, host === 'slow' ? 200 : 5));
      release();
    }
    expect(gate.paceMs('slow')!).toBeGreaterThanOrEqual(240);
    expect(gate.paceMs('fast')!).toBeLessThan(gate.paceMs('slow')! - 100);
  });
});

describe("HopQueue (the HTTP crawler's request manager)", () => {
  it('hands hops out first in, first out, wakes the pool on each, and keeps none once handled', async () => {
    let wakes = 0;
    const q = new HopQueue(() => wakes++);
    for (const n of [1, 2, 3]) q.push({ url: `https://a.gov.cn/${n}`, uniqueKey: `k${n}` });
    expect(wakes).toBe(3);
    const first = (await q.fetchNextRequest())!;
    expect(first.url).toBe('https://a.gov.cn/1');
    expect(first.id).toBe('k1');
    expect(await q.isEmpty()).toBe(false);
    // A reclaimed hop at the front goes out next; one handled leaves the queue for good.
    await q.reclaimRequest(first, { forefront: true });
    expect((await q.fetchNextRequest())!.uniqueKey).toBe('k1');
    for (let r = await q.fetchNextRequest(); r; r = await q.fetchNextRequest()) await q.markRequestHandled(r);
    expect(await q.isFinished()).toBe(false); // k1 is still in flight
    await q.markRequestHandled(first);
    expect([await q.isEmpty(), await q.isFinished(), q.getPendingCount(), await q.handledCount()]).toEqual([
      true,
      true,
      0,
      3,
    ]);
  });
});

describe('document handed to the browser', () => {
  const result = (headers: Record<string, string>, raw: Buffer): FetchResult => ({
    url: 'http://www.x.gov.cn/',
    finalUrl: 'http://www.x.gov.cn/',
    status: 'ok',
    httpStatus: 200,
    headers,
    raw,
    redirects: [],
    attempts: 1,
    fetchedAt: '',
    durationMs: 0,
  });

  it('is UTF-8 text labelled as such, keeping status and the other headers', () => {
    const r = result(
      {
        'content-type': 'text/html',
        'content-encoding': 'gzip',
        'content-length': '99',
        'x-frame-options': 'SAMEORIGIN',
        'set-cookie': 'a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/, b=2; Path=/',
      },
      iconv.encode('<meta charset="gbk"><title>县政府</title>', 'gbk'),
    );
    const f = fulfilment(r, decodeResult(r));
    expect(f.status).toBe(200);
    expect(f.body).toBe('<meta charset="gbk"><title>县政府</title>'); // the header's utf-8 overrides the meta in the browser
    expect(f.headers).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'x-frame-options': 'SAMEORIGIN',
      'set-cookie': 'a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/\nb=2; Path=/',
    });
  });

  it('passes binary documents through as they came', () => {
    const pdf = Buffer.from('%PDF-1.4 ...');
    const r = result({ 'content-type': 'text/html' }, pdf);
    const f = fulfilment(r, decodeResult(r));
    expect(f.body).toBe(pdf);
    expect(f.headers['content-type']).toBe('text/html');
  });
});
