import { defineConcept } from './concept.js';

/**
 * Elderly (关怀 / 适老) mode: an entry that switches the site to large type or a care version.
 * A 长者专区 content zone, a 适老化 certification badge and news about 适老化改造 are not modes.
 */
export default defineConcept({
  id: 'elderly',
  name: { zh: '适老化模式', en: 'Elderly mode' },
  text: [
    /关怀(版|模式)/,
    /关爱(版|模式)/,
    /长者(模式|助手|浏览|版)/,
    /长辈(版|模式)/,
    /老年(人)?(模式|版|助手|浏览)/,
    /老人(版|模式)/,
    /适老(版|模式|化版|化模式|浏览)/,
    /^大字(版|模式|号版)$/,
    /老年人浏览/,
    /敬老版/,
    /银发(版|模式)/,
    /^适老化$/,
  ],
  notText: [
    /适老化(改造|建设|工作|认证|及)/,
    /老年人(优待|补贴|证|权益)/,
    /退出(关怀版|老年人模式|长者模式|适老)/,
    /专区|专栏|专题/,
    /认证/,
  ],
  host: [/(^|\.)(elder|old|laonian|shilao|care|ghb)\./],
  notHost: [/(^|\.)isc\.org\.cn$/],
  path: [/\/(elder|elderly|oldman|laonian|shilao|ghb|care|age)(\/|\.|$)/i],
  image: [/older|elder|oldman|laonian|laoren|shilao|guanhuai|ghb/i],
  idClass: [
    /elder/i,
    /oldman/i,
    /(^|[-_])old[-_]?(mode|fixed|version|btn)/i,
    /^btn-old$/i,
    /guanhuai/i,
    /^ghb$/i,
    /laonian/i,
    /shilao/i,
  ],
  onclick: [
    /aria\.oldFixedStart\s*\(/,
    /doElder\s*\(|elder(ly)?Mode|oldMode|toOld|careMode|switchOld|laonian|oldFixed/i,
  ],
  // aria.js serves a 关怀版 too, but only an entry on the page makes it a mode a visitor can find.
  scripts: [],
});
