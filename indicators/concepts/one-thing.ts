import { defineConcept } from './concept.js';

/** 高效办成一件事 / 一件事一次办: the national service reform's entry (a zone of bundled services). */
export default defineConcept({
  id: 'one_thing',
  name: { zh: '高效办成一件事', en: 'One-thing service' },
  text: [/高效办成一件事/, /一件事(一次|集成|主题|联办)?(办|服务|专区|专栏)?$/, /^一件事/],
  path: [/\/(yjs|yjsyc|yjsycb|yjsfw|yijianshi)(\/|\.|_|$)/i],
  image: [/yjs|yijianshi/i],
  maxLabel: 14,
});

/** How a page states the number of 一件事 items: 已上线26个一件事, 共推出18项"一件事", 一件事清单（32项）. */
export const ONE_THING_COUNT = [
  /(?:已上线|上线|共|推出|发布|涵盖)\s*(\d{1,3})\s*(?:个|项|件)\s*(?:高效办成)?[“"]?一件事/,
  /一件事[”"]?(?:清单|事项)?\s*[（(]?\s*(?:共|已上线)?\s*(\d{1,3})\s*(?:个|项)/,
];
