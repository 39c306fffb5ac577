import { defineConcept } from './concept.js';

/** The 网站地图 page. 网站导航 (a list of other sites) is not a sitemap. */
export default defineConcept({
  id: 'sitemap_page',
  name: { zh: '网站地图', en: 'Sitemap page' },
  text: [/网站地图/, /站点地图/, /^sitemap$/i, /^site\s*map$/i],
  notText: [/网站导航/, /导航/],
  path: [/\/(wzdt|sitemap|zddt)(\/|\.|$)/i],
  // 网站导航 (wzdh) lists other sites, whatever its link is labelled.
  notPath: [/\/wzdh(\/|\.|$)/i],
  maxLabel: 10,
});
