import type { Evidence } from '../../src/types.js';
import {
  SITE_ID_TEXT as FOOTER,
  SITE_ID_JIUCUO as JIUCUO,
  SITE_ID_BARE as META_CODE,
} from '../concepts/footer-records.js';
import { defineIndicator } from '../define.js';
import { absent, around, pageEvidence, present } from '../support/evidence.js';
import { absenceEvidence, type View } from '../support/home.js';

type Found = { code: string; source: 'footer' | 'meta' | 'jiucuo_link'; ev: Evidence; conf: number };

function inView(v: View): Found[] {
  const out: Found[] = [];
  const m = FOOTER.exec(v.model.text);
  if (m)
    out.push({
      code: m[1]!,
      source: 'footer',
      conf: 0.95,
      ev: pageEvidence(v.page, 'text', { pattern: FOOTER.source, snippet: around(v.model.text, m.index, m[0].length) }),
    });
  const meta = (v.model.meta.siteidcode ?? '').trim();
  if (META_CODE.test(meta))
    out.push({
      code: meta,
      source: 'meta',
      conf: 0.9,
      ev: pageEvidence(v.page, 'meta', { selector: 'meta[name=SiteIDCode]', snippet: meta }),
    });
  for (const l of v.model.links) {
    const j = JIUCUO.exec(l.href ?? '');
    if (j) {
      out.push({
        code: j[1]!,
        source: 'jiucuo_link',
        conf: 0.85,
        ev: pageEvidence(v.page, 'link', { selector: l.selector, pattern: JIUCUO.source, snippet: l.href }),
      });
      break;
    }
  }
  // The 找错 widget script carries the code as an attribute (sitecode="…") or in its src.
  for (const s of v.model.scripts) {
    const attr = s.attrs.sitecode ?? s.attrs.site_code ?? '';
    const j = META_CODE.test(attr.trim()) ? [attr, attr.trim()] : JIUCUO.exec(s.src ?? '');
    if (j && /jiucuo|exposure/i.test(s.src ?? '')) {
      out.push({
        code: j[1]!,
        source: 'jiucuo_link',
        conf: 0.85,
        ev: pageEvidence(v.page, 'script', {
          selector: s.selector,
          pattern: 'script[sitecode] jiucuo',
          snippet: `${s.src} sitecode=${j[1]}`,
        }),
      });
      break;
    }
  }
  return out;
}

export default defineIndicator({
  id: 'site_id_code',
  dimension: 'norms',
  order: 1,
  name: { zh: '网站标识码', en: 'Government website ID code' },
  measures:
    'The 10-character 政府网站标识码 shown to visitors (政府网站标识码：… in the footer). The SiteIDCode meta and the site_code of the 我为政府网站找错 (jiucuo) link or script are read too, but a code found only there is not shown, so the norm is not met.',
  standard: '国办发〔2017〕47号《政府网站发展指引》: the footer shows the 网站标识码.',
  presentMeans:
    'A well-formed 网站标识码 is shown in the page text. A code only in the meta tag or the jiucuo link/script is absent, with the code and its source in the value.',
  valueFields: {
    code: 'the 10-character code',
    source: 'footer | meta | jiucuo_link',
    conflicts: 'other codes found elsewhere, if they differ',
  },
  needs: ['home', 'rendered'],
  detect(_site, { views }) {
    const order = { footer: 0, meta: 1, jiucuo_link: 2 };
    let best: { f: Found; v: View } | undefined;
    const all: Found[] = [];
    for (const v of views)
      for (const f of inView(v)) {
        all.push(f);
        if (!best || order[f.source] < order[best.f.source]) best = { f, v };
      }
    if (!best)
      return absent(
        undefined,
        0.85,
        'No 网站标识码 in the visible text, no SiteIDCode meta and no jiucuo site_code.',
        absenceEvidence(views, `${FOOTER.source}; meta SiteIDCode; ${JIUCUO.source}`),
      );
    const conflicts = [...new Set(all.map((f) => f.code).filter((c) => c !== best!.f.code))];
    const value = { code: best.f.code, source: best.f.source, ...(conflicts.length ? { conflicts } : {}) };
    const evidence = [
      best.f.ev,
      ...all
        .filter((f) => f !== best!.f)
        .slice(0, 2)
        .map((f) => f.ev),
    ];
    const differs = conflicts.length ? `; differs from ${conflicts.join(', ')}` : '';
    // The norm is a code visitors can read; one only in markup (meta, a script attribute) is not shown.
    if (best.f.source !== 'footer')
      return absent(
        value,
        0.8,
        `网站标识码 ${best.f.code} is not shown on the page: it is only in the ${best.f.source.replace('_', ' ')}${differs}.`,
        evidence,
      );
    return present(
      value,
      best.f.conf,
      `网站标识码 ${best.f.code} shown in the page text${best.v.rendered ? ' of the rendered DOM' : ''}${differs}.`,
      evidence,
      best.v.rendered && !all.some((f) => !f.ev.rendered),
    );
  },
});
