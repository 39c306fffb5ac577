import type { PageSnapshot } from '../../src/types.js';
import { NOT_REPORT, REPORT_TITLE, reportYear, YEAR_LINK } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { findDates, newest } from '../page/dates.js';
import { type PageLink, pageModel } from '../page/model.js';
import { absent, pageEvidence, present, unknown } from '../support/evidence.js';
import { failedList, pagesByRole } from '../support/home.js';

interface Report {
  year: number;
  title: string;
  url: string;
  date?: string;
  page: PageSnapshot;
  selector: string;
}

/** On the 年报 column any titled year report counts (2025年度报告); elsewhere the title must name the disclosure report. */
const COLUMN_TITLE = /年度报告|年报/;

/** The year whose report is due by asOf: last year's after 31 January, else the year before (China time). */
export function dueYear(asOf: Date): number {
  const china = new Date(asOf.getTime() + 8 * 3600 * 1000);
  return china.getUTCFullYear() - (china.getUTCMonth() >= 1 ? 1 : 2);
}

function reportsOn(page: PageSnapshot, asOf: Date, column: boolean): Report[] {
  const m = pageModel(page);
  const rowOf = new Map<PageLink, string>();
  // Rows are pushed innermost first: a link's own row gives its date.
  for (const r of m.rows) for (const l of r.links) if (!rowOf.has(l)) rowOf.set(l, r.text);
  const out: Report[] = [];
  for (const l of m.links) {
    const title = l.label.trim();
    if (!l.url || !title || NOT_REPORT.some((re) => re.test(title))) continue;
    const titled = REPORT_TITLE.test(title) || (column && COLUMN_TITLE.test(title));
    const year = titled ? reportYear(title) : column ? Number(YEAR_LINK.exec(title)?.[1]) || undefined : undefined;
    if (!year) continue;
    const date = newest(findDates(rowOf.get(l) ?? '', asOf))?.iso;
    out.push({ year, title, url: l.url, ...(date ? { date } : {}), page, selector: l.selector });
  }
  return out;
}

const newestReport = (rs: Report[]) =>
  rs.reduce<Report | undefined>(
    (b, r) => (!b || r.year > b.year || (r.year === b.year && (r.date ?? '') > (b.date ?? '')) ? r : b),
    undefined,
  );

export default defineIndicator({
  id: 'disclosure_annual_report',
  dimension: 'supply',
  order: 7,
  name: { zh: '政府信息公开工作年度报告', en: 'Information disclosure annual report' },
  measures:
    'The newest 政府信息公开工作年度报告 the 信息公开 section lists: the crawler follows the 信息公开 page to its 年报 column (page role annual_report) and reads the report titles (year as 2025年 or 二〇二五年, or the column’s year links); readings (…年度报告解读), statistics (统计年报/公报), budgets and the 政府工作报告 are not the report.',
  standard:
    '《中华人民共和国政府信息公开条例》第五十条: each year’s report is published by 31 January of the following year.',
  presentMeans:
    'The report due by asOf is listed: last year’s once 31 January has passed, the year before that in January. absent = the 年报 column was read and its newest report is older; unknown = the column was not reached or not fetched, or lists no report.',
  valueFields: {
    year: 'year of the newest report listed',
    title: 'its title',
    url: 'its URL',
    date: 'its list date (YYYY-MM-DD), when shown',
    lastYearPublished: 'the report due by asOf (last year’s after 31 January, else the year before) is listed',
  },
  needs: ['home', 'pages'],
  detect(site, ctx) {
    const column = pagesByRole(site, ['annual_report']);
    const section = pagesByRole(site, ['policy']);
    const fromColumn = column.ok.flatMap((p) => reportsOn(p, ctx.asOf, true));
    const reports = fromColumn.length ? fromColumn : section.ok.flatMap((p) => reportsOn(p, ctx.asOf, false));
    const best = newestReport(reports);
    if (!best) {
      const why = column.ok.length
        ? `the 年报 column ${column.ok[0]!.url} lists no report we could read`
        : column.failed.length
          ? `the 年报 column could not be fetched: ${failedList(column.failed)}`
          : section.ok.length
            ? 'the 信息公开 pages fetched link no 年报 column'
            : 'the 信息公开 section was not reached';
      const ev = [...column.ok, ...section.ok]
        .slice(0, 2)
        .map((p) => pageEvidence(p, 'absence', { pattern: 'disclosure annual report titles' }));
      return unknown(`${why}.`, ev);
    }
    const due = dueYear(ctx.asOf);
    const met = best.year >= due;
    const { page, selector, ...item } = best;
    const value = { ...item, lastYearPublished: met };
    const listed = column.ok.length ? `年报 column ${page.finalUrl || page.url}` : `信息公开 page ${page.url}`;
    const ev = [
      pageEvidence(page, 'link', { selector, pattern: 'newest report', snippet: `${best.title} → ${best.url}` }),
    ];
    const why = `${listed} lists ${best.title} (${best.year}${best.date ? `, ${best.date}` : ''}); the ${due} report is due`;
    const conf = column.ok.length ? 0.9 : 0.8;
    return met ? present(value, conf, `${why} and listed.`, ev) : absent(value, conf - 0.05, `${why}: not listed.`, ev);
  },
});
