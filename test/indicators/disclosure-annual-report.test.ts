/**
 * disclosure_annual_report on pages written after real 信息公开 sections: a side menu linking the
 * 年报 column, a 年报 list with look-alikes (a reading of the report, a 统计年报, the 政府工作报告,
 * a 决算 report) newer than the real reports, and a column that lists bare year links.
 */
import { describe, expect, it } from 'vitest';
import { detectionContext, runIndicators } from '../../indicators/index.js';
import { dueYear } from '../../indicators/supply/disclosure-annual-report.js';
import type { PageSnapshot } from '../../src/types.js';
import { chengduPage, HOME, page, readPage, site } from './helpers.js';

const SECTION = readPage('realworld/annual-report-section.html');
const LIST = readPage('realworld/annual-report-list.html');
const YEARS = readPage('realworld/annual-report-years.html');

function run(pages: PageSnapshot[], asOf: string) {
  const home = page({ url: HOME, body: '<a href="/xxgk/">政府信息公开</a>', fetchedAt: asOf });
  const s = site([home, ...pages]);
  return runIndicators(s, detectionContext(s)).find((r) => r.id === 'disclosure_annual_report')!;
}
const section = () => chengduPage('/xxgk/', 'policy', SECTION);
const list = (body = LIST) => chengduPage('/xxgk/xxgknb/', 'annual_report', body);

describe('disclosure_annual_report', () => {
  it('is due for last year after 31 January, for the year before in January', () => {
    expect(dueYear(new Date('2026-02-01T00:00:00+08:00'))).toBe(2025);
    expect(dueYear(new Date('2026-01-31T23:00:00+08:00'))).toBe(2024);
  });

  it('reads the newest report, not the reading, statistics, 工作报告 or 决算 beside it, and its 二〇二四 year', () => {
    const r = run([section(), list()], '2026-01-25T02:00:00.000Z');
    expect(r.status).toBe('present');
    expect(r.value).toEqual({
      year: 2024,
      title: '示例市人民政府二〇二四年政府信息公开工作年度报告',
      url: 'https://www.chengdu.gov.cn/xxgk/xxgknb/202501/t20250121_5.html',
      date: '2025-01-21',
      lastYearPublished: true,
    });
    expect(r.evidence[0]).toMatchObject({ kind: 'link', url: 'https://www.chengdu.gov.cn/xxgk/xxgknb/' });
  });

  it('is absent once last year’s report is due and the column’s newest is older', () => {
    const r = run([section(), list()], '2026-03-01T02:00:00.000Z');
    expect(r.status).toBe('absent');
    expect(r.value).toMatchObject({ year: 2024, lastYearPublished: false });
  });

  it('is present when last year’s report is listed', () => {
    const row =
      '<tr><td><a href="/xxgk/xxgknb/202601/t20260126_10.html">示例市人民政府2025年政府信息公开工作年度报告</a></td><td>2026-01-26</td></tr>';
    const r = run([section(), list(LIST.replace('<table>', `<table>${row}`))], '2026-03-01T02:00:00.000Z');
    expect(r.status).toBe('present');
    expect(r.value).toMatchObject({ year: 2025, date: '2026-01-26', lastYearPublished: true });
  });

  it('reads a column of bare year links', () => {
    const r = run([chengduPage('/jyj/xxgknb/', 'annual_report', YEARS)], '2026-03-01T02:00:00.000Z');
    expect(r).toMatchObject({ status: 'present', value: { year: 2025, title: '2025' } });
  });

  it('is unknown when the column was not reached or not fetched, never absent', () => {
    expect(run([section()], '2026-03-01T02:00:00.000Z')).toMatchObject({ status: 'unknown' });
    expect(run([], '2026-03-01T02:00:00.000Z').reason).toContain('not reached');
    const failed = { ...list(''), status: 'http_5xx' as const, httpStatus: 500, body: undefined };
    const r = run([section(), failed], '2026-03-01T02:00:00.000Z');
    expect(r.status).toBe('unknown');
    expect(r.reason).toContain('could not be fetched');
  });
});
