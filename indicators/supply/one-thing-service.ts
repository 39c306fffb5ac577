import type { Evidence, PageSnapshot } from '../../src/types.js';
import { CONCEPTS } from '../concepts/index.js';
import { ONE_THING_COUNT } from '../concepts/one-thing.js';
import { defineIndicator } from '../define.js';
import { pageModel } from '../page/model.js';
import { findEntry } from '../support/entry.js';
import { pageEvidence, present } from '../support/evidence.js';
import { statedNumber } from '../support/stated.js';

export default defineIndicator({
  id: 'one_thing_service',
  dimension: 'supply',
  order: 6,
  name: { zh: '高效办成一件事', en: 'One-thing service (高效办成一件事)' },
  measures:
    'An entry to 高效办成一件事 / 一件事一次办 (a short label, an image with that alt, or a /yjs/ link) on the homepage; the number of 一件事 items where the homepage or a crawled service-platform page states it (已上线26个一件事). Dated headlines on the reform are not entries.',
  standard:
    '国办 《关于印发〈高效办成一件事〉重点事项清单的通知》 (2024–2025 lists); 2025–2026 evaluations check the portal offers it.',
  presentMeans: 'An entry exists; count is filled only where a page states it.',
  valueFields: { url: 'entry URL', text: 'label', count: 'number of 一件事 items the page states' },
  needs: ['home', 'rendered', 'pages'],
  detect(site, ctx) {
    const { found, result } = findEntry(ctx.views, CONCEPTS.one_thing, '高效办成一件事');
    if (result) return result;
    const f = found!;
    const evidence: Evidence[] = [f.evidence];
    // The number of 一件事 items a page states, with where.
    const statedOn = (page: PageSnapshot, text: string) => {
      const s = statedNumber(ONE_THING_COUNT, text);
      return s && { count: s.n, ev: pageEvidence(page, 'text', { pattern: 'ONE_THING_COUNT', snippet: s.snippet }) };
    };
    let stated: { count: number; ev: Evidence } | undefined;
    for (const v of ctx.views) {
      stated = statedOn(v.page, v.model.text);
      if (stated) break;
    }
    // The entry's own page or the service platform's pages, when crawled.
    if (!stated)
      for (const p of site.pages) {
        const target = (p.finalUrl || p.url) === f.value.url || p.url === f.value.url;
        if (!(target || p.role === 'service_platform') || p.status !== 'ok' || typeof p.body !== 'string') continue;
        stated = statedOn(p, pageModel(p).text);
        if (stated) break;
      }
    if (stated) evidence.push(stated.ev);
    const value = { ...f.value, ...(stated ? { count: stated.count } : {}) };
    const why = stated ? `; ${stated.count} items stated` : '; no page states how many items';
    return present(value, f.confidence, `${f.reason}${why}.`, evidence, f.view.rendered);
  },
});
