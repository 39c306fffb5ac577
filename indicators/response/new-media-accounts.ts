import type { Evidence } from '../../src/types.js';
import { CONCEPTS } from '../concepts/index.js';
import { MEDIA_LABEL_WORDS, MEDIA_PLATFORMS, type MediaPlatform } from '../concepts/new-media.js';
import { defineIndicator } from '../define.js';
import { HEADLINE } from '../lexicon.js';
import { absent, pageEvidence, present } from '../support/evidence.js';
import { absenceEvidence, type View } from '../support/home.js';
import { matchLink } from '../support/links.js';

const NM = CONCEPTS.new_media;
type Account = { platform: MediaPlatform; name?: string; url?: string; via: 'link' | 'image' | 'caption' };

const fileName = (src: string) => (src.split(/[?#]/)[0] ?? '').split('/').pop() ?? '';
const platformOf = (label: string, host = '', images: string[] = []) =>
  MEDIA_PLATFORMS.find((p) => p.text.test(label))?.id ??
  MEDIA_PLATFORMS.find((p) => p.host?.test(host))?.id ??
  MEDIA_PLATFORMS.find((p) => images.some((i) => p.image?.test(fileName(i))))?.id;
/** An account label: short, not a headline or a template placeholder, not a share button. */
const labelOk = (s: string) =>
  s.length > 0 && s.length <= (NM.maxLabel ?? 16) && !HEADLINE.test(s) && !s.includes('{{');
const vetoed = (s: string) => NM.notText!.some((re) => re.test(s));
function nameIn(label: string): string | undefined {
  const n = label.replace(MEDIA_LABEL_WORDS, '');
  return n.length >= 2 && n.length <= 12 ? n : undefined;
}

function accountsIn(v: View): { found: Account[]; ev: Evidence[] } {
  const found: Account[] = [];
  const ev: Evidence[] = [];
  const add = (a: Account, selector: string, snippet: string) => {
    found.push(a);
    if (ev.length < 6)
      ev.push(
        pageEvidence(v.page, a.via === 'link' ? 'link' : 'text', {
          selector,
          pattern: `new_media ${a.platform}`,
          snippet,
        }),
      );
  };
  const linkLabels = new Set<string>();
  for (const l of v.model.links) {
    linkLabels.add(l.label);
    if (l.inDatedRow || (l.label && (!labelOk(l.label) || vetoed(l.label)))) continue;
    if (l.host && NM.notHost!.some((re) => re.test(l.host!))) continue;
    const byText = matchLink(l, NM) ? platformOf(l.label) : undefined;
    const platform = byText ?? platformOf('', l.host, l.images);
    if (!platform) continue;
    // An account link by host carries the account's name as its label ("成都发布" → weibo.com/u/…).
    const name = byText ? nameIn(l.label) : l.label && !platformOf(l.label) ? l.label : undefined;
    add(
      { platform, via: 'link', ...(name ? { name } : {}), ...(l.url ? { url: l.url } : {}) },
      l.selector,
      `${l.label} → ${l.url ?? ''}`,
    );
  }
  // QR codes: images outside links, labelled by alt/title.
  for (const r of v.model.resources) {
    if (r.tag !== 'img' || r.inLink || r.hidden) continue;
    const label = `${r.alt ?? ''} ${r.title ?? ''}`.trim();
    if (!labelOk(label) || vetoed(label)) continue;
    const platform = platformOf(label);
    if (platform)
      add(
        { platform, via: 'image', ...(nameIn(label) ? { name: nameIn(label) } : {}) },
        r.selector,
        `img ${r.src} "${label}"`,
      );
  }
  // Captions beside QR codes ("官方抖音", "微信公众号"); a link's own text is judged as the link.
  for (const c of v.model.captions) {
    if (linkLabels.has(c) || !labelOk(c) || c.length > 12 || vetoed(c)) continue;
    const platform = platformOf(c);
    if (platform) add({ platform, via: 'caption', ...(nameIn(c) ? { name: nameIn(c) } : {}) }, 'caption', c);
  }
  return { found, ev };
}

export default defineIndicator({
  id: 'new_media_accounts',
  dimension: 'response',
  order: 4,
  name: { zh: '政务新媒体矩阵', en: 'Government new-media accounts' },
  measures:
    'The official accounts the homepage lists — WeChat 公众号, Weibo, Douyin, Toutiao, Kuaishou, mini-programs, the city app — from QR images labelled by alt/title, captions beside them, account links (weibo.com, douyin.com …) and icon links with a title. Share buttons (分享到微博), headlines and template placeholders do not count.',
  standard:
    '国办秘函〔2019〕19号 政府网站与政务新媒体检查指标 — 政务新媒体; 2025–2026 evaluations count the accounts a portal lists.',
  presentMeans: 'At least one official new-media account or app is listed on the homepage.',
  valueFields: {
    platforms: 'platforms found: wechat, weibo, douyin, toutiao, kuaishou, mini_program, app',
    accounts: 'per account: platform, name (when shown), url (account links), via (link | image | caption)',
  },
  needs: ['home', 'rendered'],
  detect(_site, { views }) {
    const accounts: Account[] = [];
    const evidence: Evidence[] = [];
    let renderedOnly = true;
    for (const v of views) {
      const { found, ev } = accountsIn(v);
      for (const a of found)
        if (!accounts.some((b) => b.platform === a.platform && (b.name ?? '') === (a.name ?? ''))) {
          accounts.push(a);
          if (!v.rendered) renderedOnly = false;
        }
      if (found.length) evidence.push(...ev.slice(0, Math.max(0, 8 - evidence.length)));
    }
    if (!accounts.length)
      return absent(
        undefined,
        0.75,
        'No new-media account (QR code, account link or icon) on the homepage.',
        absenceEvidence(views, 'concept new_media (labels, hosts, images, captions)'),
      );
    const platforms = [...new Set(accounts.map((a) => a.platform))].sort();
    const conf = accounts.some((a) => a.via === 'link' || a.via === 'image') ? 0.9 : 0.8;
    return present(
      { platforms, accounts: accounts.slice(0, 20) },
      conf,
      `${platforms.length} platforms listed: ${platforms.join(', ')}.`,
      evidence,
      renderedOnly,
    );
  },
});
