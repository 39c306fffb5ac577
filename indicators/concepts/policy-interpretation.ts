import { defineConcept } from './concept.js';

/**
 * 政策解读: the column where a government explains its policies (the 2019 checklist's 发布解读
 * group). Its entry is a short navigation or block-heading label; a headline that ends in
 * 政策解读 (《…》政策解读) is an article of the column, not the column.
 */
export default defineConcept({
  id: 'policy_interpretation',
  name: { zh: '政策解读', en: 'Policy interpretation' },
  text: [/^(政策|文件|政务)?解读$/, /^政策解读(回应)?$/, /^解读回应$/, /^图解政策$/, /^政策图解$/],
  path: [/\/(zcjd|wjjd|zcjd\d+|jiedu)(\/|\.|$)/i],
  maxLabel: 8,
});
