import { defineIndicator } from '../define.js';
import { absent, linkEvidence, pageEvidence, present } from '../support/evidence.js';
import { findPsb, PSB, PSB_HOSTS, PSB_LINK } from '../support/footer-records.js';
import { absenceEvidence } from '../support/home.js';

export default defineIndicator({
  id: 'public_security_record',
  dimension: 'norms',
  order: 3,
  name: { zh: '公安备案', en: 'Public security record number' },
  measures:
    'The 公网安备 / 公安备案 number (14 digits; older records 10–13) in the visible footer, or the recordcode of a link to beian.gov.cn; whether it is linked.',
  standard: '国办发〔2017〕47号《政府网站发展指引》: 公安机关备案 number shown in the footer.',
  presentMeans: 'A 公安备案 number is shown (text, or a beian.gov.cn link carrying it).',
  valueFields: {
    record: 'normalised record, e.g. 川公网安备51010402000001号',
    number: 'the record number (14 digits; older records have fewer)',
    linked: 'links to www.beian.gov.cn',
  },
  needs: ['home', 'rendered'],
  detect(_site, { views }) {
    for (const v of views) {
      const t = findPsb(v);
      const link = v.model.links.find((l) => l.host && PSB_HOSTS.test(l.host));
      const fromLink = link && PSB_LINK.exec(link.url ?? '');
      if (!t && !fromLink) continue;
      const number = t?.number ?? fromLink![1]!;
      const evidence = [];
      if (t) evidence.push(pageEvidence(v.page, 'text', { pattern: PSB.source, snippet: t.snippet }));
      if (link) evidence.push(linkEvidence(v.page, link, PSB_LINK.source));
      const value = { record: t?.record ?? (link!.label || `公网安备${number}号`), number, linked: !!link };
      return present(
        value,
        t ? 0.95 : 0.8,
        `公安备案 ${number}${t ? ' in the footer' : ' from the beian.gov.cn link only'}${link ? ', linked' : ', not linked'}${v.rendered ? ' (rendered DOM)' : ''}.`,
        evidence,
        v.rendered,
      );
    }
    return absent(
      undefined,
      0.85,
      'No 公网安备 number in the visible text and no beian.gov.cn recordcode link.',
      absenceEvidence(views, `${PSB.source}; ${PSB_LINK.source}`),
    );
  },
});
