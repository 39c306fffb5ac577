import type { Evidence } from '../../src/types.js';
import { CONCEPTS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { FULLY_ONLINE } from '../lexicon.js';
import { type PageRow, pageModel } from '../page/model.js';
import { absent, pageEvidence, present, unknown } from '../support/evidence.js';
import { platformPages } from '../support/platform.js';
import { statedCount } from '../support/stated.js';

/** Stated totals: 共 N 项 / 共有政务服务事项 N 项 / 事项总数：N / N 项服务事项. */
const TOTAL = [
  /共有?(?:[^\d，。,；;|]{0,10}?)(\d[\d,]*)\s*(?:项|个|条)/,
  /事项(?:总数|总量|数量)\s*[:：]?\s*(\d[\d,]*)/,
  /事项\s*[:：]?\s*(\d[\d,]*)\s*(?:个|项)/,
  /(\d[\d,]*)\s*(?:项|个)(?:政务)?服务事项/,
];
const ONLINE = [
  /(?:全程网办|可全程网办|网上可办)(?:事项)?\s*[:：]?\s*(\d[\d,]*)\s*(?:项|个)?/,
  /(\d[\d,]*)\s*(?:项|个)(?:事项)?(?:可)?(?:实现)?全程网办/,
];

/** Rows of the biggest list on a page: the service items (li/tr with a link, outside site chrome). */
function itemRows(rows: PageRow[]): PageRow[] {
  return rows.filter((r) => !r.inChrome && r.links.length > 0 && r.text.length >= 4);
}

export default defineIndicator({
  id: 'online_service_rate',
  dimension: 'supply',
  order: 2,
  name: { zh: '全程网办率', en: 'Share of services fully online' },
  measures:
    "On the linked service platform's list pages: the total of items the platform states (共 N 项, 事项 N 个) and the items it states or marks as fully online (全程网办, 网办深度四级, 零跑动, 即办); if no total is printed, items are counted on the fetched list pages.",
  standard: 'UESTC 服务供给能力 — 目录覆盖/服务贯通; 全国一体化政务服务平台 网办深度 levels.',
  presentMeans:
    'The platform lists service items and at least one can be handled fully online; the rate is in the value. Platform pages not fetched → unknown.',
  valueFields: {
    items: 'service items (stated or counted)',
    fullyOnline: 'items handled fully online',
    rate: 'fullyOnline / items',
    source: 'stated | counted',
  },
  needs: ['platforms'],
  detect(site, ctx) {
    const pages = platformPages(site, ctx, {
      roles: ['service_list'],
      pages: 'Service list pages',
      concept: CONCEPTS.service_platform,
      absentConfidence: 0.6,
      noEntry: 'No online service platform entry on the homepage, so no service items.',
      notReached: 'No service list page of the platform was reached.',
    });
    if ('none' in pages) return pages.none;
    const { ok } = pages;
    let statedTotal: { n: number; ev: Evidence } | undefined;
    let statedOnline: { n: number; ev: Evidence } | undefined;
    let counted = 0;
    let countedOnline = 0;
    const seen = new Set<string>();
    const evidence: Evidence[] = [];
    for (const p of ok) {
      const m = pageModel(p);
      statedTotal ??= statedCount(TOTAL, p, m.text);
      statedOnline ??= statedCount(ONLINE, p, m.text);
      for (const r of itemRows(m.rows)) {
        const key = r.links[0]!.url ?? r.text;
        if (seen.has(key)) continue;
        seen.add(key);
        counted++;
        if (FULLY_ONLINE.test(r.text)) countedOnline++;
      }
    }
    if (statedTotal) evidence.push(statedTotal.ev);
    if (statedOnline) evidence.push(statedOnline.ev);
    let items: number;
    let fullyOnline: number;
    let source: 'stated' | 'counted';
    if (statedTotal && statedTotal.n > 0) {
      items = statedTotal.n;
      source = 'stated';
      // Marks on one fetched page cannot speak for a stated total: scale only when every item was seen.
      fullyOnline = statedOnline
        ? statedOnline.n
        : counted >= items
          ? countedOnline
          : Math.round((countedOnline / Math.max(counted, 1)) * items);
    } else {
      items = counted;
      fullyOnline = countedOnline;
      source = 'counted';
      evidence.push(
        pageEvidence(ok[0]!, 'count', {
          pattern: `rows; ${FULLY_ONLINE.source}`,
          snippet: `${counted} item rows on ${ok.length} list pages, ${countedOnline} marked fully online`,
        }),
      );
    }
    fullyOnline = Math.min(fullyOnline, items);
    if (!items) return unknown(`Service list pages fetched (${ok.length}) but no items could be read.`, evidence);
    const rate = Math.round((fullyOnline / items) * 10000) / 10000;
    const value = { items, fullyOnline, rate, source };
    const why = `${fullyOnline} of ${items} items fully online (${(rate * 100).toFixed(1)}%, ${source}${source === 'stated' && !statedOnline ? ', online share estimated from marked rows' : ''})`;
    return fullyOnline > 0
      ? present(value, source === 'stated' ? 0.85 : 0.7, `${why}.`, evidence)
      : absent(value, 0.7, `${why}.`, evidence);
  },
});
