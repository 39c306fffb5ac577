import { defineIndicator } from '../define.js';
import { absent, linkEvidence, pageEvidence, present } from '../support/evidence.js';
import { findIcp, ICP, ICP_HOSTS } from '../support/footer-records.js';
import { absenceEvidence, firstHit } from '../support/home.js';

export default defineIndicator({
  id: 'icp_record',
  dimension: 'norms',
  order: 2,
  name: { zh: 'ICP备案', en: 'ICP record number' },
  measures:
    'The ICP备案 number in the visible footer (X ICP备NNNNNNNN号[-N], also when split by tags), and whether it links to beian.miit.gov.cn.',
  standard: '国办发〔2017〕47号《政府网站发展指引》: ICP备案 shown in the footer.',
  presentMeans: 'A well-formed ICP number is shown; `linked` says whether it links to the MIIT record system.',
  valueFields: { record: 'normalised record, e.g. 蜀ICP备05003301号-1', linked: 'links to beian.miit.gov.cn' },
  needs: ['home', 'rendered'],
  detect(_site, { views }) {
    const h = firstHit(views, findIcp);
    if (!h)
      return absent(
        undefined,
        0.85,
        'No ICP备/ICP证 number in the visible text of the homepage.',
        absenceEvidence(views, ICP.source),
      );
    const link = h.view.model.links.find((l) => l.host && ICP_HOSTS.test(l.host));
    const evidence = [pageEvidence(h.view.page, 'text', { pattern: ICP.source, snippet: h.hit.snippet })];
    if (link) evidence.push(linkEvidence(h.view.page, link));
    return present(
      { record: h.hit.record, linked: !!link },
      0.95,
      `ICP record ${h.hit.record}${link ? ', linked to beian.miit.gov.cn' : ', not linked'}${h.view.rendered ? ' (rendered DOM)' : ''}.`,
      evidence,
      h.view.rendered,
    );
  },
});
