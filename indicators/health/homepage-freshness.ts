import { defineIndicator } from '../define.js';
import { ageDays, findDates, newest } from '../page/dates.js';
import { absent, around, pageEvidence, present } from '../support/evidence.js';
import { absenceEvidence } from '../support/home.js';

export default defineIndicator({
  id: 'homepage_freshness',
  dimension: 'health',
  order: 1,
  name: { zh: '首页更新', en: 'Homepage freshness' },
  measures:
    "The newest dated item on the homepage (raw and rendered), in any common format (2026-11-20, 2026年11月20日, 2026/11/20, [11-20] in asOf's year), against thresholds.homepageStaleDays. The header clock (今天是… 星期…) and dates after asOf are ignored.",
  standard:
    '国办秘函〔2019〕19号 单项否决「首页不更新」: no new item for 2 weeks fails; undated items count as not updated.',
  presentMeans: 'The newest dated item is at most homepageStaleDays old (default 14). No dated item → absent.',
  valueFields: {
    newestDate: 'YYYY-MM-DD or null',
    ageDays: 'days from newestDate to asOf',
    datedItems: 'dates found on the page',
  },
  needs: ['home', 'rendered'],
  detect(_site, ctx) {
    const { views } = ctx;
    let best: { iso: string; index: number; raw: string; v: (typeof views)[number] } | undefined;
    let count = 0;
    for (const v of views) {
      const ds = findDates(v.model.text, ctx.asOf);
      count = Math.max(count, ds.length);
      const n = newest(ds);
      if (n && (!best || n.iso > best.iso)) best = { ...n, v };
    }
    if (!best)
      return absent(
        { newestDate: null, ageDays: null, datedItems: 0 },
        0.7,
        'No dated item on the homepage (undated items count as not updated).',
        absenceEvidence(views, 'dates (YYYY-MM-DD, YYYY年M月D日, [MM-DD] …)'),
      );
    const age = ageDays(best.iso, ctx.asOf);
    const limit = ctx.thresholds.homepageStaleDays;
    const value = { newestDate: best.iso, ageDays: age, datedItems: count };
    const ev = [
      pageEvidence(best.v.page, 'text', {
        pattern: 'newest date',
        snippet: around(best.v.model.text, best.index, best.raw.length, 50),
      }),
    ];
    const why = `Newest dated item ${best.iso} is ${age} days old (limit ${limit}), ${count} dated items`;
    return age <= limit
      ? present(value, 0.85, `${why}.`, ev, best.v.rendered)
      : absent(value, 0.85, `${why}: stale.`, ev);
  },
});
