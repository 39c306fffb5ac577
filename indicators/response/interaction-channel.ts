import { CONCEPTS, INTERACTION_KINDS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import type { PageModel } from '../page/model.js';
import { absent, pageEvidence, present, unknown } from '../support/evidence.js';
import { absenceEvidence, homeViews, pagesByRole } from '../support/home.js';
import { matchLink, matchSection, pathOf } from '../support/links.js';
import { pageModel } from '../page/model.js';
import type { Evidence, PageSnapshot } from '../../src/types.js';
import type { LinkTarget } from '../values.js';

type Kind = (typeof INTERACTION_KINDS)[number]['kind'];
const IA = CONCEPTS.interaction;

/** Pinyin of channel kinds in paths and image names (ldxx = 领导信箱), for entries without words. */
const KIND_CODES: [Kind, RegExp][] = [
  ['mailbox', /ldxx|szxx|sjxx|mailbox|xinxiang/i],
  ['hotline12345', /12345/],
  ['consult', /zxzx|wyzx|consult/i],
];

function kindOf(label: string, hints: string): Kind {
  return INTERACTION_KINDS.find((k) => k.text.test(label))?.kind ?? KIND_CODES.find(([, re]) => re.test(hints))?.[0] ?? 'message';
}

interface Found {
  kind: Kind;
  entry?: LinkTarget;
  evidence: Evidence;
  rendered: boolean;
}

/** Channel entries of one page: links, and hotline badges that need no link. */
function channels(m: PageModel, page: PageSnapshot, rendered: boolean): { found: Found[]; sections: string[] } {
  const found: Found[] = [];
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const l of m.links) {
    const hit = matchLink(l, IA);
    if (!hit) {
      if (matchSection(l, IA)) sections.push(l.label || pathOf(l.url));
      continue;
    }
    const kind = kindOf(l.label, `${pathOf(l.url)} ${l.images.join(' ')}`);
    // 业务投诉 → /zmhd/index.shtml#2 is the 政民互动 landing page under another name: a section, not a channel.
    if (kind === 'message' && l.url && IA.sections.landing.test(new URL(l.url).pathname)) {
      sections.push(l.label);
      continue;
    }
    const key = `${l.url ?? l.onclick ?? l.href}|${l.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({
      kind,
      ...(l.url || l.href ? { entry: { url: l.url ?? m.url, host: l.host ?? '', ...(l.label ? { text: l.label } : {}) } } : {}),
      rendered,
      evidence: pageEvidence(page, 'link', { selector: l.selector, pattern: hit.pattern, snippet: `${l.label} → ${l.url ?? l.href ?? ''}` }),
    });
  }
  for (const r of m.resources) {
    const label = `${r.alt ?? ''} ${r.title ?? ''}`.trim();
    const badge = r.tag === 'img' && !r.hidden && !r.inLink && label.length <= 30 ? IA.badges.find((re) => re.test(label)) : undefined;
    if (!badge || seen.has(`badge|${label}`)) continue;
    seen.add(`badge|${label}`);
    found.push({ kind: kindOf(label, r.src), rendered, evidence: pageEvidence(page, 'attribute', { selector: r.selector, pattern: `badge ${badge.source}`, snippet: `<img alt="${label}" src="${r.src}">` }) });
  }
  return { found, sections };
}

export default defineIndicator({
  id: 'interaction_channel',
  dimension: 'response',
  name: { zh: '互动交流渠道', en: 'Interaction channels' },
  measures:
    'Entries on the homepage to 领导信箱 / 市长信箱, 12345, 在线咨询, 留言 / 写信 / 投诉 / 建议 / 网上信访 (a link or button by label, image or address, or a 12345 hotline badge), normalised to channel kinds. A bare section link (互动交流, 政民互动) is not a channel: when the homepage has only that, the channels are read from the section page if the crawler fetched it. Staff mail (邮箱登录), consultation notices (意见征集), proposal handling (建议提案) and a hotline number in running text do not count.',
  standard: '国办秘函〔2019〕19号 单项否决「互动回应差」: no working consultation/suggestion channel fails; UESTC 服务响应能力.',
  presentMeans: 'At least one interaction channel entry is on the homepage (or, behind a bare 互动交流 link, on the section page the crawler read).',
  valueType: 'object',
  valueFields: {
    channels: 'kinds found, sorted: consult | hotline12345 | mailbox | message',
    entries: 'one entry (url, host, text) per link found, at most 10',
    via: 'homepage | section_page',
  },
  scope: 'page',
  needs: ['home', 'rendered', 'pages'],
  detect(site) {
    const id = 'interaction_channel';
    const { views, blocker } = homeViews(site);
    if (blocker) return unknown(id, blocker);
    const all: Found[] = [];
    const sections: string[] = [];
    for (const v of views) {
      const r = channels(v.model, v.page, v.rendered);
      all.push(...r.found);
      sections.push(...r.sections);
    }
    let via: 'homepage' | 'section_page' = 'homepage';
    if (!all.length && sections.length) {
      // Only 互动交流 on the homepage: the section page the crawler followed shows the channels.
      for (const p of pagesByRole(site, ['interaction']).ok) all.push(...channels(pageModel(p), p, p.crawler === 'browser').found);
      if (all.length) via = 'section_page';
    }
    if (!all.length) {
      const why = sections.length
        ? `Only a section link (${[...new Set(sections)].slice(0, 3).join(', ')}) on the homepage: a section is not a channel${pagesByRole(site, ['interaction']).ok.length ? ', and its page shows none' : ' and its page was not read'}.`
        : 'No 信箱 / 12345 / 咨询 / 留言 / 投诉 / 建议 entry on the homepage (a hotline number in running text, staff mail and consultation notices are not counted).';
      return absent(id, undefined, sections.length ? 0.65 : 0.8, why, absenceEvidence(views, 'concept interaction'));
    }
    const channelKinds = [...new Set(all.map((f) => f.kind))].sort();
    const entries = all.flatMap((f) => (f.entry ? [f.entry] : [])).slice(0, 10);
    const onlyRendered = all.every((f) => f.rendered);
    return present(
      id,
      { channels: channelKinds, entries, via },
      entries.some((e) => e.text) ? (via === 'homepage' ? 0.9 : 0.8) : 0.7,
      `Channels found: ${channelKinds.join(', ')} (${all.length} entries${via === 'section_page' ? ', on the 互动交流 section page' : ''})${onlyRendered ? ' in the rendered DOM' : ''}.`,
      all.slice(0, 5).map((f) => f.evidence),
      onlyRendered,
    );
  },
});
