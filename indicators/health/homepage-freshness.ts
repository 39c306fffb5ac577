import type { Evidence, SiteArtifacts } from '../../src/types.js';
import { defineIndicator } from '../define.js';
import { ageDays, findDates, newest } from '../page/dates.js';
import { absent, around, pageEvidence, plainEvidence, present } from '../support/evidence.js';
import { absenceEvidence } from '../support/home.js';

const DAY_MS = 86_400_000;

/**
 * The monitor's headline changes over its window, when the site was monitored: evidence beside the
 * dates on the page, never a verdict of its own (a page's dates are what the 2019 rule reads).
 */
function rhythmOf(site: SiteArtifacts, asOf: Date) {
  const a = site.availability;
  const p = a?.publication;
  if (!a || !p?.headlineVisits) return undefined;
  const newestAgeDays = p.newestHeadlineAt === null ? null : (asOf.getTime() - Date.parse(p.newestHeadlineAt)) / DAY_MS;
  const windowDays = Math.round((Date.parse(a.to) - Date.parse(a.from)) / DAY_MS);
  const text =
    p.newestHeadlineAt === null
      ? `The monitor saw no new headline in its ${windowDays}-day window (${p.headlineVisits} visits with headlines).`
      : `The monitor saw new headlines on ${p.newHeadlineDays} of its ${windowDays} days, the newest first seen ${p.newestHeadlineAt} (${p.headlineVisits} visits with headlines).`;
  const evidence: Evidence = plainEvidence('count', site.locality.portalUrl, {
    pattern: 'monitor: headlines not seen before in the window',
    snippet: text,
    ...(p.newestHeadlineAt ? { fetchedAt: p.newestHeadlineAt } : {}),
  });
  return {
    value: { monitorNewHeadlineDays: p.newHeadlineDays, monitorNewestHeadlineAt: p.newestHeadlineAt },
    newestAgeDays,
    windowDays,
    text,
    evidence,
  };
}

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
    monitorNewHeadlineDays:
      'monitored sites only: days of the monitor window on which a headline not seen before appeared (evidence beside the dates, not the verdict)',
    monitorNewestHeadlineAt: 'monitored sites only: when the newest such headline was first seen (ISO 8601), or null',
  },
  needs: ['home', 'rendered'],
  detect(site, ctx) {
    const { views } = ctx;
    const rhythm = rhythmOf(site, ctx.asOf);
    let best: { iso: string; index: number; raw: string; v: (typeof views)[number] } | undefined;
    let count = 0;
    for (const v of views) {
      const ds = findDates(v.model.text, ctx.asOf);
      count = Math.max(count, ds.length);
      const n = newest(ds);
      if (n && (!best || n.iso > best.iso)) best = { ...n, v };
    }
    const limit = ctx.thresholds.homepageStaleDays;
    const monitorSaysFresh = rhythm && rhythm.newestAgeDays !== null && rhythm.newestAgeDays <= limit;
    const monitorSaysStale = rhythm && rhythm.newestAgeDays === null && rhythm.windowDays >= limit;
    const rhythmNote = rhythm ? ` ${rhythm.text}` : '';
    if (!best) {
      // The page's dates decide; new headlines the monitor saw make the absence less certain.
      return absent(
        { newestDate: null, ageDays: null, datedItems: 0, ...rhythm?.value },
        monitorSaysFresh ? 0.5 : 0.7,
        `No dated item on the homepage (undated items count as not updated).${rhythmNote}`,
        [
          ...absenceEvidence(views, 'dates (YYYY-MM-DD, YYYY年M月D日, [MM-DD] …)'),
          ...(rhythm ? [rhythm.evidence] : []),
        ],
      );
    }
    const age = ageDays(best.iso, ctx.asOf);
    const value = { newestDate: best.iso, ageDays: age, datedItems: count, ...rhythm?.value };
    const ev = [
      pageEvidence(best.v.page, 'text', {
        pattern: 'newest date',
        snippet: around(best.v.model.text, best.index, best.raw.length, 50),
      }),
      ...(rhythm ? [rhythm.evidence] : []),
    ];
    const why = `Newest dated item ${best.iso} is ${age} days old (limit ${limit}), ${count} dated items`;
    // When the monitor's headline changes disagree with the page's dates, the verdict stands (dates
    // are what the rule reads) but is less certain, and the reason says why.
    return age <= limit
      ? present(value, monitorSaysStale ? 0.6 : 0.85, `${why}.${rhythmNote}`, ev, best.v.rendered)
      : absent(value, monitorSaysFresh ? 0.6 : 0.85, `${why}: stale.${rhythmNote}`, ev);
  },
});
