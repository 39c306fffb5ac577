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
    notText: [/政务服务中心(地址|电话)/, /政务服务管理局(概况|职责)/, /12345|热线/],
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
    host: [/(^|\.)(znwd|zhineng|robot|chatbot|aiqa)\./],
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

/**
 * Entries the detectors look for on the homepage (not followed by the crawler).
 * `notText` keeps look-alike wordings out.
 */
export interface EntrySignals {
  accessibility: ConceptSignals;
  elderly: ConceptSignals;
  mobile: ConceptSignals;
  app: RegExp[];
  miniProgram: RegExp[];
  newMedia: RegExp[];
  search: { path: RegExp[]; text: RegExp[]; inputs: RegExp[] };
}

export const ENTRY_SIGNALS: EntrySignals = {
  accessibility: {
    text: [/^(网站|信息)?无障碍(浏览|阅读|模式|服务|通道|版|工具条?|辅助)?$/, /^无障碍/, /辅助浏览/, /^(盲人|读屏)(模式|浏览)?$/, /无障碍\s*(浏览|阅读|模式)/],
    host: [/(^|\.)(wza|govwza)\./],
    path: [/\/(wza|wzafw|barrierfree)(\/|\.|$)/i],
    notText: [/无障碍(环境|设施|建设|改造)/, /信息无障碍标识/],
  },
  elderly: {
    text: [/关怀版/, /关爱版/, /长者(模式|助手|浏览|版)/, /老年(人)?(模式|版|助手)/, /适老(版|模式|化版)/, /^大字(版|模式)$/, /老年人浏览/],
    host: [/(^|\.)(elder|old|laonian|shilao|care)\./],
    path: [/\/(elder|oldman|laonian|shilao|ghb|care)(\/|\.|$)/i],
    notText: [/适老化(改造|建设|工作)/, /老年人(优待|补贴|证)/],
  },
  mobile: {
    text: [/手机版/, /移动版/, /^WAP/i, /触屏版/, /移动端/, /手机门户/, /移动门户/],
    host: [/^(m|wap|mobile|3g)\./],
  },
  app: [/客户端/, /APP\s*(下载)?$/i, /^(政务)?APP/i, /移动应用/],
  miniProgram: [/小程序/],
  newMedia: [/政务微博/, /官方微博/, /微信公众号/, /官方微信/, /政务微信/, /政务新媒体/, /新媒体矩阵/, /官方抖音/, /政务抖音/],
  search: {
    /** Form actions / search page paths used by portal search engines. */
    path: [/\/(so|search|jsearch|jsearchfront|was5\/web\/search|qwjs|s|fulltext|zssearch|igs)(\/|\.|$|\?)/i],
    text: [/搜索/, /检索/, /站内搜索/, /全文检索/, /搜\s*索/],
    inputs: [/^(q|query|keyword|keywords|searchword|sw|wd|kw|searchkey|key|qt|word|text|query_string)\b/i, /搜索|检索|关键(字|词)/],
  },
};

/** Channel kinds of interaction entries: the first matching kind names the channel. */
export const INTERACTION_KINDS: { kind: 'mailbox' | 'hotline12345' | 'consult' | 'message'; text: RegExp }[] = [
  { kind: 'mailbox', text: /信箱/ },
  { kind: 'hotline12345', text: /12345/ },
  { kind: 'consult', text: /咨询/ },
  { kind: 'message', text: /留言|投诉|建议|信访|问政|诉求/ },
];

/** Section labels (互动交流, 政民互动, 民意征集) lead to channels without naming one: they count as 'message' only when no channel is named. */
export const INTERACTION_SECTION = /互动|民意|交流/;

/** Login kinds for personalised service. */
export const LOGIN_KINDS: { kind: 'unified_auth' | 'user_center' | 'login'; text: RegExp; path?: RegExp }[] = [
  { kind: 'unified_auth', text: /统一(身份)?认证|统一登录/, path: /\/(sso|passport|tyrz|uias|cas)(\/|\.|$)/i },
  { kind: 'user_center', text: /个人中心|用户中心|我的空间|个人空间|我的政府|个人主页|我的主页/, path: /\/(uc|usercenter|ucenter|my)(\/|\.|$)/i },
  { kind: 'login', text: /登录|注册|login/i, path: /\/(login|register)(\/|\.|$)/i },
];

/** 办事指南 key elements of the national checklist, with the wordings that name them. */
export const GUIDE_ELEMENTS: { name: string; text: RegExp }[] = [
  { name: '事项名称', text: /事项名称|项目名称|服务名称|事项全称/ },
  { name: '设定依据', text: /设定依据|法律依据|实施依据|办理依据|法定依据|政策依据/ },
  { name: '申请条件', text: /申请条件|受理条件|办理条件|申办条件|准入条件/ },
  { name: '办理材料', text: /办理材料|申请材料|申报材料|所需材料|提交材料|材料清单|申办材料/ },
  { name: '办理地点', text: /办理地点|受理地点|办公地点|办理地址|窗口地址|受理地址|办理窗口/ },
  { name: '办理时间', text: /办理时间|受理时间|办公时间|工作时间|窗口办理时间/ },
  { name: '联系电话', text: /联系电话|咨询电话|咨询方式|联系方式|咨询途径/ },
  { name: '办理流程', text: /办理流程|办事流程|办理程序|流程图|审批流程|办理步骤/ },
];

/** Service items that can be handled fully online. */
export const FULLY_ONLINE = /全程网办|网办深度\s*[:：]?\s*(四|4)\s*级|四级深度|零跑动|不见面审批|不见面办理|即办件?|一次不跑|零跑腿/;

/** Letter lists: when a letter was written, when it was answered, and "not answered yet". */
export const LETTER_SIGNALS = {
  asked: /(留言|来信|写信|提交|咨询|提问|发布|信件|投诉)(时间|日期)/,
  replied: /(回复|答复|办结|处理|反馈|回信)(时间|日期)/,
  unanswered: /未回复|待回复|未答复|待答复|办理中|处理中|待处理|未办结|受理中|正在办理/,
  answered: /已回复|已答复|已办结|已处理|已反馈/,
};

/**
 * Wording of headlines (articles, notices) rather than entry labels: an entry is a noun phrase
 * ("政务服务", "意见征集"), a headline says something happened ("关于公开征求意见的公告",
 * "推进政务服务“一网通办”"). Link text matching this is not an entry.
 */
export const HEADLINE = /关于|的(通知|公告|通告|意见|决定|办法|批复|函)$|召开|举行|举办|推进|开展|部署|印发|发布会|会议|“|”|《|》|！|？/;
