import { defineConcept } from './concept.js';

/**
 * Accessibility (无障碍) toolbar or mode. A vendor toolbar script counts by itself; a certification
 * badge (wza.isc.org.cn) and news about 无障碍环境建设 do not.
 */
export default defineConcept({
  id: 'accessibility',
  name: { zh: '无障碍模式', en: 'Accessibility mode' },
  text: [
    /^(网站|信息)?无障碍(浏览|阅读|模式|服务|通道|版|工具条?|辅助|开关)?$/,
    /^无障碍/,
    /辅助浏览/,
    /^(盲人|读屏|视障)(模式|浏览|版)?$/,
    /无障碍\s*(浏览|阅读|模式|工具)/,
    /^accessib(le|ility)/i,
    /网站无障碍/,
    /无障碍$/,
  ],
  notText: [/无障碍(环境|设施|建设|改造)/, /信息无障碍标识/, /条例/, /办法/, /认证/, /适老化及无障碍/],
  host: [/(^|\.)(wza|govwza)\./],
  notHost: [/(^|\.)isc\.org\.cn$/],
  path: [/\/(wza|wzafw|barrierfree|assistants?)(\/|\.|$)/i],
  image: [/wza|wuzhangai|barrier|accessib/i],
  idClass: [/cniil_wza/i, /^wza$/i, /(^|[-_])wza([-_]|$)/i, /^wzha$/i, /barrier-?free/i, /accessib/i],
  onclick: [
    /aria\.start\s*\(/,
    /cniil|assist(ant)?\.(open|start)|wzaStart|openWza|barrierFree|wza\.(open|start)|openToolbar/i,
  ],
  opened: { idClass: /toolbar|tool-bar|wza|aria|assist|barrier|accessib|cniil|zhuli/i },
  // aria.js marks <html>/<body> with its state and injects reader styles when it runs (rendered pages).
  marks: [{ vendor: 'aria', attribute: /^aria-(basefontsize|ofstatus|status)$/, classToken: /^ariareader/ }],
  scripts: [
    { src: /cniil\/assist\.js|govwza\.cn\/cniil\//i, vendor: 'cniil' },
    { src: /govwza\.cn\/dist\/aria\.js|\/aria\.js(\?|$)/i, vendor: 'aria' },
    { src: /\/(wza|barrierfree|accessible|assist)\/[^?]*\.js|wza\d*\.js|accessib\w*\.js/i, vendor: 'self' },
  ],
});
