/**
 * How verification finds the entries it acts on: the concepts (indicators/concepts/) that static
 * detection reads, turned into what the in-page finder matches. Texts are matched on the element's
 * whitespace-collapsed visible text, alt, title or aria-label; ids/classes, onclick and the file
 * names of images on the element itself. Extend the concepts, not this file.
 */
import { CONCEPTS, type Concept } from '../../indicators/concepts/index.js';
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
  /** File names of the entry's image (robot.png, older.png). */
  image?: RegExp[];
  /** Hosts and paths of look-alike targets (a certification badge on wza.isc.org.cn, 网站导航 /wzdh/). */
  notHost?: RegExp[];
  notPath?: RegExp[];
}

function entrySignals(c: Concept): ActionEntrySignals {
  return {
    text: c.text,
    notText: c.notText,
    idOrClass: c.idClass,
    onclick: c.onclick,
    href: [...(c.path ?? []), ...(c.host ?? [])],
    image: c.image,
    notHost: c.notHost,
    notPath: c.notPath,
  };
}

export const ACTION_ENTRIES: Record<Exclude<Capability, 'site_search'>, ActionEntrySignals> = {
  accessibility_mode: entrySignals(CONCEPTS.accessibility),
  elderly_mode: entrySignals(CONCEPTS.elderly),
  smart_qa: entrySignals(CONCEPTS.smart_qa),
};

const S = CONCEPTS.site_search;

/** The site search box, from the site_search concept. */
export const SEARCH_SIGNALS = {
  /** Placeholder / title / aria-label / name / id / class of the input. */
  inputHint: [...S.inputHint, /请输入/],
  /** Fields that are something else (login, paging, dates, contact details). */
  notInput: S.notInput,
  /** A value that is a prompt (请输入…), so part of what the field asks for; other values are content. */
  valuePrompt: [S.valuePrompt],
  /** id/class of the input's container or of the magnifier icon. */
  boxIdClass: S.boxIdClass,
  /** Script code that submits the search. */
  submitCode: S.submitCode,
  /** Text or value of the submit button. */
  button: S.button,
  /** Form action paths typical of government CMS search engines. */
  action: [...(S.path ?? []), /search/i, /jrobot/i],
  /** A result page stating it found nothing. */
  noResults: S.noResults,
  /** A result page stating a count, e.g. 共找到123条 / 相关结果 45 个. */
  resultCount: S.resultCount,
};

/** Elements that reveal an assistive toolbar by id/class once it is open. */
export const TOOLBAR_HINT = CONCEPTS.accessibility.opened.idClass;

/** Q&A send buttons. */
export const SEND_BUTTON = CONCEPTS.smart_qa.opened.sendButton;
