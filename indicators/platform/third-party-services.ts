import type { Evidence } from '../../src/types.js';
import { defineIndicator } from '../define.js';
import { THIRD_PARTY_CATEGORIES } from '../fingerprints.js';
import { hostOf, inlineLoads, isUnder } from '../page/urls.js';
import { absent, pageEvidence, plainEvidence, present } from '../support/evidence.js';
import { absenceEvidence } from '../support/home.js';
import { siteDomain } from '../support/platform.js';

export function categoryOf(host: string): string {
  return (
    THIRD_PARTY_CATEGORIES.find((c) => c.host.test(host))?.category ??
    (host.endsWith('.gov.cn') ? 'government' : 'other')
  );
}

export default defineIndicator({
  id: 'third_party_services',
  dimension: 'platform',
  order: 2,
  name: { zh: '第三方服务', en: 'Third-party services' },
  measures:
    "Hosts outside the portal's registrable domain that the homepage loads (script, iframe, image, stylesheet in the raw HTML, scripts injected by inline loader snippets, and the browser's requests), categorised by a data table (analytics, monitoring, accessibility, cdn, social, map; other .gov.cn = government). Plain links are not loads and are not counted.",
  standard: 'GSA Site Scanning (third-party domains, analytics).',
  presentMeans: 'The homepage loads at least one third-party host.',
  valueFields: {
    hosts: 'third-party hosts, sorted',
    categories: 'host → analytics | monitoring | accessibility | cdn | social | map | government | other',
  },
  needs: ['home', 'rendered'],
  detect(site, { views }) {
    const own = siteDomain(site);
    const found = new Map<string, Evidence>();
    let rawCount = 0;
    for (const v of views) {
      const loads: { url: string; selector?: string; kind: 'script' | 'iframe' | 'attribute' | 'request' }[] = [
        ...v.model.scripts
          .filter((s) => s.url)
          .map((s) => ({ url: s.url!, selector: s.selector, kind: 'script' as const })),
        ...v.model.resources
          .filter((r) => r.url)
          .map((r) => ({
            url: r.url!,
            selector: r.selector,
            kind: r.tag === 'iframe' ? ('iframe' as const) : ('attribute' as const),
          })),
        ...(v.page.requests ?? []).map((r) => ({ url: r.url, kind: 'request' as const })),
        ...v.model.scripts.flatMap((s) =>
          inlineLoads(s.inline ?? '', v.model.url).map((url) => ({
            url,
            selector: s.selector,
            kind: 'script' as const,
          })),
        ),
      ];
      for (const l of loads) {
        const h = hostOf(l.url);
        if (!h || (own && isUnder(h, own)) || found.has(h)) continue;
        found.set(
          h,
          l.kind === 'request'
            ? plainEvidence('request', l.url, {
                pattern: categoryOf(h),
                snippet: l.url,
                fetchedAt: v.page.fetchedAt,
                rendered: true,
              })
            : pageEvidence(v.page, l.kind, { selector: l.selector, pattern: categoryOf(h), snippet: l.url }),
        );
        if (!v.rendered && l.kind !== 'request') rawCount++;
      }
    }
    const hosts = [...found.keys()].sort();
    if (!hosts.length)
      return absent(
        { hosts: [], categories: {} },
        0.8,
        `The homepage loads nothing from outside ${own ?? 'its own domain'}.`,
        absenceEvidence(views, 'script/iframe/img/css/request hosts'),
      );
    const categories = Object.fromEntries(hosts.map((h) => [h, categoryOf(h)]));
    return present(
      { hosts, categories },
      0.9,
      `${hosts.length} third-party hosts: ${hosts
        .slice(0, 5)
        .map((h) => `${h} (${categories[h]})`)
        .join(', ')}${hosts.length > 5 ? ' …' : ''}.`,
      [...found.values()].slice(0, 10),
      rawCount === 0,
    );
  },
});
