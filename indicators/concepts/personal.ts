import { defineConcept } from './concept.js';

/** Personalised service: login, user centre, unified identity. */
export default defineConcept({
  id: 'personalized',
  name: { zh: '个性化服务', en: 'Personalised service' },
  text: [
    /个人中心/,
    /用户中心/,
    /我的空间/,
    /个人空间/,
    /统一身份认证/,
    /用户登录/,
    /^登录$/,
    /^注册$/,
    /登录\s*[|｜/]\s*注册/,
    /个人主页/,
    /我的政府/,
  ],
  // Staff mail is not a citizen account.
  notText: [/邮箱/, /内网/, /办公/],
  path: [/\/(login|uc|usercenter|sso|passport)(\/|\.|$)/i],
  maxLabel: 12,
});
