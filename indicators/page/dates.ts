/**
 * Publication dates in the many ways portals print them: 2026-11-20, 2026/11/20, 2026.11.20,
 * 2026年11月20日, [11-20] / (11-20) / 11-20 at the end of a list item, 11月20日. Year-less dates
 * are placed in asOf's year, or the year before when that would be in the future.
 * Not publication dates (ignored): the header clock "今天是2026年11月22日 星期日", dates after asOf.
 */

export interface FoundDate {
  iso: string; // YYYY-MM-DD
  raw: string;
  index: number;
  /** Year was inferred from asOf (bracketed or bare month-day). */
  inferredYear: boolean;
}

const FULL = /(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?/g;
const BRACKETED = /[[【(（]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*[\]】)）]/g;
const BARE_MD = /(?<![\d\-/.:年])(\d{2})-(\d{2})(?![\d\-/:])/g;
const CN_MD = /(?<![\d年])(\d{1,2})月(\d{1,2})日/g;
/** Context that marks a clock or calendar rather than an item date. */
const CLOCK_BEFORE = /(今天是|今日是|今天|当前时间|当前日期|现在是)\s*[:：]?\s*$/;
const CLOCK_AFTER = /^\s*(星期|周[一二三四五六日天]|农历)/;

/** Portals print dates in China time (UTC+8): compare against asOf's calendar day there. */
function chinaDate(asOf: Date): Date {
  return new Date(asOf.getTime() + 8 * 3600 * 1000);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1;
}

function isClock(text: string, index: number, length: number): boolean {
  return (
    CLOCK_BEFORE.test(text.slice(Math.max(0, index - 8), index)) ||
    CLOCK_AFTER.test(text.slice(index + length, index + length + 6))
  );
}

/** All plausible item dates in `text`, not after asOf (one day of slack for time zones). */
export function findDates(text: string, asOf: Date): FoundDate[] {
  const out: FoundDate[] = [];
  const limit = asOf.getTime() + 36 * 3600 * 1000; // China time plus a day of slack
  const taken: [number, number][] = [];
  const overlaps = (i: number, len: number) => taken.some(([a, b]) => i < b && i + len > a);
  const add = (y: number, m: number, d: number, raw: string, index: number, inferred: boolean) => {
    if (!valid(y, m, d) || overlaps(index, raw.length)) return;
    taken.push([index, index + raw.length]);
    if (isClock(text, index, raw.length)) return;
    let year = y;
    if (inferred && Date.UTC(year, m - 1, d) > limit) year -= 1;
    if (Date.UTC(year, m - 1, d) > limit) return;
    out.push({ iso: `${year}-${pad(m)}-${pad(d)}`, raw, index, inferredYear: inferred });
  };
  for (const m of text.matchAll(FULL)) add(+m[1]!, +m[2]!, +m[3]!, m[0], m.index!, false);
  const y = chinaDate(asOf).getUTCFullYear();
  for (const re of [BRACKETED, CN_MD, BARE_MD])
    for (const m of text.matchAll(re)) add(y, +m[1]!, +m[2]!, m[0], m.index!, true);
  return out.sort((a, b) => a.index - b.index);
}

export function newest(dates: FoundDate[]): FoundDate | undefined {
  let best: FoundDate | undefined;
  for (const d of dates) if (!best || d.iso > best.iso) best = d;
  return best;
}

/** Whole days from `iso` (a date) to asOf. */
export function ageDays(iso: string, asOf: Date): number {
  const t = Date.parse(`${iso}T00:00:00Z`);
  const local = chinaDate(asOf);
  const a = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  return Math.round((a - t) / 86400000);
}
