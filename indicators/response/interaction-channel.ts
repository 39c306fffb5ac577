import { defineIndicator } from '../define.js';
import { INTERACTION_KINDS, LINK_CONCEPTS } from '../lexicon.js';
import { absent, pageEvidence, present, unknown } from '../support/evidence.js';
import { absenceEvidence, homeViews } from '../support/home.js';
import { matchConcept } from '../support/links.js';
import type { Evidence } from '../../src/types.js';
import type { LinkTarget } from '../values.js';

type Kind = (typeof INTERACTION_KINDS)[number]['kind'];

export default defineIndicator({
  id: 'interaction_channel',
  dimension: 'response',
  name: { zh: '互动交流渠道', en: 'Interaction channels' },
  measures:
    'Links or buttons on the homepage to 领导信箱 / 市长信箱, 12345, 在线咨询, 留言 / 投诉 / 建议 / 网上信访, normalised to channel kinds. A hotline number printed as plain text (e.g. "市民热线 12345") is not an online channel and does not count.',
  standard: '国办秘函〔2019〕19号 单项否决「互动回应差」: no working consultation/suggestion channel fails; UESTC 服务响应能力.',
  presentMeans: 'At least one online interaction channel is linked from the homepage.',
  valueType: 'object',
  valueFields: { channels: 'kinds found, sorted: consult | hotline12345 | mailbox | message', entries: 'one entry (url, host, text) per link found, at most 10' },
  scope: 'page',
  needs: ['home', 'rendered'],
  detect(site) {
    const id = 'interaction_channel';
    const { views, blocker } = homeViews(site);
    if (blocker) return unknown(id, blocker);
    const kinds = new Set<Kind>();
    const entries: LinkTarget[] = [];
    const evidence: Evidence[] = [];
    const seen = new Set<string>();
    let onlyRendered = true;
    let sections = 0;
    for (const v of views) {
      for (const m of matchConcept(v.model, LINK_CONCEPTS.interaction, 16)) {
        const l = m.link;
        const kind = INTERACTION_KINDS.find((k) => k.text.test(l.label))?.kind;
        const key = `${l.url ?? l.onclick ?? l.href}|${l.label}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (kind) kinds.add(kind);
        else sections++;
        if (!v.rendered) onlyRendered = false;
        if (entries.length < 10 && (l.url || l.href)) entries.push({ url: l.url ?? v.model.url, host: l.host ?? '', ...(l.label ? { text: l.label } : {}) });
        if (evidence.length < 5) evidence.push(pageEvidence(v.page, 'link', { selector: l.selector, pattern: m.pattern, snippet: `${l.label} → ${l.url ?? l.href ?? ''}` }));
      }
    }
    if (!kinds.size && sections) kinds.add('message'); // only a 互动交流 section: a channel exists, unnamed
    if (!kinds.size) return absent(id, undefined, 0.8, 'No 信箱 / 12345 / 咨询 / 留言 link or button on the homepage (plain hotline numbers are not counted).', absenceEvidence(views, 'LINK_CONCEPTS.interaction'));
    const channels = [...kinds].sort();
    return present(id, { channels, entries }, entries.some((e) => e.text) ? 0.9 : 0.7, `Channels found: ${channels.join(', ')} (${seen.size} entries)${onlyRendered ? ' in the rendered DOM' : ''}.`, evidence, onlyRendered);
  },
});
