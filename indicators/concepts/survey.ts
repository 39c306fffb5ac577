import { defineConcept } from './concept.js';

/** Consultation and survey columns (征集调查). */
export default defineConcept({
  id: 'survey',
  name: { zh: '征集调查', en: 'Consultation and surveys' },
  text: [/征集调查/, /意见征集/, /网上调查/, /民意调查/, /征求意见/, /调查征集/, /问卷调查/],
  path: [/\/(yjzj|zjdc|wsdc|myzj)(\/|$)/i],
});
