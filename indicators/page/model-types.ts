/** The shapes of the shared page model (model.ts builds them; detectors read them). */
import type { PageSnapshot } from '../../src/types.js';

export interface PageLink {
  /** href as written (or data-href / URL extracted from onclick). */
  href?: string;
  /** Resolved absolute http(s) URL, when the href is a real address (not javascript:/#). */
  url?: string;
  host?: string;
  /** Visible text only. */
  text: string;
  /** Visible text + img alt/title + title + aria-label, whitespace-collapsed: what identifies the entry. */
  label: string;
  onclick?: string;
  id?: string;
  className?: string;
  tag: string;
  selector: string;
  /** Inside a header/nav/footer/menu region (site chrome rather than content). */
  inChrome: boolean;
  /** In a list row that carries a date: a news/article item, not an entry to a service. */
  inDatedRow: boolean;
  /** In an article's body text (a CMS content container such as #zoom): a link in running text, not an entry. */
  inArticle: boolean;
  /** src of the images inside the link (image-only entries are known by their file names). */
  images: string[];
  /** id/class tokens of the images inside the link. */
  imageIdClass: string;
  /** In a slide, tab or drop-down menu hidden by an inline style until a script shows it. */
  toggled: boolean;
  /** Written by an inline document.write call, not present as markup. */
  scripted: boolean;
}

export interface PageScript {
  src?: string;
  url?: string;
  host?: string;
  /** Inline source (unescaped %XX sequences appended, because document.write(unescape(...)) hides URLs). */
  inline?: string;
  attrs: Record<string, string>;
  selector: string;
}

export interface PageResource {
  tag: 'iframe' | 'img' | 'stylesheet' | 'embed';
  src: string;
  url?: string;
  host?: string;
  alt?: string;
  title?: string;
  hidden: boolean;
  selector: string;
  /** Inside a header/nav/footer region. */
  inChrome?: boolean;
  /** Inside a link (then the link is the entry, not the image). */
  inLink?: boolean;
}

export interface PageForm {
  action?: string;
  url?: string;
  method: string;
  /** Names and placeholders of text inputs. */
  inputs: string[];
  /** Visible text inside the form plus button values. */
  text: string;
  selector: string;
}

/** A text-entry control, inside a <form> or not (input, or a component such as <el-input>). */
export interface PageInput {
  tag: string;
  /** name, id, class, placeholder, title, aria-label and value, space-separated. */
  hint: string;
  /** The hint without the value: what the field asks for, whatever it holds. */
  asks: string;
  /** Its value attribute, collapsed (a prompt such as 请输入关键字, or content such as a query echoed back). */
  value?: string;
  /** name, id and class only (what the page's code calls it). */
  naming: string;
  /** Key handlers and framework event bindings (onkeydown, @keyup.enter …). */
  code: string;
  /** id/class tokens of up to three ancestors, nearest first. */
  box: string;
  /** Submit-like controls beside it (same form, else within two ancestors): label, id/class and code of each. */
  buttons: { label: string; idClass: string; code: string }[];
  /** The enclosing form's action and resolved URL, when it has one. */
  form?: { action?: string; url?: string };
  /** A password field sits beside it: a login or a letter lookup (信件编号 + 查询密码), never a site search. */
  withPassword?: boolean;
  readonly: boolean;
  hidden: boolean;
  toggled: boolean;
  inChrome: boolean;
  scripted: boolean;
  selector: string;
}

/** A list row (li/tr/dd) with a link: the unit of column items and letter lists. */
export interface PageRow {
  text: string;
  links: PageLink[];
  inChrome: boolean;
  selector: string;
  tag: string;
}

export interface PageModel {
  snapshot: PageSnapshot;
  /** Base URL for resolving links: <base href>, else the final URL. */
  url: string;
  /** Visible text, whitespace-collapsed, with block boundaries as spaces and inline runs joined. */
  text: string;
  title: string;
  links: PageLink[];
  scripts: PageScript[];
  resources: PageResource[];
  forms: PageForm[];
  inputs: PageInput[];
  rows: PageRow[];
  /** Short visible texts of blocks and spans (≤ 30 chars): captions such as "微信小程序" under a QR code. */
  captions: string[];
  /** <meta name|property|http-equiv> → content (names lower-cased). */
  meta: Record<string, string>;
  comments: string[];
  /** class and id tokens seen anywhere (CMS fingerprints). */
  classTokens: Set<string>;
  /** Attribute names seen anywhere (widgets leave their own, e.g. aria-basefontsize once a toolbar ran). */
  attributeNames: Set<string>;
  /** Body as fetched (for raw fingerprints), never used for visible-text matching. */
  html: string;
}
