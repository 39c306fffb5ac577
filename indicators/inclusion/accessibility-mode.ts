import { CONCEPTS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { detectMode, modeValueFields } from '../support/mode.js';

export default defineIndicator({
  id: 'accessibility_mode',
  dimension: 'inclusion',
  order: 1,
  name: { zh: '无障碍浏览', en: 'Accessibility toolbar' },
  measures:
    'An entry to an accessibility toolbar (无障碍 / 无障碍浏览 link, button or image, aria.start() toggles) or a vendor toolbar script (cniil assist.js, govwza aria.js, self-hosted wza scripts), in the raw or rendered homepage or the browser requests; the browser check outcome when it ran. A certification badge (wza.isc.org.cn) and news about 无障碍环境建设 do not count.',
  standard: '工信部《互联网网站适老化通用设计规范》(2021); GB/T 37668-2019; UN LOSI (font size/colour change).',
  presentMeans:
    'An accessibility entry or vendor toolbar script exists. An entry the browser check found not working is still present; value.verified then says not_working.',
  valueFields: modeValueFields('cniil | aria | self'),
  needs: ['home', 'rendered', 'interactions'],
  detect(site, { views }) {
    return detectMode(site, views, {
      capability: 'accessibility_mode',
      concept: CONCEPTS.accessibility,
      scriptOnlyConfidence: 0.75,
      what: 'accessibility toolbar',
    });
  },
});
