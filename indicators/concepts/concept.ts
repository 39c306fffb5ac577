/**
 * A concept is one thing a portal offers (智能问答, 无障碍, 政务服务 …) described once, as data, in
 * the style of a Wappalyzer technology entry: every place it can show up is a field. Crawler link
 * discovery (which links lead to which page role), static detection (indicators/) and browser
 * verification (crawlers/verify/) all read the same entry, so a new wording or fingerprint is a
 * one-line change in one file of this folder.
 *
 * Text patterns are matched on an element's whitespace-collapsed label: its visible text plus the
 * alt/title of images inside it, its own title and aria-label.
 */

export interface ScriptFingerprint {
  /** Script URL (src, or a URL an inline loader writes). */
  src: RegExp;
  vendor: string;
}

export interface Concept {
  id: string;
  name: { zh: string; en: string };
  /** Labels of an entry (short: an entry is a label, not a sentence). */
  text: RegExp[];
  /** Look-alike labels that mean something else; they veto the whole element. */
  notText?: RegExp[];
  /** Host names of the platform or widget an entry leads to. */
  host?: RegExp[];
  /** Hosts that look alike but are something else (a certification body, a friend site). */
  notHost?: RegExp[];
  /** Path + query of the entry's target. */
  path?: RegExp[];
  /** Paths of look-alike targets (网站导航 /wzdh/ is not a 网站地图). */
  notPath?: RegExp[];
  /** File names of the images of image-only entries (robot.png, older.png, wza.gif). */
  image?: RegExp[];
  /** Labels (alt/title) of images that are an entry by themselves, without a link (a 12345 hotline badge). */
  badges?: RegExp[];
  /** File names of unlabelled such badges in the page chrome (a header image 12345.png with no alt). */
  badgeFiles?: RegExp[];
  /** id / class tokens of the entry element or its image. */
  idClass?: RegExp[];
  /** onclick / javascript: code that opens it. */
  onclick?: RegExp[];
  /** Scripts, iframes or requests that provide it by themselves (toolbars, chat widgets). */
  scripts?: ScriptFingerprint[];
  /** What it looks like once opened (browser verification): ids/classes of the toolbar or chat window, its send button. */
  opened?: { idClass?: RegExp; sendButton?: RegExp[] };
  /** What a widget leaves in a rendered page once it ran: attribute names or class tokens (aria-basefontsize, ariareader). */
  marks?: { vendor: string; attribute?: RegExp; classToken?: RegExp }[];
  /**
   * Navigation labels that lead to the concept's pages without being an entry themselves
   * (互动交流 is a section, not a channel): followed by the crawler, never counted by detection.
   */
  sections?: {
    text?: RegExp[];
    path?: RegExp[];
    /** The section's landing page: a link there is the section itself, whatever sub-item its label names. */
    landing?: RegExp;
  };
  /** Longest label still read as an entry (longer is a headline that mentions the word). */
  maxLabel?: number;
}

export function defineConcept<C extends Concept>(c: C): C {
  return c;
}
