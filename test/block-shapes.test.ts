// The block shapes (crawlers/http/block-shapes.ts) on small pages written after the public
// descriptions of each vendor's shape, and on decoys: real pages that carry a vendor's script or
// words, which must stay ordinary pages.
import { describe, expect, it } from 'vitest';
import { waitOutChallenge } from '../crawlers/browser/challenge-wait.js';
import type { ServedDocument } from '../crawlers/browser/document.js';
import { recogniseBlock } from '../crawlers/http/block-shapes.js';
import { classifyAnswer } from '../crawlers/http/classify.js';
import { SiteSession } from '../crawlers/http/site-session.js';
import { analyzeHtml } from '../indicators/analyze.js';

const page = (head: string, body = '') => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
const ARTICLE = `<div class="article">${'市政府召开常务会议，研究部署当前经济运行和安全生产工作。'.repeat(40)}</div>`;

describe('block shapes', () => {
  it('names each challenge vendor by its shape, whatever status it answers with', () => {
    const ruishu = page(
      `<meta content="a9Xk" r='m'><script>$_ts=window['$_ts'];</script><script src="/x.js"></script>`,
    );
    expect(recogniseBlock(412, {}, ruishu)).toMatchObject({ kind: 'challenge', vendor: 'ruishu' });
    expect(recogniseBlock(200, {}, ruishu)).toMatchObject({ kind: 'challenge', vendor: 'ruishu' });
    expect(recogniseBlock(412, { 'set-cookie': 'Abc12xyzS=60f3; path=/' }, '')).toMatchObject({ vendor: 'ruishu' });
    const jsl =
      '<script>document.cookie=("__jsl_clearance_s=")+(1763+".5|0|x")+";path=/";location.href=location.pathname</script>';
    expect(recogniseBlock(521, { 'set-cookie': '__jsluid_s=ab12; path=/' }, jsl)).toMatchObject({ vendor: 'jsl' });
    const acw = `<html><script>var arg1='${'3F'.repeat(20)}';/* computes acw_sc__v2 */location.reload()</script></html>`;
    expect(recogniseBlock(200, { 'set-cookie': 'acw_tc=0bd1; path=/' }, acw)).toMatchObject({ vendor: 'acw' });
    // The seed meta alone, content before r='m' or after it.
    expect(recogniseBlock(412, {}, page(`<meta content="Zq9" r='m'>`))).toMatchObject({ vendor: 'ruishu' });
    expect(recogniseBlock(202, {}, page(`<meta r="m" id="x1" content="Zq9">`))).toMatchObject({ vendor: 'ruishu' });
    // 加速乐 spells its cookie name in pieces.
    const pieces =
      "<script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')+('a')+('n')+('c')+('e')+('_')+('s')+('=')+(12)</script>";
    expect(recogniseBlock(200, {}, pieces)).toMatchObject({ vendor: 'jsl' });
    const wzws = '<script>var wzwstemplate="a1";var wzwschallenge="b2";location.href="/WZWSREL?x"</script>';
    expect(recogniseBlock(200, {}, wzws)).toMatchObject({ kind: 'challenge', vendor: 'wzws' });
    const yunsuo =
      '<script>setCookie("yunsuo_session_verify","c3");window.location.href="/?security_verify_data=313932"</script>';
    expect(recogniseBlock(200, {}, yunsuo)).toMatchObject({ vendor: 'yunsuo' });
    const cf = page(
      '<title>Just a moment...</title>',
      '<script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script>',
    );
    expect(recogniseBlock(503, {}, cf)).toMatchObject({ vendor: 'cloudflare' });
    const generic = page('<script>document.cookie="wzws_cid=1";setTimeout(function(){location.reload()},800)</script>');
    expect(recogniseBlock(468, {}, generic)).toMatchObject({ kind: 'challenge', vendor: 'generic' });
    expect(recogniseBlock(521, {}, '')).toMatchObject({ kind: 'challenge', vendor: 'generic' });
  });

  it('names WAF block pages and soft 404s', () => {
    const block360 = page('<title>访问异常页面</title>', '<p>您的访问请求可能对网站造成安全威胁，已被拦截。</p>');
    expect(recogniseBlock(200, {}, block360)).toMatchObject({ kind: 'ip_block_page', vendor: '360' });
    const safedog = page('<title>网站防火墙</title>', '<p>您的请求带有不合法参数，已被网站管理员设置拦截！</p>');
    expect(recogniseBlock(200, {}, safedog)).toMatchObject({ kind: 'ip_block_page', vendor: 'waf' });
    const soft = page('<title>404</title>', '<p>页面不存在</p><script>window.location.href="/";</script>');
    expect(recogniseBlock(404, {}, soft)).toMatchObject({ kind: 'soft_404' });
    expect(classifyAnswer(404, Buffer.from(soft)).status).toBe('soft_404');
    expect(classifyAnswer(200, Buffer.from(block360)).status).toBe('ip_block_page');
    expect(classifyAnswer(429, Buffer.from('slow down')).status).toBe('rate_limited'); // retried first (isRetryable)
  });

  it('leaves decoys alone: a protected page after the pass, an article about blocks, a plain 403 or 404', () => {
    // A page that passed Ruishu still carries its script and server cookie; it has content.
    const passed = page(`<meta content="a9Xk" r='m'><script>$_ts=window['$_ts'];</script>`, ARTICLE);
    expect(recogniseBlock(200, { 'set-cookie': 'Abc12xyzS=60f3' }, passed)).toBeUndefined();
    const news = page('<title>关于网站防火墙升级的通知</title>', ARTICLE);
    expect(recogniseBlock(200, {}, news)).toBeUndefined();
    expect(recogniseBlock(403, {}, page('<title>403 Forbidden</title>', '<h1>403 Forbidden</h1>'))).toBeUndefined();
    expect(recogniseBlock(404, {}, page('<title>404</title>', '<h1>Not Found</h1>'))).toBeUndefined();
    // A cookie named …S is only Ruishu's with its 412, not on any 200 page.
    expect(recogniseBlock(200, { 'set-cookie': 'JSESSIONIDS=1' }, page('<title>首页</title>'))).toBeUndefined();
    // An ordinary page that sets a cookie by script is not a challenge when it answers 200.
    expect(recogniseBlock(200, {}, page('<script>document.cookie="lang=zh"</script>', ARTICLE))).toBeUndefined();
  });
});

describe('analyze on a saved challenge shell', () => {
  it('judges a saved Ruishu shell unknown with the reason, never absent', () => {
    const shell = page(`<meta content="Qx81" r='m'><script>$_ts=window['$_ts'];</script>`);
    const a = analyzeHtml(shell, 'http://www.example.gov.cn/');
    expect(a.indicators.filter((r) => r.status === 'absent')).toEqual([]);
    expect(a.indicators.find((r) => r.id === 'online_service_portal')!.reason).toMatch(
      /saved page is a ruishu challenge page/,
    );
  });
});

describe('site session', () => {
  it('sends the browser-earned cookies where they apply, host-only ones only to their host', () => {
    const s = new SiteSession('ruishu', 'govscan/0.1');
    const far = Math.floor(Date.now() / 1000) + 3600;
    s.addBrowserCookies([
      {
        name: 'T',
        value: 'abc',
        domain: 'www.example.gov.cn',
        path: '/',
        expires: far,
        httpOnly: false,
        secure: false,
      },
      { name: 'D', value: 'dom', domain: '.example.gov.cn', path: '/', expires: -1, httpOnly: true, secure: false },
      {
        name: 'P',
        value: 'sub',
        domain: 'www.example.gov.cn',
        path: '/xxgk',
        expires: -1,
        httpOnly: false,
        secure: false,
      },
    ]);
    expect(s.cookieHeader('http://www.example.gov.cn/')).toBe('T=abc; D=dom');
    expect(s.cookieHeader('http://www.example.gov.cn/xxgk/index.html')).toContain('P=sub');
    expect(s.cookieHeader('http://data.example.gov.cn/')).toBe('D=dom');
    expect(s.cookieHeader('http://www.other.gov.cn/')).toBeUndefined();
    s.absorb('http://www.example.gov.cn/', 'T=renewed; Path=/');
    expect(s.cookieHeader('http://www.example.gov.cn/')).toContain('T=renewed');
    expect(s.browserCookies().map((c) => `${c.name}@${c.domain}`)).toEqual(
      expect.arrayContaining(['T@www.example.gov.cn', 'D@.example.gov.cn']),
    );
  });
});

describe('waiting out a challenge in the browser', () => {
  const doc = (challenge: boolean): ServedDocument =>
    ({
      result: {
        status: challenge ? 'challenge_failed' : 'ok',
        ...(challenge ? { block: { kind: 'challenge', vendor: 'ruishu', signal: 'meta r=m', note: '' } } : {}),
      },
      decoded: { status: challenge ? 'challenge_failed' : 'ok' },
    }) as unknown as ServedDocument;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('waits for a reload already asked for beyond the script wait (a slow server is not a failed challenge)', async () => {
    const docs = [doc(true)];
    let parsed = 1;
    let fetching = false;
    void (async () => {
      await sleep(50);
      fetching = true; // the page's script asked for its reload
      await sleep(600); // the server takes long to answer it
      docs.push(doc(false));
      fetching = false;
      parsed++;
    })();
    const w = { served: () => docs, parsed: () => parsed, fetching: () => fetching, waitMs: 200, loadMs: 3000 };
    const r = await waitOutChallenge(w);
    expect(r).toMatchObject({ vendor: 'ruishu', passed: true, via: 'browser', reloads: 1 });
    expect(r!.waitedMs).toBeGreaterThanOrEqual(500);
  });

  it('gives up after the script wait when no reload was asked for', async () => {
    const docs = [doc(true)];
    const w = { served: () => docs, parsed: () => 1, fetching: () => false, waitMs: 200, loadMs: 3000 };
    const r = await waitOutChallenge(w);
    expect(r).toMatchObject({ passed: false, via: 'none', reloads: 0 });
    expect(r!.waitedMs).toBeLessThan(1500);
  });
});
