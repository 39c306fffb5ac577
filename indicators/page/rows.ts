/** List rows and news items of the page model: what makes a link an article rather than an entry. */
import type { Element } from 'domhandler';
import { ARTICLE_BODY } from '../lexicon.js';

/** A date in a list row (cheap test; dates.ts does the real parsing). */
export const ROW_DATE =
  /(19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|[[【(（]\s*\d{1,2}\s*[-/.]\s*\d{1,2}\s*[\]】)）]|(?<![\d-])\d{2}-\d{2}(?![\d-])/;

/** Blocks that hold one news item when a site builds its lists without <li>/<tr>. */
export const ITEM_TAGS = new Set(['div', 'p', 'dl', 'dt', 'h3', 'h4', 'h5', 'section', 'article']);
/** A header clock (今天是2024年10月18日 星期五) is a date beside entries, not an item's date. */
const CLOCK = /今天|今日|星期|周[一二三四五六日]/;

/** The spans not inside another one, in document order (rows close inner-first, so an outer span comes later). */
export function outermost(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: [number, number][] = [];
  for (const s of sorted) if (!out.length || s[0] >= out[out.length - 1]![1]) out.push(s);
  return out;
}

/** Inside an article's body text (a CMS content container): its links are in running text, not entries. */
export function inArticleBody(el: Element): boolean {
  for (let p = el.parent, depth = 0; p && p.type === 'tag' && depth < 16; p = p.parent, depth++) {
    const a = (p as Element).attribs;
    if (`${a.id ?? ''} ${a.class ?? ''}`.split(/\s+/).some((t) => t && ARTICLE_BODY.test(t))) return true;
  }
  return false;
}

/**
 * A news item built without a list (<div class="item"><a>…</a><span>2024-12-14</span></div>,
 * <dl><dt><a>…</a></dt><dd>date</dd></dl>, <p>): its one link has a title-length label and its
 * short text a date that is no clock.
 */
export function isDatedItem(ownText: string | undefined, label: string): boolean {
  return !!ownText && label.length >= 6 && ROW_DATE.test(ownText) && !CLOCK.test(ownText);
}
