import { CONCEPTS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { detectMode, modeValueFields } from '../support/mode.js';

export default defineIndicator({
  id: 'elderly_mode',
  dimension: 'inclusion',
  order: 2,
  name: { zh: '适老化模式', en: 'Elderly-friendly mode' },
  measures:
    'An entry to an elderly/关怀 mode (关怀版, 长者模式, 老年人模式, 适老版, 大字版 … a link to an /age/ or /elder/ version, an older.png image link, or toggles such as aria.oldFixedStart() / doElder()), in the raw or rendered homepage; the browser check outcome when it ran. A toolbar script without an entry (aria.js, assist.js) does not count: the user has no way in. Nor do a 长者专区 content zone or a 适老化 certification badge.',
  standard: '工信部《互联网网站适老化通用设计规范》(2021): a prominent entry to the elderly mode.',
  presentMeans:
    'An elderly-mode entry exists. An entry the browser check found not working is still present; value.verified then says not_working.',
  valueFields: modeValueFields('aria | cniil | self'),
  needs: ['home', 'rendered', 'interactions'],
  detect(site, { views }) {
    return detectMode(site, views, {
      capability: 'elderly_mode',
      concept: CONCEPTS.elderly,
      scriptOnlyConfidence: 0.55,
      what: 'elderly (关怀) mode',
    });
  },
});
