import { defineConcept } from './concept.js';

/** Policy documents / 信息公开 section. */
export default defineConcept({
  id: 'policy',
  name: { zh: '政策文件', en: 'Policy documents' },
  text: [/政策文件/, /政府文件/, /规范性文件/, /信息公开/, /政府信息公开/, /政务公开/, /法定主动公开/, /政策法规/],
  // The 年报 column is its own concept (disclosure-annual-report.ts).
  notText: [/年报|年度报告/],
  path: [/\/(zcwj|zfwj|xxgk|zwgk|gkml|zfxxgk)(\/|$)/i],
});
