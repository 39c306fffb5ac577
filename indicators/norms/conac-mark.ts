import type { Evidence } from '../../src/types.js';
import { defineIndicator } from '../define.js';
import { absent, linkEvidence, pageEvidence, plainEvidence, present } from '../support/evidence.js';
import { absenceEvidence } from '../support/home.js';

const CONAC_SCRIPT = /dcs\.conac\.cn\/js\//i;
const CONAC_LINK = /(^|\.)conac\.cn$/i;
const ID = /[?&]id=([A-Za-z0-9]+)|\/(CA\d{10,})\.js/i;

export default defineIndicator({
  id: 'conac_mark',
  dimension: 'norms',
  order: 4,
  name: { zh: '党政机关网站标识', en: 'CONAC government site mark' },
  measures:
    'The 党政机关 mark: the dcs.conac.cn script (also written by document.write(unescape(…))), a link to bszs.conac.cn, or the conac image; from raw HTML, the rendered DOM or browser requests.',
  standard: '国办发〔2017〕47号《政府网站发展指引》: 党政机关网站标识 (CONAC) registration.',
  presentMeans: 'The CONAC mark (script, link or image) is on the homepage.',
  valueFields: { via: 'script | image | link', id: 'CONAC site id when readable' },
  needs: ['home', 'rendered'],
  detect(_site, { views }) {
    for (const v of views) {
      let hit: { via: 'script' | 'image' | 'link'; src: string; ev: Evidence } | undefined;
      // Script first (the live mark), then the image (a hard-coded mark, usually wrapped in the link), then a bare link.
      const sc = v.model.scripts.find((s) => CONAC_SCRIPT.test(s.url ?? s.inline ?? ''));
      if (sc)
        hit = {
          via: 'script',
          src: sc.url ?? /(?:https?:)?\/\/dcs\.conac\.cn\/js\/[^'"\s]+/.exec(sc.inline ?? '')?.[0] ?? 'inline',
          ev: pageEvidence(v.page, 'script', {
            selector: sc.selector,
            pattern: CONAC_SCRIPT.source,
            snippet: sc.url ?? sc.inline,
          }),
        };
      const rq = (v.page.requests ?? []).find((r) => CONAC_SCRIPT.test(r.url));
      if (!hit && rq)
        hit = {
          via: 'script',
          src: rq.url,
          ev: plainEvidence('request', rq.url, {
            pattern: CONAC_SCRIPT.source,
            fetchedAt: v.page.fetchedAt,
            rendered: true,
          }),
        };
      const img = v.model.resources.find((r) => r.tag === 'img' && !r.hidden && r.host && CONAC_LINK.test(r.host));
      const link = v.model.links.find((l) => l.host && CONAC_LINK.test(l.host));
      if (!hit && img)
        hit = {
          via: 'image',
          src: link?.url ?? img.url!,
          ev: pageEvidence(v.page, 'attribute', {
            selector: img.selector,
            snippet: `${img.url}${link ? ` in link ${link.url}` : ''}`,
          }),
        };
      if (!hit && link)
        hit = {
          via: 'link',
          src: link.url!,
          ev: linkEvidence(v.page, link),
        };
      if (!hit) continue;
      const m = ID.exec(hit.src);
      const value = { via: hit.via, ...(m ? { id: m[1] ?? m[2] } : {}) };
      return present(
        value,
        hit.via === 'image' ? 0.8 : 0.95,
        `CONAC mark found as ${hit.via} ${hit.src.slice(0, 100)}${v.rendered ? ' (rendered)' : ''}.`,
        [hit.ev],
        v.rendered,
      );
    }
    return absent(
      undefined,
      0.8,
      'No dcs.conac.cn script, conac.cn link or image on the homepage.',
      absenceEvidence(views, 'conac.cn script/link/img'),
    );
  },
});
