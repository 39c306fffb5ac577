import { defineConcept } from './concept.js';

/**
 * 政府信息公开工作年度报告 (政府信息公开条例 第五十条: each year's report by 31 January): the 年报
 * column of the 信息公开 section. Its entry is a short label (政府信息公开年报, 年度报告) or a
 * /xxgknb/ path; the crawler reaches it from the 信息公开 page (the `policy` role). Items of the
 * column are titles naming a year and the report; look-alikes name a reading of the report (解读),
 * statistics, budgets or the 政府工作报告.
 */
export default defineConcept({
  id: 'disclosure_annual_report',
  name: { zh: '政府信息公开工作年度报告', en: 'Government information disclosure annual report' },
  text: [
    /^(政府)?信息公开(工作)?(年度报告|年报)(专栏)?$/,
    /^(政府信息)?公开年报$/,
    /^年度报告$/,
    /^(政务公开|信息公开)?年报$/,
  ],
  notText: [/解读|统计|决算|预算|工作报告|审计/],
  path: [/\/(xxgknb|zfxxgknb|gknb|xxgkndbg|zfxxgkndbg|ndbg|gzndbg)(\/|\.|_|$)/i],
  maxLabel: 12,
});

/** Chinese numerals as year digits (二〇二五年). */
const CN_DIGIT: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** An item title that is a disclosure annual report. */
export const REPORT_TITLE = /(政府)?信息公开(工作)?(年度报告|年报)/;
/** Titles that mention the report but are something else: a reading, statistics, budgets, the 政府工作报告. */
export const NOT_REPORT = [/解读|图解|问答|新闻发布/, /统计(年报|公报)|决算|预算|审计/, /政府工作报告/];
const YEAR = /((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年?度?/;
/** A bare year link of a 年报 column (2024, 2024年, 2024年度): the column's sub-list for that year. */
export const YEAR_LINK = /^\s*((?:19|20)\d{2})\s*(年度?)?\s*$/;

/** The report year a title names (2025年 / 二〇二五年度), or undefined. */
export function reportYear(title: string): number | undefined {
  const m = YEAR.exec(title);
  if (!m) return undefined;
  const digits = m[1]!.replace(/[〇零一二三四五六七八九]/g, (c) => CN_DIGIT[c]!);
  const y = Number(digits);
  return y >= 1990 && y <= 2100 ? y : undefined;
}
