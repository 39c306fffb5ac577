import type { Evidence } from '../../src/types.js';
import { CONCEPTS, MOBILE_CHANNELS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { absent, linkEvidence, pageEvidence, present } from '../support/evidence.js';
import { absenceEvidence } from '../support/home.js';
import { matchConcept } from '../support/links.js';

/** Text that names an app/mini-program/new-media entry: short labels, QR captions, alt texts. */
function labelHit(labels: string[], res: RegExp[]): string | undefined {
  return labels.find((l) => l.length <= 20 && res.some((re) => re.test(l)));
}

export default defineIndicator({
  id: 'mobile_ready',
  dimension: 'intelligence',
  order: 3,
  name: { zh: '移动适配', en: 'Mobile readiness' },
  measures:
    'A responsive viewport meta, a link to a mobile version (手机版, 移动版, WAP, m./wap. host), an app (客户端 / APP) or mini-program (小程序) entry, and 政务微博/微信 entries, from link labels, image alt texts and short captions on the homepage.',
  standard: 'UESTC 服务智慧能力 — 应用适配; GSA Site Scanning (viewport).',
  presentMeans:
    'The web portal works on phones: a device-width viewport or a mobile version. App, mini-program and new-media entries are reported in the value but are other channels and do not make it present.',
  valueFields: {
    viewport: 'meta viewport with width=device-width',
    mobileSite: 'URL of the mobile version',
    app: 'app entry',
    miniProgram: 'mini-program entry',
    newMedia: '政务微博/微信公众号 entries',
  },
  needs: ['home', 'rendered'],
  detect(_site, { views }) {
    const evidence: Evidence[] = [];
    let viewport = false;
    let mobileSite: string | undefined;
    let app = false;
    let miniProgram = false;
    let newMedia = false;
    let onlyRendered = false;
    for (const v of views) {
      const before = viewport || !!mobileSite;
      const vp = v.model.meta.viewport ?? '';
      if (!viewport && !v.frame && /width\s*=\s*device-width/i.test(vp)) {
        viewport = true;
        evidence.push(pageEvidence(v.page, 'meta', { selector: 'meta[name=viewport]', snippet: vp }));
      }
      const m = matchConcept(v.model, CONCEPTS.mobile).find((x) => x.link.url);
      if (!mobileSite && m) {
        mobileSite = m.link.url;
        evidence.push(linkEvidence(v.page, m.link, m.pattern));
      }
      const labels = [
        ...v.model.links.map((l) => l.label),
        ...v.model.resources
          .filter((r) => r.tag === 'img' && !r.hidden)
          .map((r) => `${r.alt ?? ''} ${r.title ?? ''}`.trim()),
        ...v.model.captions,
      ];
      for (const [key, res] of [
        ['app', MOBILE_CHANNELS.app],
        ['miniProgram', MOBILE_CHANNELS.miniProgram],
        ['newMedia', MOBILE_CHANNELS.newMedia],
      ] as const) {
        const l = labelHit(labels, res);
        if (!l) continue;
        if (key === 'app' && !app) {
          app = true;
          evidence.push(pageEvidence(v.page, 'text', { pattern: 'MOBILE_CHANNELS.app', snippet: l }));
        }
        if (key === 'miniProgram' && !miniProgram) {
          miniProgram = true;
          evidence.push(pageEvidence(v.page, 'text', { pattern: 'MOBILE_CHANNELS.miniProgram', snippet: l }));
        }
        if (key === 'newMedia' && !newMedia) {
          newMedia = true;
          evidence.push(pageEvidence(v.page, 'text', { pattern: 'MOBILE_CHANNELS.newMedia', snippet: l }));
        }
      }
      if (!before && (viewport || mobileSite)) onlyRendered = v.rendered;
    }
    const value = { viewport, ...(mobileSite ? { mobileSite } : {}), app, miniProgram, newMedia };
    const what = [
      viewport && 'viewport',
      mobileSite && 'mobile site',
      app && 'app',
      miniProgram && 'mini-program',
      newMedia && 'new media',
    ]
      .filter(Boolean)
      .join(', ');
    if (viewport || mobileSite) return present(value, 0.9, `Mobile readiness: ${what}.`, evidence, onlyRendered);
    return absent(value, 0.75, `No device-width viewport and no mobile version${what ? ` (only ${what})` : ''}.`, [
      ...evidence,
      ...absenceEvidence(views, 'meta viewport; concept mobile; MOBILE_CHANNELS'),
    ]);
  },
});
