import { defineConcept } from './concept.js';

/**
 * 政务新媒体: the official accounts a portal lists (QR codes labelled by alt/title or a caption,
 * account links, icon links with a title). Share buttons (分享到微博) and headlines that mention
 * a platform are not accounts.
 */
export default defineConcept({
  id: 'new_media',
  name: { zh: '政务新媒体', en: 'Government new media accounts' },
  text: [/微信|公众号|微博|抖音|头条号|今日头条|快手|小程序|客户端|APP|新媒体/],
  notText: [/分享|转发|收藏|扫一扫分享|share/i],
  notHost: [/^service\.weibo\.com$/, /^(connect|share)\./],
  notPath: [/\/share/i],
  maxLabel: 16,
});

export type MediaPlatform = 'mini_program' | 'wechat' | 'weibo' | 'douyin' | 'toutiao' | 'kuaishou' | 'app';

/** Platforms, most specific first (微信小程序 is a mini-program, not the 公众号). */
export const MEDIA_PLATFORMS: { id: MediaPlatform; text: RegExp; host?: RegExp; image?: RegExp }[] = [
  { id: 'mini_program', text: /小程序/, image: /xcx|miniprogram/i },
  { id: 'wechat', text: /微信|公众号|wechat|weixin/i, host: /^mp\.weixin\.qq\.com$/, image: /weixin|wechat|gzh/i },
  { id: 'weibo', text: /微博/, host: /(^|\.)weibo\.(com|cn)$/, image: /weibo/i },
  { id: 'douyin', text: /抖音/, host: /(^|\.)(douyin|iesdouyin)\.com$/, image: /douyin/i },
  { id: 'toutiao', text: /头条号|今日头条/, host: /(^|\.)toutiao\.com$/, image: /toutiao/i },
  { id: 'kuaishou', text: /快手/, host: /(^|\.)kuaishou\.com$/, image: /kuaishou/i },
  { id: 'app', text: /客户端|APP|App$/ },
];

/** Words around an account name in a label ("官方抖音：成都发布", "成都发布微博"), stripped to read the name. */
export const MEDIA_LABEL_WORDS =
  /官方|政务|微信公众号|公众号|微信|新浪微博|微博|抖音号?|头条号|今日头条|快手号?|小程序|客户端|APP|下载|扫码|关注|账号|二维码|[:：\-—|｜()（）\s]/gi;
