import type { Evidence } from '../../src/types.js';
import { defineIndicator } from '../define.js';
import {
  CMS_FINGERPRINTS,
  CMS_MIN_WEIGHT,
  type FingerprintSource,
  INTENSIVE_HOST,
  SOURCE_WEIGHT,
} from '../fingerprints.js';
import { hostOf, isUnder } from '../page/urls.js';
import { absent, pageEvidence, present } from '../support/evidence.js';
import { absenceEvidence, type View } from '../support/home.js';
import { provinceDomains, siteDomain } from '../support/platform.js';

/** The strings of a page per fingerprint source. */
function haystacks(v: View): Record<FingerprintSource, string[]> {
  const m = v.model;
  return {
    generator: [m.meta.generator ?? ''].filter(Boolean),
    resource: [
      ...m.scripts.map((s) => s.src ?? ''),
      ...m.resources.map((r) => r.src),
      ...(v.page.requests ?? []).map((r) => r.url),
    ].filter(Boolean),
    link: m.links.map((l) => l.href ?? '').filter(Boolean),
    class: [...m.classTokens],
    comment: m.comments,
    inline: m.scripts.map((s) => s.inline ?? '').filter(Boolean),
  };
}

export default defineIndicator({
  id: 'cms_platform',
  dimension: 'platform',
  order: 1,
  name: { zh: '网站建设平台', en: 'CMS / platform vendor' },
  measures:
    "Which CMS builds the portal, from fingerprints (data table in fingerprints.ts): generator meta, script/CSS/image paths, class names, comments, inline scripts typical of TRS, 开普云, 大汉 Hanweb (JCMS), 龙讯, 国泰新点 …; and whether resources load from the province's shared (集约化) platform host.",
  standard: '国办发〔2017〕47号《政府网站发展指引》 集约化 (intensive) construction; GSA Site Scanning (CMS).',
  presentMeans:
    'A known vendor was identified (weight ≥ CMS_MIN_WEIGHT). Absent = no known fingerprint (self-built or unlisted vendor).',
  valueFields: {
    vendor:
      'trs | kaipuyun | hanweb | lonsun | epoint | dedecms | phpcms | wordpress | self_built (= no known vendor fingerprint: self-built or an unlisted vendor)',
    intensive: "resources load from the province's shared platform host",
    intensiveHost: 'that host',
    signals: 'fingerprints that matched',
  },
  needs: ['home', 'rendered'],
  detect(site, { views }) {
    const scores = new Map<string, { w: number; hits: string[]; ev: Evidence[] }>();
    for (const v of views) {
      const hay = haystacks(v);
      for (const fp of CMS_FINGERPRINTS) {
        for (const [src, res] of Object.entries(fp.signals) as [FingerprintSource, RegExp[]][]) {
          for (const re of res) {
            const s = hay[src].find((x) => re.test(x));
            if (!s) continue;
            const key = `${src}:${re.source}`;
            const cur = scores.get(fp.vendor) ?? { w: 0, hits: [], ev: [] };
            if (cur.hits.includes(key)) continue;
            cur.w += SOURCE_WEIGHT[src];
            cur.hits.push(key);
            if (cur.ev.length < 3)
              cur.ev.push(
                pageEvidence(
                  v.page,
                  src === 'comment'
                    ? 'text'
                    : src === 'generator'
                      ? 'meta'
                      : src === 'link'
                        ? 'link'
                        : src === 'class'
                          ? 'attribute'
                          : 'script',
                  { pattern: `${src}: ${re.source}`, snippet: s },
                ),
              );
            scores.set(fp.vendor, cur);
          }
        }
      }
    }
    // 集约化: page resources (not mere links) served from the province's platform domain or a jyh.* platform host.
    const own = siteDomain(site);
    const prov = provinceDomains(site);
    let intensiveHost: string | undefined;
    for (const v of views) {
      const urls = [...v.model.scripts.map((s) => s.url), ...v.model.resources.map((r) => r.url)].filter(
        (u): u is string => !!u,
      );
      for (const u of urls) {
        const h = hostOf(u);
        if (h && (INTENSIVE_HOST.test(h) || (prov.some((d) => isUnder(h, d)) && !(own && isUnder(h, own))))) {
          intensiveHost = h;
          break;
        }
      }
      if (intensiveHost) break;
    }
    const ranked = [...scores.entries()].sort((a, b) => b[1].w - a[1].w);
    const top = ranked[0];
    const intensive = !!intensiveHost;
    if (!top || top[1].w < CMS_MIN_WEIGHT) {
      return absent(
        { vendor: 'self_built', intensive, ...(intensiveHost ? { intensiveHost } : {}) },
        0.5,
        `No known CMS fingerprint${top ? ` (only a weak ${top[0]} hint)` : ''}${intensive ? `; resources from the provincial platform ${intensiveHost}` : ''}.`,
        absenceEvidence(views, 'CMS_FINGERPRINTS'),
      );
    }
    const [vendor, s] = top;
    const conf = Math.min(0.95, 0.5 + s.w * 0.1);
    const value = { vendor, intensive, ...(intensiveHost ? { intensiveHost } : {}), signals: s.hits };
    return present(
      value,
      conf,
      `CMS ${vendor} (weight ${s.w}: ${s.hits.slice(0, 3).join('; ')})${intensive ? `; intensive platform ${intensiveHost}` : ''}.`,
      s.ev,
      s.ev.every((e) => e.rendered),
    );
  },
});
