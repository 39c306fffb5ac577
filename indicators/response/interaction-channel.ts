import { defineIndicator } from '../define.js';
import { siteChannels } from '../support/channels.js';
import { absent, present } from '../support/evidence.js';
import { absenceEvidence } from '../support/home.js';

export default defineIndicator({
  id: 'interaction_channel',
  dimension: 'response',
  order: 1,
  name: { zh: '互动交流渠道', en: 'Interaction channels' },
  measures:
    'Entries on the homepage to 领导信箱 / 市长信箱, 12345, 在线咨询, 留言 / 写信 / 投诉 / 建议 / 网上信访 (a link or button by label, image or address, or a 12345 hotline badge), normalised to channel kinds. A bare section link (互动交流, 政民互动) is not a channel: when the homepage has only that, the channels are read from the section page if the crawler fetched it. Staff mail (邮箱登录), consultation notices (意见征集), proposal handling (建议提案) and a hotline number in running text do not count.',
  standard:
    '国办秘函〔2019〕19号 单项否决「互动回应差」: no working consultation/suggestion channel fails; UESTC 服务响应能力.',
  presentMeans:
    'At least one interaction channel entry is on the homepage (or, behind a bare 互动交流 link, on the section page the crawler read).',
  valueFields: {
    channels: 'kinds found, sorted: consult | hotline12345 | mailbox | message',
    entries: 'one entry (url, host, text) per link found, at most 10',
    via: 'homepage | section_page',
  },
  needs: ['home', 'rendered', 'pages'],
  detect(site) {
    const { views, found: all, sections, via, sectionPages } = siteChannels(site);
    if (!all.length) {
      const why = sections.length
        ? `Only a section link (${[...new Set(sections)].slice(0, 3).join(', ')}) on the homepage: a section is not a channel${sectionPages.length ? ', and its page shows none' : ' and its page was not read'}.`
        : 'No 信箱 / 12345 / 咨询 / 留言 / 投诉 / 建议 entry on the homepage (a hotline number in running text, staff mail and consultation notices are not counted).';
      return absent(undefined, sections.length ? 0.65 : 0.8, why, absenceEvidence(views, 'concept interaction'));
    }
    const channelKinds = [...new Set(all.map((f) => f.kind))].sort();
    const entries = all.flatMap((f) => (f.entry ? [f.entry] : [])).slice(0, 10);
    const onlyRendered = all.every((f) => f.rendered);
    return present(
      { channels: channelKinds, entries, via },
      entries.some((e) => e.text) ? (via === 'homepage' ? 0.9 : 0.8) : 0.7,
      `Channels found: ${channelKinds.join(', ')} (${all.length} entries${via === 'section_page' ? ', on the 互动交流 section page' : ''})${onlyRendered ? ' in the rendered DOM' : ''}.`,
      all.slice(0, 5).map((f) => f.evidence),
      onlyRendered,
    );
  },
});
