/**
 * Footer record numbers as data: the 政府网站标识码, the ICP record and the 公安 (public security)
 * record, as portals print them (full-width colons, tags splitting the number, old 12-digit
 * 公安 numbers, "公安备案" and "公网安备" wordings).
 */

/** 10 characters: 10 digits, or a 2-letter prefix (bm = department) and 8 digits. */
export const SITE_ID_CODE = '(\\d{10}|[A-Za-z]{2}\\d{8})';
/** 网站标识码 as printed for visitors: 政府网站标识码：5101000001, 网站识别码 bm35000001. */
export const SITE_ID_TEXT = new RegExp(`(?:(?:政府)?网站)?(?:标识|识别)码\\s*[:：]?\\s*${SITE_ID_CODE}(?![0-9A-Za-z])`);
/** The site code the 我为政府网站找错 (jiucuo) link or script carries. */
export const SITE_ID_JIUCUO = new RegExp(`site_?code=${SITE_ID_CODE}(?![0-9A-Za-z])`, 'i');
export const SITE_ID_BARE = new RegExp(`^${SITE_ID_CODE}$`);

/** 蜀ICP备05003301号-1 (also ICP证, full-width colons, spaces left by split tags). */
export const ICP_TEXT =
  /([\u4e00-\u9fa5]{1,2})\s*ICP\s*(备|证)\s*(?:案号?)?\s*[:：]?\s*(\d{5,10})\s*号?(?:\s*[-－—]\s*(\d{1,3}))?/;
export const ICP_HOSTS = /(^|\.)(beian\.miit\.gov\.cn|miibeian\.gov\.cn)$/;

/** 川公网安备 51010402000001号, 赣公安备案 36040202000107号, 京公网安备110401300020号 (older 12-digit numbers). */
export const PSB_TEXT =
  /([\u4e00-\u9fa5]{1,2})?\s*(?:公网安备|公安网备|公网安备案|公安备案|公安机关备案)\s*(?:案?号|编号)?\s*[:：]?\s*(\d{10,15})\s*号?/;
export const PSB_LINK = /recordcode=(\d{10,15})/i;
export const PSB_HOSTS = /(^|\.)beian\.gov\.cn$/;
