import { defineConcept } from './concept.js';

/** Mobile version of the portal, apps, mini-programs and official new-media accounts. */
export default defineConcept({
  id: 'mobile',
  name: { zh: '移动版', en: 'Mobile version' },
  text: [/手机版/, /移动版/, /^WAP/i, /触屏版/, /移动端/, /手机门户/, /移动门户/],
  host: [/^(m|wap|mobile|3g)\./],
  maxLabel: 12,
});

export const MOBILE_CHANNELS = {
  app: [/客户端/, /APP\s*(下载)?$/i, /^(政务)?APP/i, /移动应用/],
  miniProgram: [/小程序/],
  newMedia: [
    /政务微博/,
    /官方微博/,
    /微信公众号/,
    /官方微信/,
    /政务微信/,
    /政务新媒体/,
    /新媒体矩阵/,
    /官方抖音/,
    /政务抖音/,
  ],
};
