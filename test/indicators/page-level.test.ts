import { describe, expect, it } from 'vitest';
import { analyzeFile, analyzeHtml, PAGE_INDICATORS } from '../../indicators/index.js';
import { pageFile, readPage } from './helpers.js';

const asOf = new Date('2026-11-22T02:00:00Z');
const byId = (a: ReturnType<typeof analyzeHtml>) => Object.fromEntries(a.indicators.map((r) => [r.id, r]));
/** The indicators of `html` served as the homepage of www.x.gov.cn, by id. */
const onX = (html: string) => byId(analyzeHtml(html, 'https://www.x.gov.cn/', { asOf }));

describe('a TRS-style portal homepage', () => {
  const r = byId(
    analyzeHtml(readPage('trs-portal.html'), 'https://www.chengdu.gov.cn/', { asOf, locality: { code: '510100' } }),
  );

  it('finds the service platform through an image alt and classifies it as provincial', () => {
    expect(r.online_service_portal!.status).toBe('present');
    expect(r.online_service_portal!.value).toMatchObject({
      host: 'www.sczwfw.gov.cn',
      level: 'provincial',
      text: '四川政务服务网成都站',
    });
  });
  it('finds the open data platform as local', () => {
    expect(r.open_data_platform!.value).toMatchObject({
      host: 'data.chengdu.gov.cn',
      level: 'local',
      reachable: false,
      reachabilityChecked: false,
    });
  });
  it('reads footer norms, including a split ICP number and the conac mark written by unescape()', () => {
    expect(r.site_id_code!.value).toEqual({ code: '5101000001', source: 'footer' });
    expect(r.icp_record!.value).toEqual({ record: '蜀ICP备05003301号-1', linked: true });
    expect(r.public_security_record!.value).toMatchObject({ number: '51010402000507', linked: true });
    expect(r.conac_mark!.value).toMatchObject({ via: 'script' });
    expect(r.gov_domain!.value).toEqual({ host: 'www.chengdu.gov.cn', govCn: true, portalPattern: true });
  });
  it('detects toolbar, elderly toggle, Q&A, search, login, channels and sitemap', () => {
    expect(r.accessibility_mode!.value).toMatchObject({ via: 'link', vendor: 'cniil' });
    expect(r.elderly_mode!.value).toMatchObject({ via: 'link', vendor: 'aria', text: '长者模式' });
    expect(r.smart_qa!.value).toMatchObject({ via: 'link', url: 'https://znwd.chengdu.gov.cn/robot/index.html' });
    expect(r.site_search!.value).toMatchObject({ action: 'https://www.chengdu.gov.cn/was5/web/search' });
    expect(r.personalized_service!.value).toMatchObject({ kind: 'login' });
    expect((r.interaction_channel!.value as { channels: string[] }).channels).toEqual([
      'consult',
      'hotline12345',
      'mailbox',
    ]); // 互动交流 is a section, not a named channel
    expect(r.survey_consultation!.status).toBe('present');
    expect(r.sitemap!.value).toEqual({ page: 'https://www.chengdu.gov.cn/wzdt/index.shtml' });
    expect(r.mobile_ready!.value).toEqual({ viewport: true, app: true, miniProgram: true, newMedia: true });
  });
  it('names the CMS and categorises third-party hosts', () => {
    expect(r.cms_platform!.value).toMatchObject({ vendor: 'trs', intensive: false });
    expect((r.third_party_services!.value as { categories: Record<string, string> }).categories).toMatchObject({
      'hm.baidu.com': 'analytics',
      'api.govwza.cn': 'accessibility',
    });
  });
  it('dates the homepage by its newest item, not by the header clock', () => {
    expect(r.homepage_freshness!.value).toEqual({ newestDate: '2026-11-20', ageDays: 2, datedItems: 3 });
    expect(r.homepage_freshness!.status).toBe('present');
    const stale = byId(
      analyzeHtml(readPage('trs-portal.html'), 'https://www.chengdu.gov.cn/', {
        asOf: new Date('2027-01-20T02:00:00Z'),
      }),
    );
    expect(stale.homepage_freshness!.status).toBe('absent');
  });
  it('gives every present/absent result evidence with url, hash and fetch time', () => {
    for (const x of Object.values(r)) {
      if (x.status === 'unknown') continue;
      expect(x.evidence.length, x.id).toBeGreaterThan(0);
      for (const e of x.evidence) {
        expect(e.url, x.id).toMatch(/^https?:|^dns:/);
        if (e.snippet) expect(e.snippet.length).toBeLessThanOrEqual(300);
      }
    }
    expect(r.site_id_code!.evidence[0]).toMatchObject({
      kind: 'text',
      pageHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      rendered: false,
    });
  });
});

describe('decoys', () => {
  const r = byId(analyzeHtml(readPage('decoys.html'), 'https://www.example.gov.cn/', { asOf }));
  it.each([
    'online_service_portal', // only hidden, in meta keywords, or a long headline
    'open_data_platform', // hidden; 统计数据/数据发布 are not open data
    'accessibility_mode', // headline about 无障碍环境建设; markup inside <script>
    'elderly_mode', // aria-hidden toggle, <template> link, meta description
    'smart_qa', // commented out; Roboto font; robots meta
    'interaction_channel', // plain hotline number
    'site_id_code', // empty meta, code only in a comment
    'homepage_freshness', // only the header clock carries a date
  ])('%s is absent', (id) => {
    expect(r[id]!.status).toBe('absent');
    expect(r[id]!.evidence.some((e) => e.kind === 'absence')).toBe(true);
  });
});

describe('rendered Epoint page with onclick toggles', () => {
  const r = byId(analyzeHtml(readPage('epoint-rendered.html'), 'https://www.example-zhou.gov.cn/', { asOf }));
  it('reads aria.start()/doElder() toggles and the aria vendor', () => {
    expect(r.accessibility_mode!.value).toMatchObject({ via: 'link', vendor: 'aria' });
    expect(r.elderly_mode!.value).toMatchObject({ via: 'link', text: '关怀版' });
  });
  it('identifies Epoint and the footer records without a colon', () => {
    expect(r.cms_platform!.value).toMatchObject({ vendor: 'epoint' });
    expect(r.site_id_code!.value).toEqual({ code: '5227000001', source: 'footer' });
    expect(r.public_security_record!.value).toMatchObject({ number: '52270102000001', linked: false });
  });
});

describe('GBK pages', () => {
  it('decodes a page whose charset is only in meta', () => {
    const r = byId(analyzeFile(pageFile('gbk-meta-only.html'), 'https://www.example.gov.cn/'));
    expect(r.site_id_code!.value).toEqual({ code: '4401000001', source: 'footer' });
    expect(r.online_service_portal!.value).toMatchObject({ host: 'www.gdzwfw.gov.cn', text: '广东政务服务网' });
    expect(r.open_data_platform!.status).toBe('present');
    expect(r.mobile_ready!.status).toBe('absent');
  });
  it('decodes a GBK page mislabelled as UTF-8', () => {
    const r = byId(analyzeFile(pageFile('gbk-mislabelled.html'), 'https://www.example.gov.cn/'));
    expect(r.icp_record!.value).toMatchObject({ record: '蒙ICP备05000011号' });
    expect(r.interaction_channel!.value).toMatchObject({ channels: ['mailbox'] });
    expect(r.elderly_mode!.status).toBe('absent'); // 长者模式 only in running text, no entry
  });
});

describe('analyzeHtml shape', () => {
  it('has one entry per page-level id with exactly the JSON keys', () => {
    const a = analyzeHtml('<html><body><p>hello</p></body></html>', 'https://www.x.gov.cn/');
    expect(a.url).toBe('https://www.x.gov.cn/');
    expect(a.indicators.map((i) => i.id)).toEqual(PAGE_INDICATORS().map((i) => i.id));
    for (const i of a.indicators) {
      for (const k of Object.keys(i))
        expect(['id', 'status', 'confidence', 'value', 'reason', 'evidence']).toContain(k);
      expect(typeof i.reason).toBe('string');
    }
  });
});

describe('a Hanweb (大汉) page in GBK on a provincial shared platform', () => {
  const r = byId(
    analyzeFile(pageFile('hanweb-gbk.html'), 'https://www.hangzhou.gov.cn/', { asOf, locality: { code: '330100' } }),
  );
  it('identifies the vendor and the 集约化 host', () => {
    expect(r.cms_platform!.value).toMatchObject({ vendor: 'hanweb', intensive: true, intensiveHost: 'www.zj.gov.cn' });
  });
  it('prefers the footer code and records where else it appears', () => {
    expect(r.site_id_code!.value).toEqual({ code: '3301000001', source: 'footer' });
    expect(r.site_id_code!.evidence.map((e) => e.kind)).toEqual(['text', 'meta', 'script']);
  });
  it('reads the wording variant 长者浏览模式 and the provincial service platform', () => {
    expect(r.elderly_mode!.value).toMatchObject({ via: 'link', vendor: 'self', text: '长者浏览模式' });
    expect(r.online_service_portal!.value).toMatchObject({ host: 'www.zjzwfw.gov.cn', level: 'provincial' });
    expect(r.homepage_freshness!.value).toMatchObject({ newestDate: '2026-11-19' });
  });
});

describe('site code fallbacks', () => {
  it('uses meta SiteIDCode, then the jiucuo link, when the footer has none', () => {
    const meta = onX('<html><head><meta name="SiteIDCode" content="bm07000001"></head><body>页脚</body></html>');
    expect(meta.site_id_code!.value).toEqual({ code: 'bm07000001', source: 'meta' });
    const jc = onX(
      '<body><a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=5101000001&url=x">我为政府网站找错</a></body>',
    );
    expect(jc.site_id_code!.value).toEqual({ code: '5101000001', source: 'jiucuo_link' });
    expect(jc.site_id_code!.confidence).toBeLessThan(0.9);
  });
});

describe('mobile_ready', () => {
  it('needs a viewport or a mobile version; app and mini-program are reported but do not suffice', () => {
    const appOnly = onX(
      '<body><div class="ewm"><img src="/qr.png" alt="政务APP下载"><span>微信小程序</span></div></body>',
    );
    expect(appOnly.mobile_ready).toMatchObject({
      status: 'absent',
      value: { viewport: false, app: true, miniProgram: true },
    });
    const wap = onX('<body><a href="http://m.x.gov.cn/">手机版</a></body>');
    expect(wap.mobile_ready).toMatchObject({
      status: 'present',
      value: { viewport: false, mobileSite: 'http://m.x.gov.cn/' },
    });
  });
});

describe('entry forms', () => {
  it('tells buttons from links, and ignores a toolbar script without an entry for the elderly mode', () => {
    const r = onX(
      '<html><head><script src="//gov.govwza.cn/dist/aria.js?appid=0123"></script></head><body><button type="button" class="btn-old" onclick="aria.oldFixedStart()">适老版</button></body></html>',
    );
    expect(r.elderly_mode!.value).toMatchObject({ via: 'button', vendor: 'aria', text: '适老版' });
    // aria.js draws its own toolbar button: the script alone counts (weaker), and the entry names the vendor.
    expect(r.accessibility_mode).toMatchObject({
      status: 'present',
      confidence: 0.75,
      value: { via: 'script', vendor: 'aria' },
    });
    const scriptOnly = onX(
      '<html><head><script src="//gov.govwza.cn/dist/aria.js?appid=0123"></script></head><body></body></html>',
    );
    expect(scriptOnly.elderly_mode!.status).toBe('absent');
    const cniil = onX(
      '<html><body><script src="https://api.govwza.cn/cniil/assist.js?sid=1&pos=left&bar=1"></script></body></html>',
    );
    expect(cniil.accessibility_mode).toMatchObject({ status: 'present', value: { via: 'script', vendor: 'cniil' } });
    expect(cniil.accessibility_mode!.confidence).toBeLessThan(0.9);
  });
  it('does not take headlines, dated news items or hotlines for entries', () => {
    const html = `<body><ul class="list">
      <li><a href="/a/1.html">某市推进政务服务“一网通办”</a></li>
      <li><a href="/a/2.html">某市关于公开征求意见的公告</a></li>
      <li><a href="/a/3.html">政务服务再提速</a><span>2026-11-20</span></li>
      <li><a href="/xxgk/a4.html">某市人事任免信息</a></li>
    </ul><a href="/rx/">12345政务服务便民热线</a></body>`;
    const r = onX(html);
    expect(r.online_service_portal!.status).toBe('absent');
    expect(r.survey_consultation!.status).toBe('absent');
    expect(r.policy_documents!.status).toBe('absent');
    expect(r.interaction_channel).toMatchObject({ status: 'present', value: { channels: ['hotline12345'] } });
  });
  it('does not read a city label as a platform sub-domain (www.hd.gov.cn is 邯郸, not an interaction host)', () => {
    const r = onX(
      '<body><a href="https://www.zs.gov.cn/">中山市人民政府</a><a href="https://www.hd.gov.cn/">邯郸市人民政府</a></body>',
    );
    expect(r.smart_qa!.status).toBe('absent');
    expect(r.interaction_channel!.status).toBe('absent');
  });
  it('drops links hidden by a utility class', () => {
    const r = onX('<body><ul><li class="hidden"><a href="javascript:void(0)" class="wza">无障碍</a></li></ul></body>');
    expect(r.accessibility_mode!.status).toBe('absent');
  });
  it('reads the Baidu analytics loader snippet as a third-party load', () => {
    const r = onX(
      '<body><script>var _hmt=_hmt||[];(function(){var hm=document.createElement("script");hm.src="https://hm.baidu.com/hm.js?abc";var s=document.getElementsByTagName("script")[0];s.parentNode.insertBefore(hm,s);})();window.open("https://www.example.com/page");</script></body>',
    );
    expect(r.third_party_services!.value).toEqual({
      hosts: ['hm.baidu.com'],
      categories: { 'hm.baidu.com': 'analytics' },
    });
  });
  it('classifies a platform reached with the city area code as provincial', () => {
    const r = byId(
      analyzeHtml(
        '<body><a href="https://data.hb.example.gov.cn/odweb/city.html?areaCode=130200">公共数据开放</a></body>',
        'https://www.tangshan.gov.cn/',
        { asOf, locality: { code: '130200' } },
      ),
    );
    expect(r.open_data_platform!.value).toMatchObject({ level: 'provincial' });
  });
});

describe('vendor scripts written by inline loaders', () => {
  it('counts a toolbar script an inline loader writes, not an inline string that mentions a path', () => {
    const loader = onX(
      `<body><script>document.write('<script src="https://api.govwza.cn/cniil/assist.js?sid=9&pos=left"><\\/script>');</script></body>`,
    );
    expect(loader.accessibility_mode).toMatchObject({ status: 'present', value: { via: 'script', vendor: 'cniil' } });
    const mention = onX(`<body><script>var tip = '访问 /wza/ 页面'; loadJs('main.js');</script></body>`);
    expect(mention.accessibility_mode!.status).toBe('absent');
  });
});

describe('entries recognised by id/class', () => {
  it('finds a vendor entry whose label a wrongly decoded script garbled', () => {
    const r = onX('<body><ul class="tools"><a id="cniil_elder" href="javascript:void(0)">闀胯€呭姪鎵�</a></ul></body>');
    expect(r.elderly_mode).toMatchObject({ status: 'present', confidence: 0.75 });
    expect(r.accessibility_mode!.status).toBe('absent');
  });
});
