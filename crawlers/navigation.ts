/**
 * The navigation vocabulary *within* linked platforms (catalogue, dataset list, letter list,
 * pagination), as data. Portal entries (政务服务, 数据开放 …) are concepts (indicators/concepts/) and
 * column names are the lexicon's COLUMN_CLASSES; which role follows which signals from which page,
 * and each role's budget, is the page-role table (crawlers/page-roles.ts). Extend lists, not code.
 */

export interface StepSignals {
  /** Link text (incl. alt/title), whitespace-collapsed. */
  text?: RegExp[];
  /** URL path + query. */
  path?: RegExp[];
  notText?: RegExp[];
}

/** Service catalogue pages (事项清单, 办事指南 …) of a service platform. */
export const SERVICE_LIST: StepSignals = {
  text: [
    /事项清单/,
    /事项目录/,
    /办事指南/,
    /个人办事/,
    /法人办事/,
    /企业办事/,
    /全程网办/,
    /服务事项/,
    /部门服务/,
    /主题服务/,
    /按部门/,
    /按主题/,
    /办事事项/,
    /事项查询/,
    /清单/,
  ],
  path: [/(itemlist|item-list|sxqd|bszn|bsznlist|grbs|frbs|qcwb|serviceList|matterList|guideList)/i],
  notText: [/登录/, /注册/],
};

/** One service item (申请, 登记, 许可 …) on a service platform or its catalogue. */
export const SERVICE_ITEM: StepSignals = {
  text: [/申请|登记|许可|备案|审批|核准|认定|办理|变更|注销|补领|换领|证明|确认|给付|奖励/],
  path: [/(itemdetail|item-detail|guide(detail)?|bsznxq|matterDetail|serviceDetail|itemCode|item_id|itemid)/i],
  notText: [/^办事指南$/, /^在线办理$/, /下一页|上一页|首页|尾页/, /登录|注册/],
};

/** Dataset lists of an open-data platform. */
export const DATA_LIST: StepSignals = {
  text: [/数据目录/, /数据集/, /数据资源/, /开放数据/, /数据列表/, /数据服务/, /全部数据/, /数据开放目录/, /目录/],
  path: [/(dataset|datasets|catalog|catalogue|resource|sjml|datalist|data-list|sjj)/i],
  notText: [/登录|注册/],
};

/** API pages linked from an open-data platform's entry page. */
export const DATA_API_ENTRY: StepSignals = {
  text: [/^API$/i, /接口/, /API\s*(服务|列表|目录)/i],
  path: [/\/api(\/|$|\?)/i, /\.json(\?|$)/i],
};

/** API links on a dataset list. */
export const DATA_API: StepSignals = {
  text: [/^API$/i, /接口/],
  path: [/\/api(\/|$|\?)/i, /\.json(\?|$)/i],
};

/** Published letters (信件公开, 留言选登 …) of an interaction channel. */
export const LETTER_LIST: StepSignals = {
  text: [
    /信件公开/,
    /留言选登/,
    /办理结果/,
    /来信选登/,
    /信件查询/,
    /回复公开/,
    /信件选登/,
    /公开信件/,
    /来信公开/,
    /回复选登/,
    /留言列表/,
    /咨询列表/,
    /信件列表/,
    /办理公开/,
  ],
  path: [/(xjgk|lyxd|letterlist|letter-list|mailList|xxlist|replyList|xjlist)/i],
};

/** One letter linked from an interaction page. */
export const LETTER: StepSignals = {
  text: [/关于.{2,}/, /咨询|建议|投诉|反映|求助|举报/],
  path: [/(letterdetail|letter-detail|mailDetail|xjxq|lyxq|letterId|letter_id|mailid)/i],
  // A channel's own entry (在线咨询, 我要投诉) on a section page is not a letter.
  notText: [
    /^我要/,
    /写信|留言须知|下一页|上一页|首页|尾页/,
    /^(在线|网上|政策|业务|投诉)?(咨询|建议|投诉|留言|求助|举报)(问题|平台|入口)?$/,
  ],
};

/** One letter in a letter list (a bare `detail` path counts there). */
export const LETTER_IN_LIST: StepSignals = {
  text: [/关于.{2,}/, /咨询|建议|投诉|反映|求助|举报/],
  path: [/(letterdetail|letter-detail|mailDetail|xjxq|lyxq|letterId|letter_id|mailid|detail)/i],
  // A channel's own entry (在线咨询, 我要投诉) on a section page is not a letter.
  notText: [
    /^我要/,
    /写信|留言须知|下一页|上一页|首页|尾页/,
    /^(在线|网上|政策|业务|投诉)?(咨询|建议|投诉|留言|求助|举报)(问题|平台|入口)?$/,
  ],
};

/** "Next page" links on listing pages. */
export const PAGINATION: StepSignals = {
  text: [/^下一页$/, /^下页$/, /^后一页$/, /^>$/, /^›$/, /^»$/, /^next$/i, /^[2-9]$/],
  path: [/[?&](page|pageNo|pageNum|pageIndex|currentPage|curPage|p)=\d+/i, /_\d+\.s?html?$/i, /\/page\/\d+/i],
};

/** Conventional JSON list endpoints of open-data platforms, probed when no API link is seen. */
export const DATA_API_GUESSES = [
  '/api/dataset/list',
  '/api/datasets',
  '/api/catalog/list',
  '/api/data/list',
  '/api/3/action/package_list',
];
