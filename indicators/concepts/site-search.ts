import { type Concept, defineConcept } from './concept.js';

export interface SearchConcept extends Concept {
  /** Name, id, placeholder, title, aria-label or value of the query input. */
  inputHint: RegExp[];
  /** Query parameter names (the crawler's search probe fills this field). */
  queryName: RegExp;
  /** Labels (text, value, title, alt) of the submit control next to the input. */
  button: RegExp[];
  /** id / class of the input's container or of the submit control (search box, magnifier icon). */
  boxIdClass: RegExp[];
  /** Script that submits it: onclick / onkeydown / @keyup code. */
  submitCode: RegExp[];
  /** Inputs that are something else: login, paging, dates, phone numbers, feedback forms. */
  notInput: RegExp[];
  /**
   * A value that is a prompt (old pages clear it on focus) and so says what the field asks for;
   * any other value is content, e.g. the query a result page echoes back (身份证), and says nothing.
   */
  valuePrompt: RegExp;
  /** A result page stating it found nothing. */
  noResults: RegExp[];
  /** A result page stating a count, e.g. 共找到123条 / 相关结果 45 个. */
  resultCount: RegExp[];
}

/**
 * The site-search box. Real portals put the input in a <form>, or leave it outside any form and
 * submit it by script (onclick, Enter handlers, Vue components such as <el-input>); an icon link
 * to a search page is not a search box.
 */
export default defineConcept<SearchConcept>({
  id: 'site_search',
  name: { zh: '站内搜索', en: 'Site search' },
  text: [/搜索/, /检索/, /站内搜索/, /全文检索/, /搜\s*索/],
  /** Form actions / search page paths used by portal search engines. */
  path: [
    /\/(so|search|jsearch|jsearchfront|was5\/web\/search|qwjs|s|fulltext|zssearch|igs|irs-c-web|fullsearch|sousuo|ss|trssearch)(\/|\.|$|\?)/i,
  ],
  inputHint: [
    /^(q|query|keyword|keywords|searchword|searchWord|sw|wd|kw|searchkey|searchKeyword|key|qt|word|query_string|searchText|headSearchword|allsearch_text)$/i,
    /search|sousuo|keyword|^ss[-_]|[-_]ss$|^so[-_]|jiansuo/i,
    /搜索|检索|关键(字|词)|请输入.{0,6}(内容|关键|搜索)|搜政策|搜服务|查找|全站/,
  ],
  queryName:
    /^(q|query|keyword|keywords|searchword|searchWord|kw|wd|key|word|text|sw|qt|search|content|title|searchText|searchKey|headSearchword)$/i,
  button: [/^搜\s*索$/, /^搜$/, /^检\s*索$/, /^查\s*询$/, /^search$/i, /^go$/i, /搜索|检索/, /^搜\s*一\s*下$/],
  boxIdClass: [/search|sousuo|jiansuo|^ss$|^ss[-_]|[-_]ss$|^so$|^so[-_]|magnif|fangdajing/i],
  submitCode: [/search|sousuo|jiansuo|query|jsearch|qwjs|fulltext/i],
  notInput: [
    /user|login|passw|pwd|account|captcha|yzm|verify|mobile|phone|tel\b|email|mail|gopage|go_page|page(no|num|index|size)?$|^page|jump|date|(^|[-_])(start|end|begin)(time)?([-_]|$)|starttime|endtime|rili|calendar/i,
    /用户|账号|密码|验证码|手机|电话|姓名|邮箱|邮件|页码|跳转|日期|时间|留下|联系方式|身份证|查询码|受理号|申报号|编号|办件|证件|证号/,
  ],
  valuePrompt: /^\s*(请|输入|在此|点击)|(…|\.\.\.)\s*$/,
  noResults: [
    /没有找到/,
    /未找到/,
    /无相关/,
    /暂无(相关)?(结果|数据|信息)/,
    /找到\s*0\s*条/,
    /共\s*0\s*条/,
    /0\s*条(结果|记录)/,
    /no results/i,
    /抱歉/,
  ],
  resultCount: [/(?:共|找到|检索到|搜索到|相关结果)[^0-9\n]{0,6}([0-9][0-9,]*)\s*(?:条|个|篇|项|results?)/i],
});
