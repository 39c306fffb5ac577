/**
 * The lexicon: wordings that are not entries to a concept — column classes, login kinds, guide
 * elements, letter-list fields, headline shapes. Entries (智能问答, 无障碍, 政务服务 …) are concepts,
 * one file each in indicators/concepts/. Extend the lists here, not in code.
 * Sources: ../shared/docs/signals.md and wording variants common on Chinese government sites.
 */

/** Text (in columns, lists, navigation) that names a news/notice column, by staleness class. */
export const COLUMN_CLASSES = {
  news: [/要闻/, /动态/, /新闻/, /工作动态/, /部门动态/, /区县动态/, /图片新闻/, /今日/],
  notice: [/通知公告/, /公示公告/, /政策文件/, /政策解读/, /通告/, /公告/],
  longTerm: [/人事/, /规划/, /计划/, /人事信息/, /发展规划/, /财政预决算/],
} as const;

/** Login kinds for personalised service. */
export const LOGIN_KINDS: { kind: 'unified_auth' | 'user_center' | 'login'; text: RegExp; path?: RegExp }[] = [
  { kind: 'unified_auth', text: /统一(身份)?认证|统一登录/, path: /\/(sso|passport|tyrz|uias|cas)(\/|\.|$)/i },
  {
    kind: 'user_center',
    text: /个人中心|用户中心|我的空间|个人空间|我的政府|个人主页|我的主页/,
    path: /\/(uc|usercenter|ucenter|my)(\/|\.|$)/i,
  },
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
export const FULLY_ONLINE =
  /全程网办|网办深度\s*[:：]?\s*(四|4)\s*级|四级深度|零跑动|不见面审批|不见面办理|即办件?|一次不跑|零跑腿/;

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
export const HEADLINE =
  /关于|的(通知|公告|通告|意见|决定|办法|批复|函)$|召开|举行|举办|推进|开展|部署|印发|发布会|会议|上线|开通|启用|正式|获评|荣获|入选|亮相|推出|助力|赋能|新增|试运行|调整|(公告|通知|通告|说明|简报|通报|报告|更新)$|办理情况|成效|(19|20)\d{2}\s*年|\d+\s*(个|项|条|家|件)|“|”|《|》|！|？/;

/**
 * Containers of an article's body text as CMS templates name them (TRS #zoom / .TRS_Editor, 开普云
 * #UCAP-CONTENT, gov.cn .pages_content, Hanweb #zoom …): a link in running text is not an entry.
 */
export const ARTICLE_BODY =
  /^(zoom|trs_editor|ucap-content|custom_unionstyle|pages_content|article[-_]?(content|body|con|text)|art[-_]?con(tent)?|detail[-_]?(content|body)|news[-_]?(content|body)|xxgk[-_]?content|contenttext|con_text)$/i;
