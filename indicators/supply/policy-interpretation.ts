import type { PageSnapshot } from '../../src/types.js';
import { CONCEPTS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { pageModel } from '../page/model.js';
import { columnFacts, columnName, columnPages, isColumn } from '../support/columns.js';
import { findEntry } from '../support/entry.js';
import { linkEvidence, pageEvidence, present } from '../support/evidence.js';
import { matchConcept } from '../support/links.js';

const PI = CONCEPTS.policy_interpretation;
const isPi = (name: string) => PI.text.some((re) => re.test(name.trim()));
// Query strings name the column on many CMSs (index.php?c=list&id=23): only the scheme, fragment and a trailing index file are dropped.
const key = (u: string) =>
  u
    .replace(/^https?:\/\//i, '')
    .replace(/#.*$/, '')
    .replace(/\/(index\.\w+)?$/, '');

/** A crawled portal page (a column, the sitemap) that links to the column, when the homepage does not. */
function linkOnCrawled(site: { pages: PageSnapshot[] }) {
  for (const p of site.pages) {
    if (p.role === 'home' || p.status !== 'ok' || typeof p.body !== 'string') continue;
    if (!['column', 'policy', 'sitemap_page', 'frame'].includes(p.role)) continue;
    const m = matchConcept(pageModel(p), PI)[0];
    if (m?.link.url) return { page: p, match: m };
  }
  return undefined;
}

export default defineIndicator({
  id: 'policy_interpretation',
  dimension: 'supply',
  order: 5,
  name: { zh: '政策解读', en: 'Policy interpretation column' },
  measures:
    'A 政策解读 column: a short 政策解读 / 解读回应 label (or a /zcjd/ link) on the homepage or a crawled column or sitemap page — headlines that end in 政策解读 are articles, not the column — and, when the crawler fetched the column, its newest dated item and age.',
  standard: '国办秘函〔2019〕19号 政府网站检查指标 「发布解读」: policies are published with their interpretation.',
  presentMeans:
    'The column exists. Age is in the value (fresh = newest item within the notice-column limit of stale_columns); a column not fetched has no newestDate and lower confidence.',
  valueFields: {
    url: 'column URL',
    text: 'label',
    foundOn: 'home | crawled_page',
    newestDate: 'newest dated item of the column (YYYY-MM-DD)',
    ageDays: 'days from newestDate to asOf',
    fresh: 'ageDays within thresholds.columnStaleDays.notice',
  },
  needs: ['home', 'rendered', 'pages'],
  detect(site, ctx) {
    const { found, result } = findEntry(ctx.views, PI, '政策解读');
    const other = found ? undefined : linkOnCrawled(site);
    if (!found && !other) return result!;
    const entry = found
      ? { url: found.value.url, text: found.value.text, ev: found.evidence, conf: found.confidence }
      : {
          url: other!.match.link.url!,
          text: other!.match.link.label,
          conf: 0.75,
          ev: linkEvidence(other!.page, other!.match.link, other!.match.pattern),
        };
    const where = found ? found.reason : `政策解读 linked from crawled page ${other!.page.url}`;
    const base = {
      url: entry.url,
      ...(entry.text ? { text: entry.text } : {}),
      foundOn: found ? 'home' : 'crawled_page',
    };
    // The column page: the entry's target, else a crawled column named like one.
    const { ok } = columnPages(site);
    const page = ok.find((p) => key(p.finalUrl || p.url) === key(entry.url)) ?? ok.find((p) => isPi(columnName(p)));
    const facts = page ? columnFacts(page, ctx.asOf, ctx.thresholds.columnStaleDays) : undefined;
    const rendered = found?.view.rendered ?? false;
    if (!facts || !isColumn(facts))
      return present(
        base,
        Math.min(entry.conf, 0.7),
        `${where}; the column page was not fetched, its age is not known.`,
        [entry.ev],
        rendered,
      );
    if (!facts.newestDate)
      return present(
        base,
        entry.conf,
        `${where}; the column lists ${facts.items} items, none dated.`,
        [
          entry.ev,
          pageEvidence(facts.page, 'absence', { pattern: 'dates', snippet: `${facts.items} items, none dated` }),
        ],
        rendered,
      );
    const limit = ctx.thresholds.columnStaleDays.notice;
    const fresh = (facts.ageDays ?? Infinity) <= limit;
    const value = { ...base, newestDate: facts.newestDate, ageDays: facts.ageDays, fresh };
    const ev = pageEvidence(facts.page, 'text', {
      pattern: 'newest dated item',
      snippet: `${facts.name}: newest ${facts.newestDate} (${facts.ageDays} days), ${facts.items} items`,
    });
    const why = `${where}; newest item ${facts.newestDate} is ${facts.ageDays} days old (limit ${limit})`;
    return present(
      value,
      Math.max(entry.conf, 0.85),
      `${why}${fresh ? '.' : ': not fresh.'}`,
      [entry.ev, ev],
      rendered,
    );
  },
});
