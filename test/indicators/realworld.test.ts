/**
 * Patterns seen on real government pages (raw server HTML and rendered DOM dumps, 2018–2025), each
 * reproduced in a small page we wrote (test/pages/realworld/). The real pages themselves live
 * outside the repository; `npm run eval:real` measures against them.
 */

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { analyzeFile, analyzeHtml } from '../../indicators/analyze.js';
import { decodeBody } from '../../src/util/encoding.js';

const dir = new URL('../pages/realworld/', import.meta.url);
const at = (name: string, rendered = false) => {
  const a = analyzeFile(new URL(name, dir).pathname, undefined, { rendered, asOf: new Date('2025-12-01T00:00:00Z') });
  return Object.fromEntries(a.indicators.map((r) => [r.id, r]));
};

describe('site search boxes as real portals build them', () => {
  it('finds an input outside any form that a button submits by script', () => {
    const r = at('search-no-form.html');
    expect(r.site_search).toMatchObject({ status: 'present', value: { submit: 'script' } });
    expect(r.site_search!.evidence[0]!.snippet).toContain('no form');
  });
  it('finds an unhinted input next to a magnifier icon and 高级检索', () => {
    expect(at('search-icon-button.html').site_search!.status).toBe('present');
  });
  it('finds an Element-UI <el-input> in an app shell hidden until it mounts', () => {
    expect(at('search-vue-shell.html').site_search).toMatchObject({ status: 'present', value: { submit: 'script' } });
  });
  it('does not take an icon link, a hidden form, login, letter-query, phone, date or paging fields for a search box', () => {
    expect(at('search-decoys.html').site_search!.status).toBe('absent');
  });
});

describe('image-only and script-shown entries', () => {
  it('reads a robot image link in a carousel slide that is not the current one', () => {
    const r = at('qa-robot-slide.html', true);
    expect(r.smart_qa).toMatchObject({
      status: 'present',
      value: { via: 'link', url: 'https://xcx.example.gov.cn/robot/web/' },
    });
    expect(r.smart_qa!.reason).toMatch(/slide|rendered/);
  });
  it('reads an image-only footer link to the /age/ version (older.png) as an elderly mode', () => {
    expect(at('elderly-image-link.html', true).elderly_mode).toMatchObject({
      status: 'present',
      value: { via: 'link' },
    });
  });
  it('does not take a 长者专区 zone, a 适老化 column, news or a certification badge for an elderly mode', () => {
    const r = at('elderly-decoys.html');
    expect(r.elderly_mode!.status).toBe('absent');
    // The toolbar script itself is an accessibility toolbar.
    expect(r.accessibility_mode).toMatchObject({ status: 'present', value: { via: 'script', vendor: 'aria' } });
  });
  it('reads entries an inline document.write writes (also unescape()d)', () => {
    const r = at('docwrite-header.html');
    expect(r.elderly_mode).toMatchObject({ status: 'present', value: { vendor: 'aria' } });
    expect(r.interaction_channel).toMatchObject({ status: 'present', value: { channels: ['mailbox'] } });
    expect(r.online_service_portal).toMatchObject({ status: 'present', value: { host: 'zwfw.example.gov.cn' } });
  });
});

describe('accessibility toolbars', () => {
  it('ignores a toolbar script and toggle that the site commented out', () => {
    expect(at('a11y-commented.html').accessibility_mode!.status).toBe('absent');
  });
  it('reads the marks aria.js leaves in a rendered DOM whose script tag is gone', () => {
    expect(at('a11y-rendered-marks.html', true).accessibility_mode).toMatchObject({
      status: 'present',
      value: { via: 'script', vendor: 'aria' },
    });
  });
});

describe('interaction channels', () => {
  it('does not count sections, consultation notices, proposal handling, staff mail, petition-bureau links or a hotline in running text', () => {
    const r = at('mailbox-sections.html');
    expect(r.interaction_channel!.status).toBe('absent');
    expect(r.interaction_channel!.reason).toContain('section');
  });
  it('counts a 12345 badge without a link, a bare 留言 link, 咨询与建议 and an online suggestion form', () => {
    const r = at('mailbox-entries.html');
    expect(r.interaction_channel).toMatchObject({
      status: 'present',
      value: { channels: ['consult', 'hotline12345', 'message'] },
    });
  });
  it('reads the channels on the 互动交流 section page when the homepage only links the section', () => {
    const home = '<html><body><div class="nav"><a href="/hdjl/">互动交流</a></div></body></html>';
    const section =
      '<html><body><ul><li><a href="/hdjl/szxx/">市长信箱</a></li><li><a href="/hdjl/zxzx/">在线咨询</a></li></ul></body></html>';
    const a = analyzeHtml(home, 'https://www.x.gov.cn/');
    expect(a.indicators.find((i) => i.id === 'interaction_channel')!.status).toBe('absent');
    // analyze sees one page; a crawl also has the section page (see site-level tests for the crawl form).
    expect(
      analyzeHtml(section, 'https://www.x.gov.cn/hdjl/').indicators.find((i) => i.id === 'interaction_channel')!.value,
    ).toMatchObject({ channels: ['consult', 'mailbox'] });
  });
});

describe('layouts and typesetting of older CMS templates', () => {
  const r = at('layout-table-fullwidth.html');
  it('reads mailbox links beside a dated list that a layout table nests in the same row, not the dated item', () => {
    expect(r.interaction_channel).toMatchObject({ status: 'present' });
    const v = r.interaction_channel!.value as { channels: string[]; entries: { text?: string }[] };
    expect(v.channels).toEqual(['hotline12345', 'mailbox']);
    const texts = r.interaction_channel!.evidence.map((e) => e.snippet ?? '').join(' | ');
    expect(texts).toContain('书记信箱');
    expect(texts).not.toContain('办理情况通报');
  });
  it('counts an unlabelled 12345.png in the header as the hotline, but not one in the page body', () => {
    const body = `<html><body><div class="content"><img src="/uploads/12345.png"></div></body></html>`;
    const a = analyzeHtml(body, 'https://www.x.gov.cn/');
    expect(a.indicators.find((i) => i.id === 'interaction_channel')!.status).toBe('absent');
  });
  it('reads full-width digits and letters in the footer, and a letter-spaced 网 站 地 图 link', () => {
    expect(r.site_id_code!.value).toMatchObject({ code: '3607310011', source: 'footer' });
    expect(r.icp_record!.value).toMatchObject({ record: '赣ICP备09003638号' });
    expect(r.sitemap!.value).toMatchObject({ page: expect.stringMatching(/\/wzdt\/index\.html$/) });
  });
});

describe('front ends built with scripts', () => {
  const on = (html: string, url = 'https://www.x.gov.cn/') =>
    Object.fromEntries(analyzeHtml(html, url).indicators.map((i) => [i.id, i]));
  it('reads a Vue @click element as an entry (智能客服 robot served as a template)', () => {
    const html = `<html><body><div id="app"><div class="robot" @click="openRobot" title="智能客服">
      <img src="/static/img/robot.png" alt=""><span>智能客服</span></div></div></body></html>`;
    expect(on(html).smart_qa!.status).toBe('present');
  });
  it('reads controls a script made clickable: role=button spans and <button>s that submit no form', () => {
    const span = `<html><body><div class="top"><span class="css-fv2yuq" role="button" tabindex="0">长者模式</span></div></body></html>`;
    expect(on(span).elderly_mode!.status).toBe('present');
    const button = `<html><body><div class="bar"><button class="care">关怀版</button></div></body></html>`;
    expect(on(button).elderly_mode!.status).toBe('present');
    // A form's own submit button is a form control, not an entry.
    const submit = `<html><body><form action="/x"><button>关怀版</button></form></body></html>`;
    expect(on(submit).elderly_mode!.status).toBe('absent');
  });
  it("reads a nav item's drop-down hidden by an inline style, whatever its generated class names", () => {
    const html = `<html><body><ul class="css-1n2b3"><li class="css-ojw"><a href="/xxgk/">政务公开</a>
      <div class="css-up175l" style="display:none"><a href="https://opendata.sz.gov.cn/">数据开放</a></div></li></ul>
      <div style="display:none"><a href="https://zwfw.x.gov.cn/">政务服务</a></div></body></html>`;
    const r = on(html);
    expect(r.open_data_platform!.status).toBe('present');
    expect(r.online_service_portal!.status, 'a hidden box that is no drop-down stays hidden').toBe('absent');
  });
  it("reads a friend-link <select>'s options as links, and a statistics database is not open data", () => {
    const html = `<html><body><select onchange="window.open(this.value)"><option value="">友情链接</option>
      <option value="https://data.zjzwfw.gov.cn/">浙江政务服务网数据开放专区</option></select>
      <a href="https://data.stats.gov.cn/">国家数据</a></body></html>`;
    const r = on(html);
    expect(r.open_data_platform).toMatchObject({ status: 'present', value: { host: 'data.zjzwfw.gov.cn' } });
    const stats = on(`<html><body><a href="https://data.stats.gov.cn/">国家数据</a></body></html>`);
    expect(stats.open_data_platform!.status).toBe('absent');
  });
  it('reads a 繁體 page: 網站標識碼, 閩ICP備 and 無障礙 as their simplified forms', () => {
    const html = `<html><body><a href="javascript:;" onclick="aria.start()">無障礙</a>
      <div class="footer">網站標識碼：3505000021 <a href="https://beian.miit.gov.cn/">閩ICP備05004421號</a></div></body></html>`;
    const r = on(html);
    expect(r.accessibility_mode!.status).toBe('present');
    expect(r.site_id_code!.value).toMatchObject({ code: '3505000021' });
    expect(r.icp_record!.value).toMatchObject({ record: '闽ICP备05004421号' });
  });
  it('takes the address of href="javascript:void(0)" onclick="window.open(…)" links', () => {
    const html = `<html><body><div class="nav"><a href="javascript:void(0)" onclick="window.open('http://hs.hbzwfw.gov.cn/')">网上办事</a></div></body></html>`;
    expect(on(html).online_service_portal).toMatchObject({ status: 'present', value: { host: 'hs.hbzwfw.gov.cn' } });
  });
  it('does not take headlines in a search-result list or a notice ticker for entries', () => {
    const html = `<html><body><marquee><a href="/tzgg/1.html">网上办事大厅试运行公告</a></marquee>
      <div class="result"><h3><a href="/xwzx/2.html">市数据开放平台新增120个数据集</a></h3><p>摘要</p></div>
      <div class="result"><h3><a href="/xwzx/3.html">网站地图栏目调整说明</a></h3></div></body></html>`;
    const r = on(html);
    expect(r.online_service_portal!.status).toBe('absent');
    expect(r.open_data_platform!.status).toBe('absent');
    expect(r.sitemap!.status).toBe('absent');
  });
  it('does not take news items built without lists, links in an article body, agencies or answered-question columns for entries', () => {
    const html = `<html><body><div class="top"><span>今天是2024年10月18日 星期五</span><a href="/hdjl/szxx/">市长信箱</a></div>
      <div class="item"><a href="./t1.html">全市一网通办服务体验</a><span>2024-12-14</span></div>
      <dl class="news-dl"><dt><a href="/t2.shtml">领导信箱来信处理工作动态</a></dt><dd>2024-12-19</dd></dl>
      <div id="zoom"><p>市民可登录<a href="https://www.cddata.gov.cn/">成都市公共数据开放平台</a>查询。</p></div>
      <div class="logo"><a href="https://zsj.x.gov.cn/">某市政务服务和数据管理局</a></div>
      <ul class="tree"><li><a href="/xxgk/col/107/">政策咨询答复</a></li></ul></body></html>`;
    const r = on(html);
    expect(r.online_service_portal!.status).toBe('absent');
    expect(r.open_data_platform!.status).toBe('absent');
    // The header mailbox beside a clock still counts; the dated item and the answers column do not.
    expect(r.interaction_channel).toMatchObject({ status: 'present', value: { channels: ['mailbox'] } });
    const snippets = r.interaction_channel!.evidence.map((e) => e.snippet ?? '').join(' | ');
    expect(snippets).not.toMatch(/来信处理|咨询答复/);
  });
  it('does not take a letter lookup (信件编号 + 查询密码) for a site search', () => {
    const html = `<html><body><form action="/xj/query" method="post"><label>信件编号：</label><input type="text" name="xjbh">
      <label>查询密码：</label><input type="password" name="cxmm"><button type="submit">查询</button></form></body></html>`;
    expect(on(html).site_search!.status).toBe('absent');
  });
  it('reads the Chinese of bilingual labels (Uyghur, Tibetan) and an English Mayor’s Mailbox', () => {
    const ug = `<html><body><ul><li><a href="/ug/hdjl/zxxx/">رەئىس خەت ساندۇقى（主席信箱）</a></li></ul></body></html>`;
    expect(on(ug).interaction_channel).toMatchObject({ status: 'present', value: { channels: ['mailbox'] } });
    const bo = `<html><body><a href="/hudong/zxxx/">主席信箱 <span lang="bo">ཀྲུའུ་ཞི་ཡི་ཡིག་སྒམ།</span></a></body></html>`;
    expect(on(bo).interaction_channel!.status).toBe('present');
    const en = `<html><body><div class="quick"><a href="/en/mayor/mailbox/">Mayor's Mailbox</a></div></body></html>`;
    expect(on(en).interaction_channel).toMatchObject({ status: 'present', value: { channels: ['mailbox'] } });
  });
  it('takes a write-a-letter link routed inside the 互动交流 app (/hdjl/#/write) as a channel, not the section', () => {
    const html = `<html><body><a href="/hdjl/">互动交流</a> <a href="/hdjl/#/write">我要写信</a></body></html>`;
    expect(on(html).interaction_channel).toMatchObject({ status: 'present', value: { channels: ['message'] } });
  });
  it('finds the search box of a result page that echoes the query (身份证) back in the input', () => {
    const html = `<html><body><form action="/jsearchfront/search.do"><input type="text" name="q" value="身份证">
      <button type="submit">搜索</button></form><p>为您找到相关结果约 312 个</p></body></html>`;
    expect(on(html, 'https://www.x.gov.cn/jsearchfront/search.do?q=1').site_search!.status).toBe('present');
    // A prompt in the value still says what the field is for: an ID-number field is not a search box.
    const idField = `<html><body><form action="/bsdt/query"><input type="text" name="no" value="请输入身份证号码">
      <button type="submit">查询</button></form></body></html>`;
    expect(on(idField).site_search!.status).toBe('absent');
  });
});

describe('footer records', () => {
  it('reads codes split by tags, 公安备案 wording and a protocol-relative beian link', () => {
    const r = at('footer-records.html');
    expect(r.site_id_code).toMatchObject({ status: 'present', value: { code: '3604000043', source: 'footer' } });
    expect(r.icp_record).toMatchObject({ status: 'present', value: { record: '赣ICP备19007231号', linked: true } });
    expect(r.public_security_record).toMatchObject({
      status: 'present',
      value: { number: '36040202000107', linked: true },
    });
  });
  it('reads an older 12-digit 公安 number; a site code only in meta or a script attribute is not shown', () => {
    const r = at('footer-older-records.html');
    expect(r.public_security_record).toMatchObject({ status: 'present', value: { number: '110401300020' } });
    expect(r.site_id_code).toMatchObject({ status: 'absent', value: { code: '1100000159' } });
  });
});

describe('sitemap and service entries', () => {
  it('does not take 网站导航, a 站点地图 label leading to 网站导航, or an unrendered template link for a sitemap', () => {
    expect(at('sitemap-decoys.html').sitemap!.status).toBe('absent');
  });
  it('reads 在线办理 into a provincial 政务服务网 (jxzwfww) and not a bare 办事指南 column', () => {
    expect(at('service-links.html').online_service_portal).toMatchObject({
      status: 'present',
      value: { host: 'jjlx.jxzwfww.gov.cn', level: 'provincial' },
    });
    expect(at('service-guide-only.html').online_service_portal!.status).toBe('absent');
  });
});

describe('pages whose header lives elsewhere', () => {
  it('cannot judge entries when the header is an iframe and the footer a script the snapshot lacks', () => {
    const r = at('header-iframe.html');
    for (const id of ['site_search', 'accessibility_mode', 'interaction_channel', 'smart_qa'])
      expect(r[id]!.status, id).toBe('unknown');
    expect(r.site_search!.reason).toContain('iframe');
  });
});

describe('encodings', () => {
  it('reads a GBK portal declared only in <meta>', () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>某某县人民政府</title></head><body><div class="search"><input type="text" name="searchword" placeholder="请输入关键字"><a href="javascript:doSearch()">搜索</a></div><div class="tools"><a href="javascript:;" onclick="aria.start()">无障碍</a><a href="/ldxx/">县长信箱</a></div><p>网站标识码：5110000001</p></body></html>';
    const bytes = iconv.encode(html, 'gbk');
    const text = decodeBody(bytes).text;
    const r = Object.fromEntries(analyzeHtml(text, 'https://www.x.gov.cn/').indicators.map((i) => [i.id, i]));
    expect(r.site_search!.status).toBe('present');
    expect(r.accessibility_mode!.status).toBe('present');
    expect(r.interaction_channel!.value).toMatchObject({ channels: ['mailbox'] });
    expect(r.site_id_code!.value).toMatchObject({ code: '5110000001' });
  });
  it('trusts the bytes over a gb2312 declaration on a UTF-8 DOM dump', () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><a href="/wza/">无障碍浏览</a></body></html>';
    const text = decodeBody(Buffer.from(html, 'utf8')).text;
    expect(text).toContain('无障碍浏览');
  });
});
