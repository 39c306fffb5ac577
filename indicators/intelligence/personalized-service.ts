import { CONCEPTS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { LOGIN_KINDS } from '../lexicon.js';
import { findEntry } from '../support/entry.js';
import { present } from '../support/evidence.js';

export default defineIndicator({
  id: 'personalized_service',
  dimension: 'intelligence',
  order: 4,
  name: { zh: '个性化服务', en: 'Personalised service (user centre / login)' },
  measures:
    'An entry to a user centre (个人中心, 我的空间), a unified identity login (统一身份认证) or a plain 登录/注册 on the homepage.',
  standard: 'UESTC 服务智慧能力 — 个性化服务.',
  presentMeans: 'The homepage offers a user centre or login; `kind` tells which (unified_auth > user_center > login).',
  valueFields: { url: 'entry URL', host: 'host', text: 'label', kind: 'unified_auth | user_center | login' },
  needs: ['home', 'rendered'],
  detect(_site, { views }) {
    const { found, result } = findEntry(views, CONCEPTS.personalized, '个人中心 / 登录');
    if (result) return result;
    const f = found!;
    let path = '';
    try {
      path = new URL(f.value.url).pathname;
    } catch {
      /* keep empty */
    }
    const kind = LOGIN_KINDS.find((k) => k.text.test(f.match.link.label) || k.path?.test(path))?.kind ?? 'login';
    return present(
      { ...f.value, kind },
      kind === 'login' ? Math.min(f.confidence, 0.75) : f.confidence,
      `${f.reason}; kind ${kind}.`,
      [f.evidence],
      f.view.rendered,
    );
  },
});
