/**
 * Column pages (list pages of the portal): their name, staleness class, items and newest date.
 * An item is a list row (li/tr/dd) with a link outside the site chrome (header/nav/footer);
 * a list column with no item is blank; a page that is no list column at all is not judged.
 */

import type { Config } from '../../src/config/config.js';
import type { Evidence, PageSnapshot, SiteArtifacts } from '../../src/types.js';
import type { DetectContext, Outcome } from '../define.js';
import { COLUMN_CLASSES } from '../lexicon.js';
import { ageDays, findDates, newest } from '../page/dates.js';
import { pageModel } from '../page/model.js';
import { absent, pageEvidence, present, unknown } from './evidence.js';
import { failedList } from './home.js';

export type ColumnClass = keyof typeof COLUMN_CLASSES;

export interface ColumnFacts {
  page: PageSnapshot;
  name: string;
  url: string;
  cls: ColumnClass;
  /** Class decided from the name (false: unclassified, judged as `notice`). */
  classified: boolean;
  items: number;
  datedItems: number;
  newestDate: string | null;
  ageDays: number | null;
  limitDays: number;
  emptyNotice: boolean;
  /** The page is an article, not a list (crawled as a column by mistake). */
  article: boolean;
}

const EMPTY = /暂无(信息|数据|内容|记录|文章|相关)|没有(相关)?(信息|内容|记录)|内容(正在)?建设中|栏目(正在)?建设中/;

export function columnName(p: PageSnapshot): string {
  const m = pageModel(p);
  return (m.meta.columnname || p.linkText || m.title.split(/[-_|｜—]/)[0] || p.url).trim();
}

export function classify(name: string): { cls: ColumnClass; classified: boolean } {
  for (const cls of ['news', 'notice', 'longTerm'] as ColumnClass[])
    if (COLUMN_CLASSES[cls].some((re) => re.test(name))) return { cls, classified: true };
  return { cls: 'notice', classified: false };
}

export function columnFacts(p: PageSnapshot, asOf: Date, limits: Config['thresholds']['columnStaleDays']): ColumnFacts {
  const m = pageModel(p);
  const rows = m.rows.filter((r) => !r.inChrome && r.links.length > 0 && r.text.length >= 4);
  const dated = rows.map((r) => newest(findDates(r.text, asOf))).filter((d) => d !== undefined);
  const n = newest(dated);
  const name = columnName(p);
  const { cls, classified } = classify(name);
  return {
    page: p,
    name,
    url: p.finalUrl || p.url,
    cls,
    classified,
    items: rows.length,
    datedItems: dated.length,
    newestDate: n?.iso ?? null,
    ageDays: n ? ageDays(n.iso, asOf) : null,
    limitDays: limits[cls],
    emptyNotice: EMPTY.test(m.text),
    article: looksLikeArticle(p, m.meta),
  };
}

/**
 * A list column: it lists items, says it has none (暂无信息), or is named like one (COLUMN_CLASSES).
 * Other pages the crawler took for columns (a topic page with a paragraph, 联系我们) are not judged.
 */
export function isColumn(c: ColumnFacts): boolean {
  // Named like a column (short, 通知公告/人事信息) but listing nothing: a blank column. A long name is a headline.
  return c.items > 0 || c.emptyNotice || (c.classified && !c.article && c.name.length <= 8);
}

/** Article pages (CMS article meta, or article-style URLs such as t20261101_1200906.html, /art/2026/…). */
const ARTICLE_URL =
  /\/t\d{8}_\d+\.s?html?$|\/art\/\d{4}\/|\/content\/article\/|\/art_\d+|\/\d{6,8}\/[\w-]+\.s?html?$|[?&](articleid|docid|newsid)=/i;
function looksLikeArticle(p: PageSnapshot, meta: Record<string, string>): boolean {
  return !!(meta.articletitle || meta.pubdate || meta.contentsource) || ARTICLE_URL.test(p.finalUrl || p.url);
}

export function isBlank(c: ColumnFacts): boolean {
  return isColumn(c) && (c.items === 0 || (c.datedItems === 0 && c.emptyNotice));
}

export function isStale(c: ColumnFacts): boolean {
  if (!isColumn(c) || isBlank(c)) return false;
  return c.ageDays === null || c.ageDays > c.limitDays;
}

/** Column pages, one per address: the same column fetched over http and https counts once (the fuller copy). */
export function columnPages(site: SiteArtifacts): { ok: PageSnapshot[]; failed: PageSnapshot[] } {
  const all = site.pages.filter((p) => p.role === 'column' || p.role === 'policy');
  const key = (p: PageSnapshot) => (p.finalUrl || p.url).replace(/^https?:\/\//i, '').replace(/#.*$/, '');
  const best = new Map<string, PageSnapshot>();
  for (const p of all) {
    if (p.status !== 'ok' || typeof p.body !== 'string') continue;
    const prev = best.get(key(p));
    if (!prev || p.body.length > (prev.body?.length ?? 0)) best.set(key(p), p);
  }
  const okKeys = new Set(best.keys());
  const failed = all.filter((p) => p.status !== 'ok' && !okKeys.has(key(p)));
  return { ok: [...best.values()], failed };
}

/** The list columns of a site, or the `unknown` result that says why there are none to judge. */
export function checkedColumns(
  site: SiteArtifacts,
  ctx: DetectContext,
): { facts: ColumnFacts[]; failed: PageSnapshot[] } | Outcome {
  const { ok, failed } = columnPages(site);
  if (!ok.length)
    return unknown(
      failed.length ? `No column page could be fetched: ${failedList(failed)}.` : 'No column pages were crawled.',
    );
  const facts = ok.map((p) => columnFacts(p, ctx.asOf, ctx.thresholds.columnStaleDays)).filter(isColumn);
  if (!facts.length) return unknown(`${ok.length} pages were crawled as columns but none is a list column.`);
  return { facts, failed };
}

/**
 * Evidence for a column verdict: a row for each of the first eight bad columns, or, when none is
 * bad, one absence row saying how many columns were checked (`pattern` names the check).
 */
export function columnEvidence(
  facts: ColumnFacts[],
  bad: ColumnFacts[],
  row: (c: ColumnFacts) => Evidence,
  none: { pattern: string; adjective: string },
): Evidence[] {
  const ev = bad.slice(0, 8).map(row);
  if (!ev.length)
    ev.push(
      pageEvidence(facts[0]!.page, 'absence', {
        pattern: none.pattern,
        snippet: `${facts.length} columns checked, none ${none.adjective}`,
      }),
    );
  return ev;
}

/**
 * "Fewer than `fail` bad columns" passes. It is only as sure as the share of columns seen:
 * few checked columns make a weak present.
 */
export function columnVerdict(
  bad: number,
  checked: number,
  fail: number,
  value: Outcome['value'],
  why: string,
  evidence: Evidence[],
): Outcome {
  const conf = checked < fail ? 0.5 : checked < 2 * fail ? 0.65 : 0.8;
  const note = checked < 2 * fail ? `; only ${checked} columns checked, so this is a weak verdict` : '';
  return bad < fail ? present(value, conf, `${why + note}.`, evidence) : absent(value, 0.85, `${why}.`, evidence);
}
