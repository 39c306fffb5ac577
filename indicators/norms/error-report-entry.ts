import type { Evidence } from '../../src/types.js';
import { SITE_ID_JIUCUO } from '../concepts/footer-records.js';
import { CONCEPTS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { absent, linkEvidence, pageEvidence, present } from '../support/evidence.js';
import { absenceEvidence, type View } from '../support/home.js';
import { entryConfidence, linkVia, matchConcept } from '../support/links.js';
import siteIdCode from './site-id-code.js';

const ER = CONCEPTS.error_report;
const isService = (url: string) => ER.scripts.some((f) => f.src.test(url));

type Hit = { via: 'link' | 'button' | 'script'; url?: string; code?: string; conf: number; ev: Evidence; view: View };

function inView(v: View): Hit | undefined {
  const m = matchConcept(v.model, ER)[0];
  if (m) {
    const l = m.link;
    return {
      via: linkVia(l),
      url: l.url,
      code: SITE_ID_JIUCUO.exec(l.href ?? '')?.[1],
      conf: entryConfidence(m),
      view: v,
      ev: linkEvidence(v.page, l, m.pattern),
    };
  }
  // The service's own script writes the badge (and carries the code as sitecode="…").
  const s = v.model.scripts.find((x) => !!x.url && isService(x.url));
  if (!s) return undefined;
  const attr = (s.attrs.sitecode ?? s.attrs.site_code ?? '').trim();
  const code = /^[A-Za-z0-9]{10}$/.test(attr) ? attr : SITE_ID_JIUCUO.exec(s.src ?? '')?.[1];
  return {
    via: 'script',
    url: s.url,
    code,
    conf: 0.85,
    view: v,
    ev: pageEvidence(v.page, 'script', {
      selector: s.selector,
      pattern: 'concept error_report scripts',
      snippet: `${s.src}${code ? ` sitecode=${code}` : ''}`,
    }),
  };
}

export default defineIndicator({
  id: 'error_report_entry',
  dimension: 'norms',
  order: 10,
  name: { zh: '我为政府网站找错', en: 'Error report entry (找错)' },
  measures:
    'The national 我为政府网站找错 entry on the homepage: a link or badge to the national error-report service (zfwzgl / zfwzzc.www.gov.cn, the older pucha exposure page), or the service script that writes it. The site code in it is cross-checked with the code site_id_code reads (footer or meta).',
  standard: '国办秘函〔2019〕19号 政府网站检查指标 功能设计: 首页设置「我为政府网站找错」入口.',
  presentMeans:
    'The 找错 entry (link, badge or script) is on the homepage; a site code differing from site_id_code is still present, with codeMatch false.',
  valueFields: {
    via: 'link | button | script',
    url: 'the entry or script URL',
    code: 'site code the entry carries (site_code= / sitecode=)',
    siteIdCode: 'the code site_id_code reads from the footer or meta, when there is one',
    codeMatch: 'code equals siteIdCode (only when both are known)',
  },
  needs: ['home', 'rendered'],
  detect(site, ctx) {
    const { views } = ctx;
    let hit: Hit | undefined;
    for (const v of views) {
      hit = inView(v);
      if (hit) break;
    }
    if (!hit)
      return absent(
        undefined,
        0.8,
        'No 我为政府网站找错 link, badge or service script on the homepage.',
        absenceEvidence(views, 'concept error_report (labels, hosts, paths, images, scripts)'),
      );
    // The code site_id_code reports, unless it only came from this very entry.
    const sid = siteIdCode.detect(site, ctx).value as { code?: string; source?: string } | undefined;
    const shown = sid?.code && sid.source !== 'jiucuo_link' ? sid.code : undefined;
    const codeMatch = hit.code && shown ? hit.code.toLowerCase() === shown.toLowerCase() : undefined;
    const value = {
      via: hit.via,
      ...(hit.url ? { url: hit.url } : {}),
      ...(hit.code ? { code: hit.code } : {}),
      ...(shown ? { siteIdCode: shown } : {}),
      ...(codeMatch !== undefined ? { codeMatch } : {}),
    };
    const check =
      codeMatch === undefined
        ? ''
        : codeMatch
          ? `; its site code ${hit.code} matches the 网站标识码`
          : `; its site code ${hit.code} differs from the 网站标识码 ${shown}`;
    return present(
      value,
      hit.conf,
      `找错 ${hit.via} found${hit.view.rendered ? ' in the rendered page' : ''}${check}.`,
      [hit.ev],
      hit.view.rendered,
    );
  },
});
