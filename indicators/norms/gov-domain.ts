import { defineIndicator } from '../define.js';
import { hostOf } from '../page/urls.js';
import { absent, pageEvidence, plainEvidence, present, unknown } from '../support/evidence.js';

export default defineIndicator({
  id: 'gov_domain',
  dimension: 'norms',
  order: 5,
  name: { zh: '政府网站域名', en: 'Government domain' },
  measures:
    'Whether the portal (final URL after redirects; the registry URL when the homepage failed) is under .gov.cn and follows the www.<x>.gov.cn portal pattern.',
  standard: '国办发〔2017〕47号《政府网站发展指引》: domains end in .gov.cn; portals are www.<x>.gov.cn.',
  presentMeans: 'The portal host ends in .gov.cn (portalPattern reported separately).',
  valueFields: { host: 'portal host', govCn: 'ends in .gov.cn', portalPattern: 'has the form www.<x>.gov.cn' },
  needs: ['home'],
  // The host alone decides it: a blocked homepage does not hide the domain.
  blockedHome: 'self',
  detect(site, { views }) {
    const page = views[0]?.page;
    const url = page ? page.finalUrl || page.url : site.locality.portalUrl;
    const host = hostOf(url) ?? '';
    if (!host) return unknown(`No host to judge: the page URL is ${url} (pass the page's real URL).`);
    const govCn = host.endsWith('.gov.cn');
    const value = { host, govCn, portalPattern: /^www\.[a-z0-9-]+\.gov\.cn$/.test(host) };
    const ev = page
      ? pageEvidence(page, 'header', { pattern: 'final URL host', snippet: url })
      : plainEvidence('probe', url, { pattern: 'registry URL (homepage not fetched)', snippet: url });
    const conf = page ? 0.99 : 0.7;
    const src = page ? 'final URL' : 'registry URL (homepage not fetched)';
    return govCn
      ? present(
          value,
          conf,
          `${src} host ${host} is under .gov.cn${value.portalPattern ? ' and follows www.<x>.gov.cn' : ''}.`,
          [ev],
        )
      : absent(value, conf, `${src} host ${host} is not under .gov.cn.`, [ev]);
  },
});
