import type { Evidence } from '../../src/types.js';
import { CONCEPTS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { absent, linkEvidence, plainEvidence, present, unknown } from '../support/evidence.js';
import { absenceEvidence } from '../support/home.js';
import { bestEntry } from '../support/links.js';

export default defineIndicator({
  id: 'sitemap',
  dimension: 'norms',
  order: 8,
  name: { zh: '网站地图', en: 'Sitemap' },
  measures:
    'A 网站地图 page linked from the homepage and/or a sitemap.xml (urlset/sitemapindex) answered by the sitemap probe, with the number of <loc> URLs.',
  standard: '《政府网站与政务新媒体检查指标》(2019) 功能设计; GSA Site Scanning (sitemap.xml).',
  presentMeans: 'A 网站地图 page link or a valid sitemap.xml exists.',
  valueFields: { page: 'URL of the 网站地图 page', xml: 'URL of sitemap.xml', xmlUrls: 'number of <loc> entries' },
  needs: ['home', 'rendered', 'probes'],
  // The sitemap probe is read even when the homepage is blocked; the detector decides.
  blockedHome: 'self',
  detect(site, { views, blocker }) {
    const probe = site.probes.sitemapXml;
    const evidence: Evidence[] = [];
    const value: { page?: string; xml?: string; xmlUrls?: number } = {};
    const e = views.length ? bestEntry(views, CONCEPTS.sitemap_page) : undefined;
    if (e?.match.link.url) {
      value.page = e.match.link.url;
      evidence.push(linkEvidence(e.view.page, e.match.link, e.match.pattern));
    }
    const xmlOk = probe && probe.status === 'ok' && /<(urlset|sitemapindex)[\s>]/i.test(probe.body ?? '');
    if (probe)
      evidence.push(
        plainEvidence('probe', probe.url, {
          pattern: 'sitemap.xml',
          snippet: xmlOk
            ? 'urlset/sitemapindex'
            : `${probe.status}${probe.httpStatus ? ` ${probe.httpStatus}` : ''}${probe.status === 'ok' ? ' but not a sitemap document' : ''}`,
          fetchedAt: probe.fetchedAt,
        }),
      );
    if (xmlOk) {
      value.xml = probe!.finalUrl ?? probe!.url;
      value.xmlUrls = (probe!.body!.match(/<loc>/gi) ?? []).length;
    }
    if (value.page || value.xml)
      return present(
        value,
        0.9,
        `Sitemap: ${[value.page && `page ${value.page}`, value.xml && `sitemap.xml with ${value.xmlUrls} URLs`].filter(Boolean).join('; ')}.`,
        evidence,
        !!e?.view.rendered && !value.xml,
      );
    if (blocker) return unknown(blocker, evidence);
    const probeFailed = probe && probe.status !== 'ok' && probe.status !== 'http_4xx';
    if (probeFailed)
      return unknown(`No 网站地图 link on the homepage and the sitemap.xml probe failed (${probe!.status}).`, [
        ...evidence,
        ...absenceEvidence(views, 'concept sitemap_page'),
      ]);
    return absent(
      undefined,
      probe ? 0.85 : 0.7,
      `No 网站地图 link on the homepage${probe ? ' and no sitemap.xml' : '; sitemap.xml not probed'}.`,
      [...evidence, ...absenceEvidence(views, 'concept sitemap_page')],
    );
  },
});
