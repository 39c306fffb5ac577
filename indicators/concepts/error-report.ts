import { defineConcept } from './concept.js';

/**
 * 我为政府网站找错: the national error-report service of 政府网站 (run by 国办; older pages point to
 * the 普查 platform's exposure script). Its entry is a badge image linked to the service, or the
 * script that writes that badge; the site code travels in the link (site_code= / sitecode=).
 */
export default defineConcept({
  id: 'error_report',
  name: { zh: '我为政府网站找错', en: 'Error report entry' },
  text: [/我为政府网站找错/, /政府网站找错/, /^网站找错$/],
  host: [/^zfwz(gl|zc)\.www\.gov\.cn$/, /^pucha\.kaipuyun\.cn$/],
  path: [/\/exposure\/jiucuo/i, /\/check_web\/errorinfo/i],
  image: [/jiucuo|zhaocuo|wzzc/i],
  idClass: [/^jiucuo$/i, /^_?span_jiucuo$/i],
  scripts: [
    { src: /\/exposure\/jiucuo\.js/i, vendor: 'jiucuo' },
    { src: /(^|\/\/)zfwz(gl|zc)\.www\.gov\.cn\//i, vendor: 'jiucuo' },
  ],
  maxLabel: 12,
});
