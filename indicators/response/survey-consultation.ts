import { CONCEPTS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { simpleEntry } from '../support/entry.js';

export default defineIndicator({
  id: 'survey_consultation',
  dimension: 'response',
  order: 3,
  name: { zh: '征集调查', en: 'Public consultation / surveys' },
  measures: 'An entry to 征集调查 / 意见征集 / 网上调查 / 征求意见 on the homepage (label or path such as /yjzj/).',
  standard: '《政府网站与政务新媒体检查指标》(2019) 互动交流: 征集调查; UN LOSI participation.',
  presentMeans: 'The homepage links to a consultation or survey section.',
  valueFields: { url: 'entry URL', host: 'host', text: 'label' },
  needs: ['home', 'rendered'],
  detect(_site, { views }) {
    return simpleEntry(views, CONCEPTS.survey, '征集调查 / 意见征集');
  },
});
