import { defineIndicator } from '../define.js';
import { ACCESSIBILITY_ID_CLASS, ACCESSIBILITY_ONCLICK } from '../fingerprints.js';
import { ENTRY_SIGNALS } from '../lexicon.js';
import { detectMode } from '../support/mode.js';

export default defineIndicator({
  id: 'accessibility_mode',
  dimension: 'inclusion',
  name: { zh: '无障碍浏览', en: 'Accessibility toolbar' },
  measures:
    'An entry to an accessibility toolbar (无障碍 / 无障碍浏览 link or button, aria.start() toggles) or a vendor script that draws its own toolbar entry (cniil assist.js, self-hosted wza scripts), in the raw or rendered homepage or the browser requests; govwza aria.js alone does not count (it is opened by a page entry calling aria.start()); the browser check outcome when it ran.',
  standard: '工信部《互联网网站适老化通用设计规范》(2021); GB/T 37668-2019; UN LOSI (font size/colour change).',
  presentMeans:
    'An accessibility entry or vendor toolbar script exists. An entry the browser check found not working is still present; value.verified then says not_working.',
  valueType: 'object',
  valueFields: { via: 'link | button | script', vendor: 'cniil | aria | self', text: 'entry label', verified: 'browser check: verified | not_working | not_found' },
  scope: 'page',
  needs: ['home', 'rendered', 'interactions'],
  detect(site) {
    return detectMode(site, { id: 'accessibility_mode', signals: ENTRY_SIGNALS.accessibility, onclick: ACCESSIBILITY_ONCLICK, scriptOnlyConfidence: 0.8, what: 'accessibility toolbar', scriptVendors: ['cniil', 'self'], idClass: ACCESSIBILITY_ID_CLASS });
  },
});
