import { CONCEPTS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { GUIDE_ELEMENTS } from '../lexicon.js';
import { pageModel } from '../page/model.js';
import { absent, pageEvidence, present } from '../support/evidence.js';
import { platformPages } from '../support/platform.js';

export default defineIndicator({
  id: 'service_guide_completeness',
  dimension: 'supply',
  order: 3,
  name: { zh: '办事指南要素完整', en: 'Service guide completeness' },
  measures:
    'On fetched 办事指南 (service item) pages, which of the 8 key elements are labelled: 事项名称, 设定依据, 申请条件, 办理材料, 办理地点, 办理时间, 联系电话, 办理流程 (with wording variants, GUIDE_ELEMENTS).',
  standard: '国办秘函〔2019〕19号 单项否决「服务不实用」: 办事指南 missing key elements fails.',
  presentMeans:
    'Every checked guide shows all 8 key elements. Missing ones are listed; completeness is the average share. No service platform entry → absent; guides not reached → unknown.',
  valueFields: {
    guidesChecked: 'service item pages checked',
    elementsFound: 'elements found in every checked guide',
    elementsMissing: 'elements missing in at least one guide',
    completeness: 'found / 8 averaged over guides',
  },
  needs: ['platforms'],
  detect(site, ctx) {
    const pages = platformPages(site, ctx, {
      roles: ['service_item'],
      pages: 'Service guide pages',
      concept: CONCEPTS.service_platform,
      absentConfidence: 0.6,
      noEntry: 'No online service platform entry on the homepage, so no service guides.',
      notReached: 'No service guide (办事指南) page was reached.',
    });
    if ('none' in pages) return pages.none;
    const { ok } = pages;
    const inAll = new Set(GUIDE_ELEMENTS.map((e) => e.name));
    let sum = 0;
    const evidence = [];
    for (const p of ok) {
      const text = pageModel(p).text;
      const found = GUIDE_ELEMENTS.filter((e) => e.text.test(text)).map((e) => e.name);
      for (const e of GUIDE_ELEMENTS) if (!found.includes(e.name)) inAll.delete(e.name);
      sum += found.length / GUIDE_ELEMENTS.length;
      if (evidence.length < 5)
        evidence.push(
          pageEvidence(p, 'text', {
            pattern: 'GUIDE_ELEMENTS',
            snippet: `found ${found.join('、') || 'none'}; missing ${
              GUIDE_ELEMENTS.filter((e) => !found.includes(e.name))
                .map((e) => e.name)
                .join('、') || 'none'
            }`,
          }),
        );
    }
    const elementsFound = GUIDE_ELEMENTS.map((e) => e.name).filter((n) => inAll.has(n));
    const elementsMissing = GUIDE_ELEMENTS.map((e) => e.name).filter((n) => !inAll.has(n));
    const completeness = Math.round((sum / ok.length) * 10000) / 10000;
    const value = { guidesChecked: ok.length, elementsFound, elementsMissing, completeness };
    const why = `${ok.length} guides checked, completeness ${(completeness * 100).toFixed(0)}%${elementsMissing.length ? `; missing: ${elementsMissing.join('、')}` : ''}`;
    return elementsMissing.length ? absent(value, 0.8, `${why}.`, evidence) : present(value, 0.85, `${why}.`, evidence);
  },
});
