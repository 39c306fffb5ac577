import { defineConcept } from './concept.js';

/** Entry to an online government-service platform (政务服务网 / 一网通办). */
export default defineConcept({
  id: 'service_platform',
  name: { zh: '政务服务入口', en: 'Online service platform' },
  text: [
    /政务服务/,
    /网上办事/,
    /一网通办/,
    /办事服务/,
    /在线办事/,
    /网上办/,
    /个人办事/,
    /法人办事/,
    /企业办事/,
    /全程网办/,
    /政务服务网/,
    /掌上办/,
    /在线办理/,
    /网上办理/,
    /我要办/,
    /办事大厅/,
    /网上服务大厅/,
    /单位办事/,
    /^办事$/,
  ],
  // 办事指南 alone is a guide column, not the platform; a service centre's address or duties is information.
  notText: [
    /^办事指南$/,
    /政务服务中心(地址|电话)/,
    /政务服务管理局(概况|职责)/,
    /政务服务(中心|管理局|管理办公室|局)$/,
    // An agency's name (肇庆市政务服务和数据管理局, the site's own logo) is not its platform.
    /(局|委员会|办公室)$/,
    /12345|热线/,
    /投诉|建议|评价|差评/,
  ],
  host: [
    /(^|\.)zwfw\./,
    /zwfw\.gov\.cn$/,
    /^gjzwfw\.www\.gov\.cn$/,
    /(^|\.)(bs|bsdt|wsbs|ywtb|zwdt|zxbl|banshi)\./,
    // Provincial platforms: sczwfw.gov.cn, jxzwfww.gov.cn, hunanzwfw.gov.cn …
    /(^|\.)[a-z]{0,10}zwfww?\.gov\.cn$/,
  ],
  path: [/\/(zwfw|bsfw|wsbs|bsdt|ywtb|zxbl)(\/|$)/i],
  image: [/zwfw|bsdt|wsbs|banshi/i],
});
