/**
 * Navigation vocabulary inside linked platforms and page-budget rules, as data.
 * LINK_CONCEPTS (indicators/lexicon.ts) says which portal links lead to which platform; this file
 * says how to move *within* a platform (catalogue, dataset list, letter list, pagination) and how
 * many pages each role may take so one platform cannot starve the others. Extend lists, not code.
 */
import type { PageRole } from '../src/types.js';

export interface StepSignals {
  /** Link text (incl. alt/title), whitespace-collapsed. */
  text?: RegExp[];
  /** URL path + query. */
  path?: RegExp[];
  notText?: RegExp[];
}

/** From a page of role K, links matching STEPS[K][R] are followed as role R (same platform host). */
export const PLATFORM_STEPS: Partial<Record<PageRole, Partial<Record<PageRole, StepSignals>>>> = {
  service_platform: {
    service_list: {
      text: [/事项清单/, /事项目录/, /办事指南/, /个人办事/, /法人办事/, /企业办事/, /全程网办/, /服务事项/, /部门服务/, /主题服务/, /按部门/, /按主题/, /办事事项/, /事项查询/, /清单/],
      path: [/(itemlist|item-list|sxqd|bszn|bsznlist|grbs|frbs|qcwb|serviceList|matterList|guideList)/i],
      notText: [/登录/, /注册/],
    },
    service_item: {
      text: [/申请|登记|许可|备案|审批|核准|认定|办理|变更|注销|补领|换领|证明|确认|给付|奖励/],
      path: [/(itemdetail|item-detail|guide(detail)?|bsznxq|matterDetail|serviceDetail|itemCode|item_id|itemid)/i],
      notText: [/^办事指南$/, /^在线办理$/, /下一页|上一页|首页|尾页/, /登录|注册/],
    },
  },
  service_list: {
    service_item: {
      text: [/申请|登记|许可|备案|审批|核准|认定|办理|变更|注销|补领|换领|证明|确认|给付|奖励/],
      path: [/(itemdetail|item-detail|guide(detail)?|bsznxq|matterDetail|serviceDetail|itemCode|item_id|itemid)/i],
      notText: [/^在线办理$/, /^办事指南$/, /下一页|上一页|首页|尾页/, /登录|注册/],
    },
  },
  data_platform: {
    data_list: {
      text: [/数据目录/, /数据集/, /数据资源/, /开放数据/, /数据列表/, /数据服务/, /全部数据/, /数据开放目录/, /目录/],
      path: [/(dataset|datasets|catalog|catalogue|resource|sjml|datalist|data-list|sjj)/i],
      notText: [/登录|注册/],
    },
    data_api: {
      text: [/^API$/i, /接口/, /API\s*(服务|列表|目录)/i],
      path: [/\/api(\/|$|\?)/i, /\.json(\?|$)/i],
    },
  },
  data_list: {
    data_api: {
      text: [/^API$/i, /接口/],
      path: [/\/api(\/|$|\?)/i, /\.json(\?|$)/i],
    },
  },
  interaction: {
    letter_list: {
      text: [/信件公开/, /留言选登/, /办理结果/, /来信选登/, /信件查询/, /回复公开/, /信件选登/, /公开信件/, /来信公开/, /回复选登/, /留言列表/, /咨询列表/, /信件列表/, /办理公开/],
      path: [/(xjgk|lyxd|letterlist|letter-list|mailList|xxlist|replyList|xjlist)/i],
    },
    letter: {
      text: [/关于.{2,}/, /咨询|建议|投诉|反映|求助|举报/],
      path: [/(letterdetail|letter-detail|mailDetail|xjxq|lyxq|letterId|letter_id|mailid)/i],
      // A channel's own entry (在线咨询, 我要投诉) on a section page is not a letter.
      notText: [/^我要/, /写信|留言须知|下一页|上一页|首页|尾页/, /^(在线|网上|政策|业务|投诉)?(咨询|建议|投诉|留言|求助|举报)(问题|平台|入口)?$/],
    },
  },
  letter_list: {
    letter: {
      text: [/关于.{2,}/, /咨询|建议|投诉|反映|求助|举报/],
      path: [/(letterdetail|letter-detail|mailDetail|xjxq|lyxq|letterId|letter_id|mailid|detail)/i],
      // A channel's own entry (在线咨询, 我要投诉) on a section page is not a letter.
      notText: [/^我要/, /写信|留言须知|下一页|上一页|首页|尾页/, /^(在线|网上|政策|业务|投诉)?(咨询|建议|投诉|留言|求助|举报)(问题|平台|入口)?$/],
    },
  },
};

/** "Next page" links on listing pages. */
export const PAGINATION: StepSignals = {
  text: [/^下一页$/, /^下页$/, /^后一页$/, /^>$/, /^›$/, /^»$/, /^next$/i, /^[2-9]$/],
  path: [/[?&](page|pageNo|pageNum|pageIndex|currentPage|curPage|p)=\d+/i, /_\d+\.s?html?$/i, /\/page\/\d+/i],
};

/** Roles whose listing pages are paginated, and how many pages of each list to read. */
export const PAGINATED_ROLES: Partial<Record<PageRole, number>> = { service_list: 3, data_list: 3, letter_list: 3 };

/** Conventional JSON list endpoints of open-data platforms, probed when no API link is seen. */
export const DATA_API_GUESSES = ['/api/dataset/list', '/api/datasets', '/api/catalog/list', '/api/data/list', '/api/3/action/package_list'];

/**
 * Page budget per role: `max` pages at most (before scaling to pagesPerSite), lower `priority`
 * fetched first. Columns take whatever the other roles leave.
 */
export const ROLE_BUDGET: Partial<Record<PageRole, { max: number; priority: number }>> = {
  home: { max: 1, priority: 0 },
  // Same-site documents the homepage embeds (<iframe>/<frame>): part of the homepage, read first.
  frame: { max: 4, priority: 0 },
  service_platform: { max: 2, priority: 1 },
  data_platform: { max: 2, priority: 1 },
  interaction: { max: 2, priority: 1 },
  policy: { max: 2, priority: 2 },
  survey: { max: 1, priority: 2 },
  sitemap_page: { max: 1, priority: 2 },
  smart_qa: { max: 1, priority: 2 },
  search: { max: 1, priority: 2 },
  service_list: { max: 4, priority: 3 },
  data_list: { max: 4, priority: 3 },
  letter_list: { max: 4, priority: 3 },
  data_api: { max: 2, priority: 3 },
  service_item: { max: 3, priority: 4 },
  letter: { max: 3, priority: 4 },
  column: { max: 1000, priority: 5 },
  article: { max: 3, priority: 6 },
};

/** URL shapes that explode into endless pages (calendars, session ids, sort/filter combinations). */
export const TRAP_PATTERNS: RegExp[] = [
  /[?&](year|month|day|date|calendar|cal)=/i,
  /\/calendar\//i,
  /[?&](sessionid|jsessionid|sid|phpsessid)=/i,
  /;jsessionid=/i,
  /[?&](sort|order|orderby|filter)=[^&]*&.*(sort|order|orderby|filter)=/i,
  /(\/[^/]+)\1{2,}/, // the same path segment repeated three times
];

/** Links whose target is a file, not a page (followed only by link checks). */
export const FILE_EXTENSIONS = /\.(pdf|docx?|xlsx?|pptx?|zip|rar|7z|jpe?g|png|gif|bmp|webp|svg|mp4|mp3|avi|flv|wmv|apk|exe|ofd|wps|et|txt|csv)(\?|#|$)/i;
