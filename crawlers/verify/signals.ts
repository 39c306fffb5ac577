/**
 * How verification finds the entries it acts on, as data. Texts are matched on the element's
 * whitespace-collapsed visible text, alt, title or aria-label; ids/classes and onclick on the
 * element itself. Extend these lists (or the shared lexicon) rather than the code.
 * Sources: ../shared/docs/signals.md and indicators/lexicon.ts.
 */
import { ENTRY_SIGNALS, LINK_CONCEPTS } from '../../indicators/lexicon.js';
import type { Interaction } from '../../src/types.js';

export type Capability = Interaction['capability'];

export interface ActionEntrySignals {
  /** Text of the entry (short: an entry's text is a label, not a paragraph). */
  text: RegExp[];
  /** Texts that look alike but are something else. */
  notText?: RegExp[];
  /** id or class of the entry element. */
  idOrClass?: RegExp[];
  /** onclick / href="javascript:…" code of the entry. */
  onclick?: RegExp[];
  /** href of the entry (a link to a separate version / platform). */
  href?: RegExp[];
}

/** Detectors' wordings (indicators/lexicon.ts) plus what only acting needs: ids, classes and onclick code. */
export const ACTION_ENTRIES: Record<Exclude<Capability, 'site_search'>, ActionEntrySignals> = {
  accessibility_mode: {
    text: [...ENTRY_SIGNALS.accessibility.text, /^无障碍$/, /网站无障碍/, /信息无障碍$/],
    notText: [...(ENTRY_SIGNALS.accessibility.notText ?? []), /条例/, /办法/],
    idOrClass: [/cniil_wza/i, /^wza$/i, /(^|[-_])wza([-_]|$)/i, /barrier-?free/i, /accessib/i],
    onclick: [/aria\.start\s*\(/, /cniil/i, /wza\.(open|start)/i, /openToolbar/i],
    href: ENTRY_SIGNALS.accessibility.path,
  },
  elderly_mode: {
    text: [...ENTRY_SIGNALS.elderly.text, /长者浏览/, /老年助手/, /^长辈版$/],
    notText: [...(ENTRY_SIGNALS.elderly.notText ?? []), /退出(关怀版|老年人模式|长者模式)/],
    idOrClass: [/elder/i, /oldman/i, /(^|[-_])old[-_]?(mode|fixed|version)/i, /guanhuai/i, /^ghb$/i, /laonian/i],
    onclick: [/oldFixedStart\s*\(/, /doElder\s*\(/, /elder/i, /careMode/i],
    href: ENTRY_SIGNALS.elderly.path,
  },
  smart_qa: {
    text: LINK_CONCEPTS.smart_qa.text,
    notText: LINK_CONCEPTS.smart_qa.notText,
    idOrClass: [/robot/i, /znwd/i, /zhineng/i, /chatbot/i, /(^|[-_])chat([-_]|$)/i, /kefu/i, /customer-?service/i, /aiqa/i],
    onclick: [/robot/i, /znwd/i, /chat/i, /kefu/i],
    href: [...(LINK_CONCEPTS.smart_qa.path ?? [])],
  },
};

/** The site search box. */
export const SEARCH_SIGNALS = {
  /** Placeholder / title / aria-label / name of the input. */
  inputHint: [...ENTRY_SIGNALS.search.inputs, /请输入/, /search/i],
  /** Text or value of the submit button. */
  button: [/^搜\s*索$/, /^搜$/, /^检\s*索$/, /^查\s*询$/, /^search$/i, /^go$/i],
  /** Form action paths typical of government CMS search engines. */
  action: [...ENTRY_SIGNALS.search.path, /search/i, /jrobot/i],
  /** A result page stating it found nothing. */
  noResults: [/没有找到/, /未找到/, /无相关/, /暂无(相关)?(结果|数据|信息)/, /找到\s*0\s*条/, /共\s*0\s*条/, /0\s*条(结果|记录)/, /no results/i, /抱歉/],
  /** A result page stating a count, e.g. 共找到123条 / 相关结果 45 个. */
  resultCount: [/(?:共|找到|检索到|搜索到|相关结果)[^0-9\n]{0,6}([0-9][0-9,]*)\s*(?:条|个|篇|项|results?)/i],
};

/** Elements that reveal an assistive toolbar by id/class once it is open. */
export const TOOLBAR_HINT = /toolbar|tool-bar|wza|aria|assist|barrier|accessib|cniil|zhuli/i;

/** Q&A send buttons. */
export const SEND_BUTTON = [/^发\s*送$/, /^提\s*问$/, /^提\s*交$/, /^咨\s*询$/, /^send$/i, /^问一下$/, /^确定$/];
