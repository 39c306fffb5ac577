import { describe, expect, it } from 'vitest';
import { CATALOGUE, detectionContext, runIndicators } from '../../indicators/index.js';
import { DEFAULT_THRESHOLDS } from '../../indicators/runner.js';
import type { IndicatorResult, SiteArtifacts } from '../../src/types.js';
import { AS_OF, chengduPage, HOME, page, readPage, site } from './helpers.js';

function run(s: SiteArtifacts): Record<string, IndicatorResult> {
  return Object.fromEntries(runIndicators(s, detectionContext(s)).map((r) => [r.id, r]));
}

const HOME_HTML = readPage('trs-portal.html');

describe('runIndicators', () => {
  it('returns one result per catalogue entry, in INDICATOR_IDS order, and asOf is the homepage fetch time', () => {
    const s = site([page({ url: HOME, body: HOME_HTML, fetchedAt: '2026-11-21T00:00:00.000Z' })]);
    const ctx = detectionContext(s, DEFAULT_THRESHOLDS);
    expect(ctx.asOf.toISOString()).toBe('2026-11-21T00:00:00.000Z');
    const rs = runIndicators(s, ctx);
    expect(rs.map((r) => r.id)).toEqual(CATALOGUE.map((i) => i.id));
    expect(rs).toHaveLength(CATALOGUE.length);
    expect(JSON.stringify(runIndicators(s, detectionContext(s)))).toBe(JSON.stringify(rs)); // replay is identical
  });

  it('turns a throwing detector into unknown with the error as reason', () => {
    const s = site([page({ url: HOME, body: HOME_HTML })]);
    const boom = {
      ...CATALOGUE[0]!,
      detect: () => {
        throw new Error('kaboom');
      },
    };
    const [r] = runIndicators(s, detectionContext(s), [boom]);
    expect(r).toMatchObject({ status: 'unknown', reason: expect.stringContaining('kaboom') });
  });

  it('makes every homepage-dependent indicator unknown (never absent) when the homepage is blocked', () => {
    const s = site([page({ url: HOME, status: 'challenge_failed', httpStatus: 412, body: undefined })], {
      siteStatus: 'challenge_failed',
      siteError: 'WAF challenge',
    });
    const r = run(s);
    for (const ind of CATALOGUE.filter((i) => i.scope === 'page' && i.id !== 'gov_domain')) {
      expect(r[ind.id]!.status, ind.id).toBe('unknown');
      expect(r[ind.id]!.reason, ind.id).toMatch(/challenge_failed/);
    }
    expect(r.gov_domain!.status).toBe('present'); // judged from the registry URL
    expect(r.online_service_rate!.status).toBe('unknown');
  });
});

describe('rendered DOM', () => {
  it('marks results found only after JavaScript with needsRender and rendered evidence', () => {
    const raw =
      '<html><head><script src="/js/header.js"></script></head><body><div id="header"></div><p>正文</p></body></html>';
    const rendered =
      '<html><body><div id="header"><a href="https://www.sczwfw.gov.cn/">政务服务</a><a id="cniil_wza" href="javascript:void(0)">无障碍</a></div><p>正文</p></body></html>';
    const s = site([
      page({ url: HOME, body: raw }),
      page({
        url: HOME,
        body: rendered,
        crawler: 'browser',
        requests: [{ url: 'https://hm.baidu.com/hm.js?x', resourceType: 'script', status: 200 }],
      }),
    ]);
    const r = run(s);
    expect(r.online_service_portal).toMatchObject({ status: 'present', needsRender: true });
    expect(r.online_service_portal!.evidence[0]!.rendered).toBe(true);
    expect(r.accessibility_mode).toMatchObject({ status: 'present', needsRender: true });
    expect(r.third_party_services!.value).toMatchObject({ hosts: ['hm.baidu.com'] });
    expect(r.third_party_services!.needsRender).toBe(true);
  });

  it('copies the browser verification outcome into the value and keeps a not-working entry present', () => {
    const s = site([page({ url: HOME, body: HOME_HTML })], {
      interactions: [
        {
          capability: 'elderly_mode',
          outcome: 'not_working',
          detail: 'clicked 长者模式, page unchanged',
          at: AS_OF,
          screenshotHash: 'abc',
        },
        { capability: 'smart_qa', outcome: 'verified', detail: 'dialog opened', at: AS_OF },
      ],
    });
    const r = run(s);
    expect(r.elderly_mode).toMatchObject({ status: 'present', value: { verified: 'not_working' } });
    expect(r.elderly_mode!.evidence.find((e) => e.kind === 'interaction')).toMatchObject({
      screenshotHash: 'abc',
      rendered: true,
    });
    expect(r.smart_qa!.value).toMatchObject({ verified: 'verified' });
  });
});

describe('platform values', () => {
  const home = page({ url: HOME, body: HOME_HTML });
  it('online_service_rate reads stated totals', () => {
    const list = page({
      url: 'https://www.sczwfw.gov.cn/list',
      role: 'service_list',
      body: '<div class="total">本级共 1,200 项事项，其中全程网办事项：960 项</div><ul class="items"><li><a href="/i/1">户籍迁移</a> 全程网办</li></ul>',
    });
    const r = run(site([home, list]));
    expect(r.online_service_rate).toMatchObject({
      status: 'present',
      value: { items: 1200, fullyOnline: 960, rate: 0.8, source: 'stated' },
    });
  });
  it('online_service_rate counts marked rows when no total is printed', () => {
    const rows = ['户籍迁移 全程网办', '社保卡申领 网办深度：四级', '出生登记 即办件', '建筑许可 窗口办理']
      .map((t, i) => `<li><a href="/i/${i}">${t}</a></li>`)
      .join('');
    const list = page({
      url: 'https://www.sczwfw.gov.cn/list',
      role: 'service_list',
      body: `<ul class="nav"><li><a href="/">首页</a></li></ul><div class="list"><ul>${rows}</ul></div>`,
    });
    expect(run(site([home, list])).online_service_rate!.value).toEqual({
      items: 4,
      fullyOnline: 3,
      rate: 0.75,
      source: 'counted',
    });
  });
  it('online_service_rate is unknown and names the URL when the platform page failed, while the entry stays present', () => {
    const failed = page({
      url: 'https://www.sczwfw.gov.cn/jiq/front/index?areaCode=510100000000',
      role: 'service_platform',
      status: 'timeout',
      body: undefined,
    });
    const failedList = page({
      url: 'https://www.sczwfw.gov.cn/list',
      role: 'service_list',
      status: 'timeout',
      body: undefined,
    });
    const r = run(site([home, failed, failedList]));
    expect(r.online_service_rate!.status).toBe('unknown');
    expect(r.online_service_rate!.reason).toContain('https://www.sczwfw.gov.cn/list');
    expect(r.online_service_portal).toMatchObject({ status: 'present', value: { reachable: false } });
  });
  it('service_guide_completeness lists the missing key elements', () => {
    const full =
      '<table><tr><td>事项名称</td><td>x</td></tr><tr><td>设定依据</td></tr><tr><td>受理条件</td></tr><tr><td>申请材料</td></tr><tr><td>办理地点</td></tr><tr><td>办理时间</td></tr><tr><td>咨询电话</td></tr><tr><td>办理流程</td></tr></table>';
    const partial = '<p>事项名称：出生登记</p><p>申请条件：…</p><p>办理材料：…</p><p>办理地点：…</p>';
    const g1 = page({ url: 'https://www.sczwfw.gov.cn/item/1', role: 'service_item', body: full });
    const g2 = page({ url: 'https://www.sczwfw.gov.cn/item/2', role: 'service_item', body: partial });
    expect(run(site([home, g1])).service_guide_completeness).toMatchObject({
      status: 'present',
      value: { guidesChecked: 1, completeness: 1, elementsMissing: [] },
    });
    const r = run(site([home, g1, g2])).service_guide_completeness!;
    expect(r.status).toBe('absent');
    expect(r.value).toMatchObject({
      guidesChecked: 2,
      completeness: 0.75,
      elementsMissing: ['设定依据', '办理时间', '联系电话', '办理流程'],
    });
  });
  it('open_data_datasets prefers the JSON API total and collects formats', () => {
    const api = page({
      url: 'https://data.chengdu.gov.cn/api/datasets?page=1',
      role: 'data_api',
      contentType: 'application/json',
      body: JSON.stringify({
        code: 0,
        data: {
          total: 2345,
          list: [
            { name: 'a', formats: ['CSV', 'json'] },
            { name: 'b', format: 'xlsx' },
          ],
        },
      }),
    });
    const list = page({
      url: 'https://data.chengdu.gov.cn/list',
      role: 'data_list',
      body: '<p>共 2,000 个数据集</p><ul><li><a href="/d/1">公交线路</a> CSV XLSX</li></ul>',
    });
    expect(run(site([home, list, api])).open_data_datasets!.value).toEqual({
      datasets: 2345,
      formats: ['API', 'CSV', 'JSON', 'XLSX'],
      api: true,
      source: 'api',
    });
    expect(run(site([home, list])).open_data_datasets!.value).toEqual({
      datasets: 2000,
      formats: ['CSV', 'XLSX'],
      api: false,
      source: 'stated',
    });
  });
  it('open_data_datasets is absent without a platform entry and unknown when the platform failed', () => {
    const bare = page({ url: HOME, body: '<html><body><a href="/tjsj/">统计数据</a></body></html>' });
    expect(run(site([bare])).open_data_datasets!.status).toBe('absent');
    const failed = page({
      url: 'https://data.chengdu.gov.cn/',
      role: 'data_platform',
      status: 'http_5xx',
      httpStatus: 503,
      body: undefined,
    });
    const r = run(site([home, failed]));
    expect(r.open_data_datasets!.status).toBe('unknown');
    expect(r.open_data_datasets!.reason).toContain('https://data.chengdu.gov.cn/ (http_5xx 503)');
    expect(r.open_data_platform).toMatchObject({
      status: 'present',
      value: { reachable: false, reachabilityChecked: true },
    });
  });
});

describe('reply_timeliness', () => {
  const home = page({ url: HOME, body: HOME_HTML });
  it('computes the median reply days from a letter list and counts overdue unanswered letters', () => {
    const rows = [
      ['关于小区停车的建议', '2026-10-01', '2026-10-05', '已回复'],
      ['道路破损', '2026-10-10', '2026-10-20', '已回复'],
      ['噪音扰民', '2026-11-01', '2026-11-03', '已回复'],
      ['学位咨询', '2026-05-02', '', '办理中'],
      ['公交线路', '2026-11-15', '', '待回复'],
    ]
      .map(([t, a, b, s]) => `<tr><td><a href="/l/${t}">${t}</a></td><td>${a}</td><td>${b}</td><td>${s}</td></tr>`)
      .join('');
    const list = chengduPage(
      '/hdjl/list',
      'letter_list',
      `<table><tr><th>标题</th><th>留言时间</th><th>回复时间</th><th>状态</th></tr>${rows}</table>`,
    );
    const r = run(site([home, list])).reply_timeliness!;
    expect(r.value).toEqual({ lettersChecked: 5, replied: 3, medianDays: 4, overdue: 1 });
    expect(r.status).toBe('absent');
  });
  it('reads labelled dates on letter pages in Chinese date format', () => {
    const letter = chengduPage(
      '/hdjl/l/1',
      'letter',
      '<div>来信时间：2026年10月8日</div><div>回复时间：2026年10月15日</div><div>回复单位：市交通局</div>',
    );
    expect(run(site([home, letter])).reply_timeliness).toMatchObject({
      status: 'present',
      value: { lettersChecked: 1, replied: 1, medianDays: 7, overdue: 0 },
    });
  });
  it('is unknown when no letter page was reached, absent when there is no channel at all', () => {
    expect(run(site([home])).reply_timeliness!.status).toBe('unknown');
    const bare = page({ url: HOME, body: '<html><body><p>市民服务热线：12345</p></body></html>' });
    expect(run(site([bare])).reply_timeliness!.status).toBe('absent');
    expect(run(site([bare])).service_guide_completeness!.status).toBe('absent');
    expect(run(site([home])).service_guide_completeness!.status).toBe('unknown');
  });
  it('reads channels behind a bare 互动交流 link on the section page; no channel there means no letters to answer', () => {
    const sectionOnly = page({
      url: HOME,
      body: '<html><body><div class="nav"><a href="/hdjl/">互动交流</a><a href="https://12345.chengdu.gov.cn/index.html">政民互动</a></div></body></html>',
    });
    /** The results with the 互动交流 section page (/hdjl/) showing `body`. */
    const withSection = (body: string) => run(site([sectionOnly, chengduPage('/hdjl/', 'interaction', body)]));
    const r = withSection('<html><body><h2>互动交流</h2><p>栏目建设中</p></body></html>');
    expect(r.interaction_channel!.status).toBe('absent'); // 政民互动 → the 12345 platform is still a section link
    expect(r.reply_timeliness!.status).toBe('absent');
    const withChannels = withSection(
      '<html><body><ul><li><a href="/hdjl/szxx/">市长信箱</a></li><li><a href="/hdjl/zxzx/">在线咨询</a></li></ul></body></html>',
    );
    expect(withChannels.interaction_channel).toMatchObject({
      status: 'present',
      value: { channels: ['consult', 'mailbox'], via: 'section_page' },
    });
  });
});

describe('columns', () => {
  const home = page({ url: HOME, body: HOME_HTML });
  const col = (name: string, items: string, url: string) =>
    page({
      url,
      role: 'column',
      linkText: name,
      body: `<div class="header"><a href="/">首页</a></div><div class="list"><ul>${items}</ul></div><div class="footer"><a href="/a">关于我们</a> 2026-11-21</div>`,
    });
  const item = (d: string) => `<li><a href="/art/${d}.html">关于开展某项工作的通知</a><span>${d}</span></li>`;
  it('classifies columns by name and applies their limits; blank columns are separate', () => {
    const cols = [
      col('工作动态', item('2026-11-01'), 'https://www.chengdu.gov.cn/gzdt/'), // news: 21 days > 14 → stale
      col('通知公告', item('2026-08-01'), 'https://www.chengdu.gov.cn/tzgg/'), // notice: 113 days ≤ 183
      col('人事信息', item('2025-06-01'), 'https://www.chengdu.gov.cn/rsxx/'), // longTerm: 539 days > 365 → stale
      col('专题专栏', '<li>暂无信息</li>', 'https://www.chengdu.gov.cn/ztzl/'), // blank
    ];
    const fresh = [1, 2].map((i) => col(`部门动态${i}`, item('2026-11-20'), `https://www.chengdu.gov.cn/bm${i}/`));
    const r = run(site([home, ...cols, ...fresh]));
    expect(r.stale_columns!.value).toMatchObject({
      columnsChecked: 6,
      stale: [
        { name: '工作动态', ageDays: 21, limitDays: 14 },
        { name: '人事信息', limitDays: 365 },
      ],
    });
    expect(r.stale_columns!.status).toBe('present'); // 2 < 5
    expect(r.blank_columns!.value).toEqual({
      columnsChecked: 6,
      blank: [{ name: '专题专栏', url: 'https://www.chengdu.gov.cn/ztzl/' }],
    });
    expect(r.blank_columns!.status).toBe('present');
    // Four columns can only weakly show "fewer than five stale".
    const few = run(site([home, ...cols]));
    expect(few.stale_columns).toMatchObject({ status: 'present', confidence: 0.5, value: { columnsChecked: 4 } });
    expect(few.stale_columns!.reason).toContain('only 4 columns checked');
    expect(r.stale_columns!.confidence).toBeGreaterThan(0.5);
    const many = Array.from({ length: 5 }, (_, i) =>
      col(`部门动态${i}`, item('2026-09-01'), `https://www.chengdu.gov.cn/c${i}/`),
    );
    expect(run(site([home, ...many])).stale_columns!.status).toBe('absent');
  });
  it('is unknown without column pages', () => {
    expect(run(site([home])).stale_columns!.status).toBe('unknown');
    expect(run(site([home])).blank_columns!.status).toBe('unknown');
  });
});

describe('policy_documents freshness', () => {
  const home = page({ url: HOME, body: HOME_HTML });
  it('reports freshness in the value; a stale column is still present (stale_columns judges it)', () => {
    /** policy_documents with the 政策文件 column at /zfxxgk/ listing `list`. */
    const withColumn = (list: string) => run(site([home, chengduPage('/zfxxgk/', 'policy', list)])).policy_documents;
    expect(withColumn('<ul><li><a href="/a">成都市人民政府关于印发…的通知</a> 2026/10/30</li></ul>')).toMatchObject({
      status: 'present',
      value: { newestDate: '2026-10-30', ageDays: 23, fresh: true },
    });
    expect(withColumn('<ul><li><a href="/a">通知</a> 2025年12月30日</li></ul>')).toMatchObject({
      status: 'present',
      value: { newestDate: '2025-12-30', fresh: false },
    });
    expect(run(site([home])).policy_documents).toMatchObject({ status: 'present', confidence: 0.7 });
    expect(run(site([home])).policy_documents!.value).not.toHaveProperty('newestDate');
  });
});

describe('probes', () => {
  const home = page({ url: HOME, body: HOME_HTML });
  const at = AS_OF;
  it('https, ipv6, robots and sitemap from probes', () => {
    const s = site([home], {
      probes: {
        tls: { httpsAvailable: true, certValid: true, redirectsToHttps: true, hsts: 'max-age=31536000', fetchedAt: at },
        dns: { a: ['1.2.3.4'], aaaa: ['240e::1'], ipv6Reachable: true, resolver: 'system', fetchedAt: at },
        robots: {
          url: 'https://www.chengdu.gov.cn/robots.txt',
          status: 'ok',
          body: 'User-agent: *\nDisallow: /admin/\nAllow: /\nSitemap: https://www.chengdu.gov.cn/sitemap.xml\n',
          fetchedAt: at,
        },
        sitemapXml: {
          url: 'https://www.chengdu.gov.cn/sitemap.xml',
          status: 'ok',
          body: '<?xml version="1.0"?><urlset><url><loc>a</loc></url><url><loc>b</loc></url></urlset>',
          fetchedAt: at,
        },
      },
    });
    const r = run(s);
    expect(r.https).toMatchObject({
      status: 'present',
      value: { httpsAvailable: true, certValid: true, redirectsToHttps: true, hsts: true },
    });
    expect(r.ipv6).toMatchObject({ status: 'present', value: { aaaa: ['240e::1'], reachable: true } });
    expect(r.robots_txt).toMatchObject({
      status: 'present',
      value: { rules: 2, disallowAll: false, sitemaps: ['https://www.chengdu.gov.cn/sitemap.xml'] },
    });
    expect(r.sitemap!.value).toEqual({
      page: 'https://www.chengdu.gov.cn/wzdt/index.shtml',
      xml: 'https://www.chengdu.gov.cn/sitemap.xml',
      xmlUrls: 2,
    });
  });
  it('judges failures: bad certificate, no AAAA, soft-404 robots, missing probes', () => {
    const s = site([home], {
      probes: {
        tls: { httpsAvailable: true, certValid: false, certError: 'certificate has expired', fetchedAt: at },
        dns: { a: ['1.2.3.4'], aaaa: [], resolver: '127.0.0.1:5353', fetchedAt: at },
        robots: {
          url: 'https://www.chengdu.gov.cn/robots.txt',
          status: 'ok',
          body: '<!DOCTYPE html><html><body>页面不存在</body></html>',
          fetchedAt: at,
        },
      },
    });
    const r = run(s);
    expect(r.https).toMatchObject({ status: 'absent', value: { certError: 'certificate has expired' } });
    expect(r.ipv6!.status).toBe('absent');
    expect(r.robots_txt!.status).toBe('absent');
    const timedOut = run(
      site([home], {
        probes: {
          tls: {
            httpsAvailable: false,
            certValid: false,
            certError: 'proxy CONNECT www.chengdu.gov.cn:443 timed out',
            fetchedAt: at,
          },
        },
      }),
    );
    expect(timedOut.https!.status).toBe('unknown');
    const none = run(site([home]));
    expect([none.https!.status, none.ipv6!.status, none.robots_txt!.status]).toEqual(['unknown', 'unknown', 'unknown']);
  });
  it('site_search uses the search probe result', () => {
    const probe = (body: string) => ({
      search: {
        url: 'https://www.chengdu.gov.cn/was5/web/search?searchword=政府',
        query: '政府',
        status: 'ok' as const,
        body,
        fetchedAt: at,
      },
    });
    expect(run(site([home], { probes: probe('<div>共找到 1,234 条结果</div>') })).site_search).toMatchObject({
      status: 'present',
      value: { resultsReturned: true, resultCount: 1234 },
    });
    expect(
      run(site([home], { probes: probe('<div>抱歉，没有找到与“政府”相关的结果</div>') })).site_search,
    ).toMatchObject({ status: 'absent', value: { resultsReturned: false } });
    const failed = {
      search: {
        url: 'https://www.chengdu.gov.cn/was5/web/search?searchword=政府',
        query: '政府',
        status: 'timeout' as const,
        fetchedAt: at,
      },
    };
    expect(run(site([home], { probes: failed })).site_search!.status).toBe('unknown');
  });
});

describe('broken_links', () => {
  const home = page({ url: HOME, body: HOME_HTML });
  const lc = (
    i: number,
    status: 'ok' | 'http_4xx' | 'timeout' | 'http_5xx' | 'skipped',
    httpStatus?: number,
    internal = true,
  ) => ({
    url: `https://www.chengdu.gov.cn/p${i}`,
    fromUrl: HOME,
    status,
    httpStatus,
    internal,
  });
  it('counts internal 404/403 as definite and other failures as suspected', () => {
    const checks = [
      ...Array.from({ length: 16 }, (_, i) => lc(i, 'ok', 200)),
      lc(20, 'http_4xx', 404),
      lc(21, 'timeout'),
      lc(22, 'http_5xx', 502),
      lc(23, 'http_4xx', 404, false),
    ];
    const r = run(site([home], { linkChecks: checks })).broken_links!;
    expect(r.value).toMatchObject({ checked: 20, definite: 1, suspected: 3, rate: 0.05 });
    expect(r.status).toBe('present'); // 5% ≤ 5%
    const worse = [...checks, lc(30, 'http_4xx', 403)];
    expect(run(site([home], { linkChecks: worse })).broken_links!.status).toBe('absent');
    expect(run(site([home])).broken_links!.status).toBe('unknown');
  });
  it('judges a sample cut short by the time budget only as far as the unchecked links cannot change it', () => {
    const ok = (n: number) => Array.from({ length: n }, (_, i) => lc(i, 'ok', 200));
    const skipped = (n: number) => Array.from({ length: n }, (_, i) => lc(100 + i, 'skipped'));
    const judge = (checks: ReturnType<typeof lc>[]) => run(site([home], { linkChecks: checks })).broken_links!;
    // 9 of 30 checked, none broken: the 21 unchecked could put it either side of 5 %.
    const third = judge([...ok(9), ...skipped(21)]);
    expect([third.status, third.value]).toEqual(['unknown', expect.objectContaining({ checked: 9, definite: 0 })]);
    expect(third.reason).toMatch(/21 of the 30 sampled links were not checked/);
    // 22 of 30 checked, none broken: 8 unchecked could still make it 8/30; not judged either.
    const most = judge([...ok(22), ...skipped(8)]);
    expect(most.status).toBe('unknown');
    // 29 of 30 checked, none broken: even one more dead link stays under 5 %.
    expect(judge([...ok(29), ...skipped(1)]).status).toBe('present');
    // 4 definite of 12 checked: broken whatever the 18 unchecked links are.
    const broken = judge([...ok(8), ...[1, 2, 3, 4].map((i) => lc(50 + i, 'http_4xx', 404)), ...skipped(18)]);
    expect([broken.status, broken.confidence]).toEqual(['absent', 0.9]);
    expect(broken.reason).toMatch(/cannot change the verdict/);
  });
});

describe('stated-count wordings', () => {
  const home = page({ url: HOME, body: HOME_HTML });
  it.each([
    ['<div class="stat">共 <b>1200</b> 项 | 全程网办 <b>960</b> 项</div>', 1200, 960],
    ['<div class="stat">事项总数：<span>1200</span>　可全程网办：<span>960</span></div>', 1200, 960],
    ['<div class="stat">本地区共有政务服务事项 1,200 项，其中全程网办事项 960 项</div>', 1200, 960],
  ])('service totals: %s', (stat, items, full) => {
    const list = page({
      url: 'https://www.sczwfw.gov.cn/list',
      role: 'service_list',
      body: `${stat}<ul class="item-list"><li><a href="/i/1">某事项</a><span class="tag">即办件</span></li></ul>`,
    });
    expect(run(site([home, list])).online_service_rate!.value).toMatchObject({
      items,
      fullyOnline: full,
      source: 'stated',
    });
  });
  it.each([
    ['<div class="count">数据集 <em>1,234</em> 个</div>', 1234],
    ['<div class="count">开放数据集：1234</div>', 1234],
    ['<div class="count">已开放 1,234 个数据集</div>', 1234],
  ])('dataset counts: %s', (count, n) => {
    const list = page({ url: 'https://data.chengdu.gov.cn/list', role: 'data_list', body: count });
    expect(run(site([home, list])).open_data_datasets!.value).toMatchObject({ datasets: n, source: 'stated' });
  });
});

describe('absences on unrendered script-built pages', () => {
  it('cannot judge an entry when the header comes from a script the snapshot lacks and no rendered DOM exists', () => {
    const raw = '<html><head><script src="/js/header.js"></script></head><body><p>正文</p></body></html>';
    const plain = run(site([page({ url: HOME, body: '<html><body><p>正文</p></body></html>' })]));
    const built = run(site([page({ url: HOME, body: raw })]));
    expect(built.accessibility_mode).toMatchObject({ status: 'unknown', confidence: 0 });
    expect(built.accessibility_mode!.reason).toContain('/js/header.js');
    // Rendered, the header is there to read: an absence is an absence again.
    const rendered = run(
      site([
        page({ url: HOME, body: raw }),
        page({ url: HOME, body: '<html><body><p>正文</p></body></html>', crawler: 'browser' }),
      ]),
    );
    expect(rendered.accessibility_mode).toMatchObject({
      status: 'absent',
      confidence: plain.accessibility_mode!.confidence,
    });
  });

  it('lowers the confidence of an absence when the page edits itself by inline script', () => {
    const raw =
      '<html><body><div id="nav"></div><script>document.getElementById("nav").innerHTML = navHtml;</script></body></html>';
    const plain = run(site([page({ url: HOME, body: '<html><body><p>正文</p></body></html>' })]));
    const built = run(site([page({ url: HOME, body: raw })]));
    expect(built.accessibility_mode!.status).toBe('absent');
    expect(built.accessibility_mode!.confidence).toBeLessThan(plain.accessibility_mode!.confidence);
  });

  it('reads the header an inline document.write call writes', () => {
    const raw = `<html><body><script>document.write('<div class="top"><a href="javascript:;" onclick="aria.start()">' + '无障碍' + '</a><a href="' + base + '/znwd/">智能问答</a></div>');</script></body></html>`;
    const r = run(site([page({ url: HOME, body: raw })]));
    expect(r.accessibility_mode).toMatchObject({ status: 'present', value: { via: 'link', vendor: 'aria' } });
    expect(r.smart_qa!.status).toBe('present');
    expect(r.accessibility_mode!.reason).toContain('document.write');
    // A string only assigned to a variable is not on the page.
    const assigned = run(
      site([
        page({ url: HOME, body: `<html><body><script>var s = '<a href="/wza/">无障碍</a>';</script></body></html>` }),
      ]),
    );
    expect(assigned.accessibility_mode!.status).toBe('absent');
  });
});

describe('homepage frames', () => {
  it('counts entries in a same-site iframe document (role frame) as part of the homepage', () => {
    const raw =
      '<html><body><div class="service-block"><iframe src="/include/links.html" title="便民服务"></iframe></div></body></html>';
    const frame = chengduPage(
      '/include/links.html',
      'frame',
      '<html><head><meta name="viewport" content="width=device-width"></head><body><ul><li><a href="https://www.sczwfw.gov.cn/">政务服务</a></li><li><a href="/yjzj/">意见征集</a></li></ul></body></html>',
    );
    const without = run(site([page({ url: HOME, body: raw })]));
    expect(without.online_service_portal!.status).toBe('absent');
    const r = run(site([page({ url: HOME, body: raw }), frame]));
    expect(r.online_service_portal).toMatchObject({ status: 'present', value: { host: 'www.sczwfw.gov.cn' } });
    expect(r.online_service_portal!.evidence[0]!.url).toBe('https://www.chengdu.gov.cn/include/links.html');
    expect(r.survey_consultation!.status).toBe('present');
    expect(r.mobile_ready!.status).toBe('absent'); // a frame's viewport is not the homepage's
  });
});

describe('reply_timeliness on channel pages', () => {
  it('reads the letter list a channel page carries, and ignores dated rows that are not letters', () => {
    const home = page({ url: HOME, body: HOME_HTML });
    const channel = page({
      url: 'https://hd.chengdu.gov.cn/mailbox/index.html',
      role: 'interaction',
      body: `<ul class="news"><li><a href="/n/1">关于信箱工作的说明</a> 2026-01-05</li></ul><table class="letter-list"><tr><th>标题</th><th>留言时间</th><th>回复时间</th><th>办理状态</th></tr>
        <tr><td><a href="/letter/1.html">路灯不亮</a></td><td>2026-09-01</td><td>2026-09-11</td><td>已回复</td></tr>
        <tr><td><a href="/letter/2.html">噪音扰民</a></td><td>2026-06-01</td><td></td><td>办理中</td></tr></table>`,
    });
    const letter = page({
      url: 'https://hd.chengdu.gov.cn/letter/2.html',
      role: 'letter',
      body: '<table><tr><th>留言时间</th><td>2026-06-01</td></tr><tr><th>办理状态</th><td>办理中</td></tr></table>',
    });
    const r = run(site([home, channel, letter])).reply_timeliness!;
    expect(r.value).toEqual({ lettersChecked: 2, replied: 1, medianDays: 10, overdue: 1 });
    expect(r.status).toBe('absent');
  });
});

describe('sites that survive a failure status', () => {
  it('measures the homepage fetched despite an invalid certificate, while https reports it', () => {
    const s = site(
      [
        page({ url: HOME, body: HOME_HTML }),
        page({ url: HOME, status: 'tls', body: undefined, error: 'certificate has expired' }),
      ],
      {
        siteStatus: 'tls',
        siteError: 'certificate has expired',
        probes: {
          tls: { httpsAvailable: true, certValid: false, certError: 'certificate has expired', fetchedAt: AS_OF },
        },
      },
    );
    const r = run(s);
    expect(r.site_id_code!.status).toBe('present');
    expect(r.https).toMatchObject({ status: 'absent', value: { certError: 'certificate has expired' } });
  });
  it('leaves a search form whose probe the budget skipped unjudged, and robots 403 on a refusing site unknown', () => {
    const skipped = run(
      site([page({ url: HOME, body: HOME_HTML })], {
        probes: {
          search: {
            url: 'https://www.chengdu.gov.cn/was5/web/search?searchword=政府',
            query: '政府',
            status: 'skipped',
            fetchedAt: AS_OF,
          },
        },
      }),
    );
    // Whether the form returns results is the indicator's question: a probe that never ran cannot say.
    expect(skipped.site_search).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/time budget/) });
    expect(skipped.site_search!.value).toMatchObject({ action: expect.stringContaining('/was5/web/search') });
    expect(skipped.site_search!.value).not.toHaveProperty('resultsReturned');
    const refused = run(
      site([page({ url: HOME, status: 'http_4xx', httpStatus: 403, body: undefined })], {
        siteStatus: 'http_4xx',
        probes: {
          robots: {
            url: 'https://www.chengdu.gov.cn/robots.txt',
            status: 'http_4xx',
            httpStatus: 403,
            fetchedAt: AS_OF,
          },
        },
      }),
    );
    expect(refused.robots_txt!.status).toBe('unknown');
  });
});

describe('pages crawled as columns that are no list column', () => {
  it('are neither blank nor stale', () => {
    const home = page({ url: HOME, body: HOME_HTML });
    const topic = (i: number) =>
      page({
        url: `https://www.chengdu.gov.cn/ztzl/zt_${i}.html`,
        role: 'column',
        linkText: `成都市推进专题${i}`,
        body: '<div class="header"><a href="/">首页</a></div><div class="content"><p>专题介绍文字。</p></div>',
      });
    const empty = page({
      url: 'https://www.chengdu.gov.cn/tzgg/',
      role: 'column',
      linkText: '通知公告',
      body: '<div class="list"><div class="no-data">暂无信息</div></div>',
    });
    const r = run(site([home, ...[1, 2, 3, 4, 5, 6].map(topic), empty]));
    expect(r.blank_columns!.value).toEqual({
      columnsChecked: 1,
      blank: [{ name: '通知公告', url: 'https://www.chengdu.gov.cn/tzgg/' }],
    });
    expect(r.stale_columns!.value).toMatchObject({ columnsChecked: 1, stale: [] });
    expect(run(site([home, topic(1)])).blank_columns!.status).toBe('unknown');
    // Article pages the crawler took for columns (meta ColumnName names their column) are not blank columns.
    const article = chengduPage(
      '/tzgg/202611/t20261101_1200906.html',
      'column',
      '<head><meta name="ColumnName" content="通知公告"><meta name="ArticleTitle" content="关于…的通知"></head><body><h1>关于…的通知</h1><p>正文</p></body>',
    );
    expect(run(site([home, article, empty])).blank_columns!.value).toMatchObject({ columnsChecked: 1 });
  });
});

describe('column dedupe', () => {
  it('counts a column fetched over http and https once', () => {
    const home = page({ url: HOME, body: HOME_HTML });
    const body =
      '<div class="list"><ul><li><a href="/a/1.html">某某工作情况</a><span>2026-09-01</span></li></ul></div>';
    const a = page({ url: 'http://www.chengdu.gov.cn/gzdt/', role: 'column', linkText: '工作动态', body });
    const b = page({ url: 'https://www.chengdu.gov.cn/gzdt/', role: 'column', linkText: '工作动态', body });
    expect(run(site([home, a, b])).stale_columns!.value).toMatchObject({
      columnsChecked: 1,
      stale: [{ name: '工作动态' }],
    });
  });
});
