import { describe, expect, it } from 'vitest';
import { CATALOGUE, dictionary, dictionaryMarkdown } from '../../indicators/index.js';
import { ageDays, findDates } from '../../indicators/page/dates.js';
import { pageModel } from '../../indicators/page/model.js';
import { registrableDomain } from '../../indicators/page/urls.js';
import { INDICATOR_IDS } from '../../indicators/values.js';
import { DIMENSIONS } from '../../src/types.js';
import { page } from './helpers.js';

describe('catalogue and dictionary', () => {
  it('has every required id once, with complete metadata', () => {
    expect(CATALOGUE.map((i) => i.id)).toEqual([...INDICATOR_IDS]);
    for (const i of CATALOGUE) {
      expect(DIMENSIONS).toContain(i.dimension);
      for (const f of [i.name.zh, i.name.en, i.measures, i.standard, i.presentMeans])
        expect(f.length, i.id).toBeGreaterThan(3);
      if (i.valueType === 'object') expect(Object.keys(i.valueFields ?? {}).length, i.id).toBeGreaterThan(0);
    }
  });
  it('generates the dictionary from the definitions', () => {
    const d = dictionary();
    expect(d).toHaveLength(CATALOGUE.length);
    expect(d.find((e) => e.id === 'site_id_code')).toMatchObject({
      dimension: 'norms',
      nameZh: '网站标识码',
      scope: 'page',
    });
    const md = dictionaryMarkdown();
    for (const id of INDICATOR_IDS) expect(md).toContain(`## \`${id}\``);
    expect(md).toContain('**Present means**');
  });
});

describe('dates', () => {
  const asOf = new Date('2026-11-22T02:00:00Z');
  it('reads the common formats and infers the year of [MM-DD]', () => {
    const iso = (t: string) => findDates(t, asOf).map((d) => d.iso);
    expect(iso('发布 2026-11-20')).toEqual(['2026-11-20']);
    expect(iso('2026年11月2日')).toEqual(['2026-11-02']);
    expect(iso('2026/1/5 和 2026.03.04')).toEqual(['2026-01-05', '2026-03-04']);
    expect(iso('标题 [11-20]')).toEqual(['2026-11-20']);
    expect(iso('标题 (12-30)')).toEqual(['2025-12-30']); // would be in the future: last year
  });
  it('ignores the header clock, impossible dates and future dates', () => {
    expect(findDates('今天是2026年11月22日 星期日', asOf)).toEqual([]);
    expect(findDates('2026-02-30 2027-01-01 电话 028-61881234', asOf)).toEqual([]);
  });
  it('counts age in China calendar days', () => {
    expect(ageDays('2026-11-22', new Date('2026-11-21T17:00:00Z'))).toBe(0); // 01:00 on the 22nd in Beijing
  });
});

describe('page model', () => {
  it('keeps visible text only and joins split inline runs', () => {
    const m = pageModel(
      page({
        url: 'https://www.x.gov.cn/',
        body: '<div>蜀<span>ICP</span>备<b>123456</b>号</div><div style="display: none">隐藏</div><!-- 注释 --><p hidden>也隐藏</p><li>一</li><li>二</li>',
      }),
    );
    expect(m.text).toBe('蜀ICP备123456号 一 二');
    expect(m.comments).toEqual([' 注释 ']);
  });
  it('labels image links by alt and resolves against <base href>', () => {
    const m = pageModel(
      page({
        url: 'https://www.x.gov.cn/a/b.html',
        body: '<base href="https://www.x.gov.cn/root/"><a href="zwfw/"><img src="i.png" alt="政务服务"></a><span onclick="window.open(\'https://znwd.x.gov.cn/\')">智能问答</span>',
      }),
    );
    expect(m.links[0]).toMatchObject({ url: 'https://www.x.gov.cn/root/zwfw/', label: '政务服务', text: '' });
    expect(m.links[1]).toMatchObject({ url: 'https://znwd.x.gov.cn/', label: '智能问答', tag: 'span' });
  });
  it('computes registrable domains for gov.cn and ordinary hosts', () => {
    expect(registrableDomain('www.chengdu.gov.cn')).toBe('chengdu.gov.cn');
    expect(registrableDomain('hm.baidu.com')).toBe('baidu.com');
    expect(registrableDomain('ta.trs.com.cn')).toBe('trs.com.cn');
  });
});
