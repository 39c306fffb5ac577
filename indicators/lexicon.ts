/**
 * The lexicon: what real portals call things, as data (Wappalyzer-style fingerprints).
 * Detectors read it to recognise capabilities; the crawler reads it to decide which links
 * lead to which linked platforms (page roles). Extend the lists here, not in code.
 * Sources: ../shared/docs/signals.md (fingerprints seen on real portals) and wording variants
 * common on Chinese government sites.
 */

export interface ConceptSignals {
  /** Visible link/button text, alt, title or aria-label. Matched on whitespace-collapsed text. */
  text: RegExp[];
  /** Host name patterns of a linked platform. */
  host?: RegExp[];
  /** URL path/query patterns. */
  path?: RegExp[];
  /** Text that looks similar but means something else (checked against the same text). */
  notText?: RegExp[];
}

/** Concepts the crawler follows as links, keyed by the page role they lead to. */
export const LINK_CONCEPTS = {
  service_platform: {
    text: [/政务服务/, /网上办事/, /一网通办/, /办事服务/, /在线办事/, /网上办/, /个人办事/, /法人办事/, /企业办事/, /全程网办/, /政务服务网/, /掌上办/, /一件事/],
    host: [/(^|\.)zwfw\./, /zwfw\.gov\.cn$/, /^gjzwfw\.www\.gov\.cn$/, /(^|\.)(bs|bsdt|wsbs|ywtb|zwdt|zxbl|banshi)\./],
    path: [/\/(zwfw|bsfw|wsbs|bsdt|ywtb|zxbl)(\/|$)/i],
    notText: [/政务服务中心(地址|电话)/, /政务服务管理局(概况|职责)/],
  },
  data_platform: {
    text: [/数据开放/, /开放数据/, /公共数据开放/, /政府数据开放/, /数据开放平台/, /开放平台.*数据/],
    host: [/(^|\.)(data|opendata|sjkf|kfsj|dataopen|gxpt)\./],
    path: [/\/(opendata|open-data|sjkf|kfsj)(\/|$)/i],
    notText: [/统计数据/, /数据发布/, /数据解读/, /统计公报/, /经济数据/, /数据查询/],
  },
  interaction: {
    text: [/领导信箱/, /市长信箱/, /州长信箱/, /盟长信箱/, /专员信箱/, /书记信箱/, /区长信箱/, /主任信箱/, /局长信箱/, /12345/, /在线咨询/, /我要咨询/, /我要建议/, /我要投诉/, /网上信访/, /在线留言/, /我要留言/, /政民互动/, /互动交流/, /咨询投诉/, /民意征集/, /留言板/, /问政/],
    host: [/(^|\.)(hd|hdjl|zmhd|12345|xf|liuyan|wz)\./],
    path: [/\/(hdjl|zmhd|hdjlpt|ldxx|szxx|liuyan|mailbox|12345)(\/|$)/i],
  },
  policy: {
    text: [/政策文件/, /政府文件/, /规范性文件/, /信息公开/, /政府信息公开/, /政务公开/, /法定主动公开/, /政策法规/],
    path: [/\/(zcwj|zfwj|xxgk|zwgk|gkml|zfxxgk)(\/|$)/i],
  },
  survey: {
    text: [/征集调查/, /意见征集/, /网上调查/, /民意调查/, /征求意见/, /调查征集/, /问卷调查/],
    path: [/\/(yjzj|zjdc|wsdc|myzj)(\/|$)/i],
  },
  smart_qa: {
    text: [/智能问答/, /智能客服/, /智能机器人/, /智能助手/, /智能咨询/, /AI\s*问答/i, /AI\s*助手/i, /在线客服/, /搜问/, /智能小/, /^智[\u4e00-\u9fa5]{1,2}$/, /小[\u4e00-\u9fa5]{1,2}(智能|问答|客服)/],
    host: [/(^|\.)(znwd|zhineng|robot|chatbot|aiqa|zs)\./],
    path: [/\/(znwd|robot|chatbot|aiqa|intelligent|zhinengwenda)(\/|\.|$)/i],
    notText: [/roboto/i],
  },
  sitemap_page: {
    text: [/网站地图/, /站点地图/],
    path: [/\/(wzdt|sitemap|zddt)(\/|\.|$)/i],
  },
  personalized: {
    text: [/个人中心/, /用户中心/, /我的空间/, /个人空间/, /统一身份认证/, /用户登录/, /^登录$/, /^注册$/, /登录\s*[|｜/]\s*注册/, /个人主页/, /我的政府/],
    path: [/\/(login|uc|usercenter|sso|passport)(\/|\.|$)/i],
  },
} satisfies Record<string, ConceptSignals>;

export type LinkConcept = keyof typeof LINK_CONCEPTS;

/** Text (in columns, lists, navigation) that names a news/notice column, by staleness class. */
export const COLUMN_CLASSES = {
  news: [/要闻/, /动态/, /新闻/, /工作动态/, /部门动态/, /区县动态/, /图片新闻/, /今日/],
  notice: [/通知公告/, /公示公告/, /政策文件/, /政策解读/, /通告/, /公告/],
  longTerm: [/人事/, /规划/, /计划/, /人事信息/, /发展规划/, /财政预决算/],
} as const;
