import { defineConcept } from './concept.js';

/**
 * Interaction channels: a mailbox, 12345, consultation, a message/complaint/suggestion form.
 * A bare section name (互动交流, 政民互动) leads to channels without being one; staff mail (邮箱登录),
 * consultation notices (意见征集), proposal handling (建议提案) and friend links to petition
 * bureaus are not channels.
 */
export default defineConcept({
  id: 'interaction',
  name: { zh: '互动交流渠道', en: 'Interaction channels' },
  text: [
    /信箱/,
    /(书记|市长|州长|盟长|县长|区长|局长|厅长|主任|镇长|旗长)邮箱/,
    /12345/,
    /咨询/,
    /留言/,
    /写信/,
    /来信/,
    /投诉/,
    /建言/,
    /献策/,
    /意见建议/,
    /意见反馈/,
    /建议(在线)?(提交|反映)/,
    /我要(建议|反映|评价)/,
    /建议与?(咨询|投诉)|(咨询|投诉)与?建议/,
    /网上信访/,
    /在线信访/,
    /问政/,
    /诉求/,
    /民声/,
    /有话/,
    /市民热线/,
    /接诉即办/,
    /(在线|网上)提交/,
    // English versions of city portals: Mayor's Mailbox.
    /mail\s*box/i,
  ],
  notText: [
    /邮箱登录|(内网|政务|企业|办公|电子|个人)邮箱|^邮箱$|webmail/i,
    /智能/,
    /意见征集/,
    /征求意见/,
    /征集调查/,
    /建议提案/,
    /提案/,
    /人大代表建议/,
    /政协委员/,
    /联系我们/,
    /(国家|省|市|区|县)?信访(局|办|委)$/,
    /咨询(电话|热线)[:：]?\s*\d/,
    /留言选登|信件选登|来信选登/,
    // Columns of answers already given (政策咨询答复), not a way to ask.
    /答复$|回复选编|办理情况/,
  ],
  host: [/(^|\.)(zmhd|12345|liuyan|xfj|wsxf|ldxx|szxx)\./],
  path: [/\/(ldxx|szxx|liuyan|mailbox|12345|wsxf|xjgk|zxzx|wyzx|wytj|wyjy)(\/|\.|$)/i],
  // 12345 as a word of its own: CMS image names are long digit runs.
  image: [/(^|[^0-9])12345([^0-9]|$)|ldxx|szxx|sjxx|liuyan|xiexin|wyxx|mailbox/i],
  // A hotline needs no link: its badge in the header is the entry.
  badges: [/12345/],
  badgeFiles: [/(^|[^0-9])12345([^0-9]|$)/],
  sections: {
    text: [/互动交流/, /政民互动/, /民意征集/, /公众参与/, /互动/],
    path: [/\/(hdjl|zmhd|hdjlpt|gzcy|hudong)(\/|\.|$)/i],
    landing: /\/(hdjl|zmhd|hdjlpt|gzcy|hudong)(\/(index\.\w+)?)?$/i,
  },
  maxLabel: 16,
});

/** Channel kinds: the first kind whose wording the entry's label has names the channel. */
export const INTERACTION_KINDS: { kind: 'mailbox' | 'hotline12345' | 'consult' | 'message'; text: RegExp }[] = [
  { kind: 'mailbox', text: /信箱|邮箱|mail\s*box/i },
  { kind: 'hotline12345', text: /12345|热线|接诉即办/ },
  { kind: 'consult', text: /咨询/ },
  { kind: 'message', text: /留言|写信|来信|投诉|建议|建言|献策|反馈|信访|问政|诉求|民声|有话|提交/ },
];
