/** Fixes found by the accuracy run: hidden links in the broken-link sample, https on unreadable sites. */
import { describe, expect, it } from 'vitest';
import { detectionContext, runIndicators } from '../../indicators/index.js';
import type { IndicatorResult, LinkCheck, SiteArtifacts } from '../../src/types.js';
import { AS_OF, HOME, page, site } from './helpers.js';

function run(s: SiteArtifacts): Record<string, IndicatorResult> {
  return Object.fromEntries(runIndicators(s, detectionContext(s)).map((r) => [r.id, r]));
}

const ok = (i: number): LinkCheck => ({
  url: `https://www.chengdu.gov.cn/art/${i}.html`,
  fromUrl: HOME,
  status: 'ok',
  httpStatus: 200,
  internal: true,
});
const notFound = (path: string): LinkCheck => ({
  url: `https://www.chengdu.gov.cn${path}`,
  fromUrl: HOME,
  status: 'http_4xx',
  httpStatus: 404,
  internal: true,
});

describe('broken_links ignores links only present in hidden markup', () => {
  const body = `<html><body>
    <ul class="news">${Array.from({ length: 18 }, (_, i) => `<li><a href="/art/${i}.html">新闻${i}</a></li>`).join('')}</ul>
    <a href="/znwd/index.html" style="display:none">智能问答</a>
    <div class="hide"><a href="/old/nav.html">旧栏目</a></div>
    <div aria-hidden="true"><a href="/old/menu.html">旧菜单</a></div>
    <a href="/bmfw/old_1.html">部门服务</a>
  </body></html>`;
  const home = page({ url: HOME, body });
  const base = Array.from({ length: 18 }, (_, i) => ok(i));

  it('does not count 404s behind hidden links, in either numerator or denominator', () => {
    const r = run(
      site([home], {
        linkChecks: [...base, notFound('/znwd/index.html'), notFound('/old/nav.html'), notFound('/old/menu.html')],
      }),
    ).broken_links!;
    expect(r.status).toBe('present');
    expect(r.value).toMatchObject({ checked: 18, definite: 0 });
  });

  it('still counts a 404 behind a visible link (the decoys do not hide real breakage)', () => {
    const r = run(site([home], { linkChecks: [...base, notFound('/znwd/index.html'), notFound('/bmfw/old_1.html')] }))
      .broken_links!;
    expect(r.value).toMatchObject({ checked: 19, definite: 1 });
    expect(r.status).toBe('absent'); // 1/19 = 5.3% > 5%
  });

  it('keeps links it cannot place (not in the source markup, or source page not held)', () => {
    const elsewhere: LinkCheck = { ...notFound('/from/script.html') };
    const unknownSource: LinkCheck = {
      ...notFound('/col/x.html'),
      fromUrl: 'https://www.chengdu.gov.cn/col/index.html',
    };
    const r = run(site([home], { linkChecks: [...base, elsewhere, unknownSource] })).broken_links!;
    expect(r.value).toMatchObject({ checked: 20, definite: 2 });
  });
});

describe('https on a site whose homepage could not be read', () => {
  const badCert = {
    httpsAvailable: true,
    certValid: false,
    certError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    fetchedAt: AS_OF,
  };
  it('is unknown, not absent, when the homepage is blocked or failed', () => {
    const blocked = site(
      [page({ url: HOME, status: 'challenge_failed', httpStatus: 412, body: '<script>document.cookie="x"</script>' })],
      { siteStatus: 'challenge_failed', probes: { tls: badCert } },
    );
    expect(run(blocked).https!.status).toBe('unknown');
    const down = site([page({ url: HOME, status: 'http_5xx', httpStatus: 500, body: undefined })], {
      siteStatus: 'http_5xx',
      probes: { tls: { httpsAvailable: false, certValid: false, certError: 'ECONNREFUSED', fetchedAt: AS_OF } },
    });
    expect(run(down).https!.status).toBe('unknown');
  });
  it('stays absent when the homepage was read (the certificate really is bad)', () => {
    const readable = site([page({ url: HOME, body: '<html><body><p>首页</p></body></html>' })], {
      siteStatus: 'tls',
      probes: { tls: badCert },
    });
    expect(run(readable).https).toMatchObject({ status: 'absent', value: { certValid: false } });
  });
});

describe('site_search: an engine error page is not a working search', () => {
  const home = page({
    url: HOME,
    body: '<html><body><form action="/search"><input name="keyword"><button>搜索</button></form></body></html>',
  });
  const probe = (body: string) => ({
    search: {
      url: 'https://www.chengdu.gov.cn/search?keyword=政府',
      query: '政府',
      status: 'ok' as const,
      body,
      fetchedAt: AS_OF,
    },
  });
  it.each([
    '<div class="search-error">检索服务暂不可用，请稍后再试。</div>',
    '<p>系统繁忙，请稍后重试</p>',
    '<h1>服务器内部错误</h1>',
  ])('absent on %s', (err) => {
    const r = run(
      site([home], {
        probes: probe(
          `<html><body><form action="/search"><input name="keyword" value="政府"></form>${err}</body></html>`,
        ),
      }),
    ).site_search!;
    expect(r).toMatchObject({ status: 'absent', value: { resultsReturned: false } });
  });
  it('results win over an unrelated notice on the same page (decoy)', () => {
    const listed =
      '<ul><li><a href="/a/1">市政府常务会议</a></li><li><a href="/a/2">政府工作报告</a></li></ul><div class="tip">如遇检索异常，请稍后再试</div>';
    expect(run(site([home], { probes: probe(`<html><body>${listed}</body></html>`) })).site_search!.status).toBe(
      'present',
    );
    const counted = '<div>共找到 1,234 条结果</div><div class="tip">系统维护期间请稍后访问</div>';
    expect(run(site([home], { probes: probe(`<html><body>${counted}</body></html>`) })).site_search!.status).toBe(
      'present',
    );
  });
});

describe('accessibility_mode from the requests of a render that timed out', () => {
  const raw = page({ url: HOME, body: '<html><body><p>首页</p></body></html>' });
  const timedOut = (url: string) =>
    page({
      url: HOME,
      crawler: 'browser',
      status: 'timeout',
      body: undefined,
      requests: [
        { url: 'https://api.map.baidu.com/api?v=3.0', resourceType: 'script' },
        { url, resourceType: 'script' },
      ],
    });
  it('credits a vendor toolbar script the browser requested before the load event hung', () => {
    const r = run(site([raw, timedOut('https://api.govwza.cn/cniil/assist.js?sid=1&pos=left')])).accessibility_mode!;
    expect(r).toMatchObject({ status: 'present', value: { via: 'script', vendor: 'cniil' } });
    expect(r.confidence).toBeLessThanOrEqual(0.7);
  });
  it('not when the script is loaded switched off, and never for elderly mode (decoys)', () => {
    expect(
      run(site([raw, timedOut('https://api.govwza.cn/cniil/assist.js?sid=1&wza=0')])).accessibility_mode!.status,
    ).toBe('absent');
    expect(run(site([raw, timedOut('https://api.govwza.cn/cniil/assist.js?sid=1')])).elderly_mode!.status).toBe(
      'absent',
    );
  });
});
