/**
 * The shared page model: one parse per page snapshot (cached), reduced to what a person sees.
 * Decoys are dropped here once, so no detector has to remember them: comments, <script>/<style>/
 * <template>/<noscript> content, and markup hidden by `hidden`, `aria-hidden="true"`, inline
 * `display:none`/`visibility:hidden`, or a utility class that only hides (hidden, hide, d-none …). Meta keywords/description are kept apart in `meta` and never
 * mixed into the visible text. Scripts, iframes, images and stylesheets are collected whether or
 * not they are visible (they load either way).
 *
 * Two kinds of markup a visitor does see are kept with a flag: links in a slide, tab or drop-down
 * menu that a script shows in turn (hidden by an inline style in a saved or rendered page:
 * `toggled`), and markup the page writes with inline `document.write` (`scripted`). Text inputs
 * are collected with or without a <form>, with the container and buttons around them, because
 * many portals submit their search by script.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { PageSnapshot } from '../../src/types.js';
import { absoluteUrl, hostOf } from './urls.js';
import { writtenMarkup } from './scripted.js';
import { collapse, TextRuns } from './text-runs.js';
import { limitDepth } from './depth.js';
import { attrsWith, ButtonFinder, isHandler } from './buttons.js';

export { collapse };

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

const BLOCK = new Set(
  'address article aside blockquote body br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul option select button label center marquee'.split(' '),
);
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'head', 'svg', 'object']);
const CHROME_TAG = new Set(['header', 'nav', 'footer']);
const CHROME_NAME = /(^|[-_\s])(nav|menu|header|head|top|footer|foot|bottom|banner)([-_\s\d]|$)/i;

/** An unrendered template expression ($pageHelpBean.getPagePath(…), {{url}}, ${url}, <%=url%>): the link leads nowhere yet. */
const TEMPLATE_HREF = /^\$|\{\{|\$\{|<%|\{\$/;

/** A date in a list row (cheap test; dates.ts does the real parsing). */
const ROW_DATE = /(19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|[[【(（]\s*\d{1,2}\s*[-/.]\s*\d{1,2}\s*[\]】)）]|(?<![\d-])\d{2}-\d{2}(?![\d-])/;

/**
 * Utility classes whose only meaning is "not shown" (Bootstrap, common CMS resets). Classes of
 * hover menus (sub, dropdown) are not in this list: their links are reachable entries.
 */
const HIDDEN_CLASS = /(^|\s)(hidden|hide|d-none|invisible|is-hidden|u-hidden|display-none)(\s|$)/i;

const cache = new WeakMap<PageSnapshot, PageModel>();

/** The model of a snapshot's body, parsed once and cached by snapshot identity. */
export function pageModel(snapshot: PageSnapshot): PageModel {
  let m = cache.get(snapshot);
  if (!m) {
    m = buildModel(snapshot);
    cache.set(snapshot, m);
  }
  return m;
}

/** How an element is hidden: 0 shown, 1 toggled (shown in turn by a script), 2 hidden. */
type Hidden = 0 | 1 | 2;

/**
 * Widgets that show their parts in turn: carousels, tabs, drop-down menus. A part hidden by an
 * inline style inside one is only waiting for its turn (a saved or rendered page freezes one state).
 */
export const TOGGLE_WIDGET = /slide|swiper|carousel|lunbo|scroll|marquee|tab|panel|(^|[-_\s])sub|submenu|drop|menu|erji|children|popup|layer|(^|[-_\s])item/i;

function hiddenState(el: Element): Hidden {
  const a = el.attribs;
  if ('hidden' in a) return 2;
  if ((a['aria-hidden'] ?? '').toLowerCase() === 'true') return 2;
  if (el.name === 'input' && (a.type ?? '').toLowerCase() === 'hidden') return 2;
  if (a.class && HIDDEN_CLASS.test(a.class)) return 2;
  const style = (a.style ?? '').toLowerCase();
  if (!/display\s*:\s*none|visibility\s*:\s*hidden/.test(style)) return 0;
  // An app shell hidden until its framework mounts (<div id="app" style="visibility:hidden" v-cloak>).
  if ('v-cloak' in a || 'ng-cloak' in a || 'x-cloak' in a) return 1;
  const parent = el.parent && el.parent.type === 'tag' ? (el.parent as Element) : undefined;
  const names = `${a.class ?? ''} ${a.id ?? ''} ${parent?.attribs.class ?? ''} ${parent?.attribs.id ?? ''}`;
  return TOGGLE_WIDGET.test(names) ? 1 : 2;
}

function isChromeEl(el: Element): boolean {
  if (CHROME_TAG.has(el.name)) return true;
  const name = `${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`;
  return CHROME_NAME.test(name);
}

/** A short CSS-ish path: up to 4 steps, stopping at the nearest ancestor with an id. */
export function selectorOf(el: Element): string {
  const parts: string[] = [];
  let cur: Element | null = el;
  while (cur && parts.length < 4) {
    const id = cur.attribs.id;
    const cls = (cur.attribs.class ?? '').trim().split(/\s+/)[0];
    parts.unshift(id ? `${cur.name}#${id}` : cls ? `${cur.name}.${cls}` : cur.name);
    if (id) break;
    const p: AnyNode | null = cur.parent;
    cur = p && p.type === 'tag' ? (p as Element) : null;
  }
  return parts.join(' > ');
}

function safeUnescape(s: string): string {
  if (!/%[0-9a-f]{2}/i.test(s)) return '';
  try {
    return decodeURIComponent(s.replace(/%u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
  } catch {
    return s.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

/** URL hidden in onclick handlers such as window.open('…') or location.href='…'. */
function urlFromOnclick(onclick: string): string | undefined {
  const m = /(?:window\.open|location(?:\.href)?\s*=|openWin\w*|openUrl\w*)\s*\(?\s*['"]([^'"]+)['"]/i.exec(onclick);
  return m?.[1];
}

function buildModel(snapshot: PageSnapshot): PageModel {
  const html = snapshot.body ?? '';
  const $ = cheerio.load(html);
  limitDepth($.root()[0] as AnyNode);
  const baseHref = $('base[href]').attr('href');
  const pageUrl = snapshot.finalUrl || snapshot.url;
  const url = (baseHref && absoluteUrl(baseHref, pageUrl)) || pageUrl;

  const meta: Record<string, string> = {};
  $('meta').each((_, el) => {
    const name = (el.attribs.name ?? el.attribs.property ?? el.attribs['http-equiv'] ?? '').toLowerCase();
    if (name && !(name in meta)) meta[name] = el.attribs.content ?? '';
    if (el.attribs.charset) meta.charset = el.attribs.charset;
  });

  const scripts: PageScript[] = [];
  const inlineSources: string[] = [];
  $('script').each((_, el) => {
    const src = el.attribs.src?.trim();
    const abs = src ? absoluteUrl(src, url) : undefined;
    const inlineRaw = src ? undefined : $(el).text();
    if (inlineRaw) inlineSources.push(inlineRaw);
    scripts.push({
      src,
      url: abs,
      host: abs ? hostOf(abs) : undefined,
      inline: inlineRaw === undefined ? undefined : inlineRaw + '\n' + safeUnescape(inlineRaw),
      attrs: { ...el.attribs },
      selector: selectorOf(el),
    });
  });

  const resources: PageResource[] = [];
  $('link[rel~="stylesheet"][href], link[href$=".css"]').each((_, el) => {
    const src = el.attribs.href!;
    const abs = absoluteUrl(src, url);
    resources.push({ tag: 'stylesheet', src, url: abs, host: abs ? hostOf(abs) : undefined, hidden: false, selector: selectorOf(el) });
  });

  // Text runs with how hidden they were: visible text is the shown runs; a toggled link's label also reads toggled runs.
  const texts = new TextRuns();
  const links: PageLink[] = [];
  const forms: PageForm[] = [];
  const inputEls: { el: Element; h: Hidden; chrome: boolean; scripted: boolean; form?: PageForm }[] = [];
  const rows: PageRow[] = [];
  const captions: string[] = [];
  const comments: string[] = [];
  const classTokens = new Set<string>();
  const attributeNames = new Set<string>();
  let scripted = false;
  const formStack: { form: PageForm; inputs: number }[] = [];

  const walk = (node: AnyNode, hidden: Hidden, chrome: boolean, extraLabel: string[] | null, images: { src: string; idClass: string }[] | null): void => {
    if (node.type === 'comment') {
      comments.push((node as unknown as { data: string }).data);
      return;
    }
    if (node.type === 'text') {
      if (hidden < 2) texts.push((node as unknown as { data: string }).data, hidden);
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root' && node.type !== 'script' && node.type !== 'style') return;
    if (node.type === 'root') {
      for (const c of (node as unknown as { children: AnyNode[] }).children) walk(c, hidden, chrome, extraLabel, images);
      return;
    }
    const el = node as Element;
    const tag = el.name.toLowerCase();
    for (const t of `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.split(/\s+/)) if (t) classTokens.add(t.toLowerCase());
    for (const k of Object.keys(el.attribs)) attributeNames.add(k.toLowerCase());
    if (SKIP.has(tag)) {
      // <head> holds no visible content; comments inside it still matter for fingerprints.
      if (tag === 'head') $(el).contents().each((_, c) => void (c.type === 'comment' && comments.push((c as unknown as { data: string }).data)));
      return;
    }
    const hid = Math.max(hidden, hiddenState(el)) as Hidden;
    const chr = chrome || isChromeEl(el);

    if (tag === 'iframe' || tag === 'frame' || tag === 'img' || tag === 'embed') {
      const src = (el.attribs.src ?? el.attribs['data-src'] ?? el.attribs['data-original'] ?? '').trim();
      if (src) {
        const abs = absoluteUrl(src, url);
        resources.push({
          tag: tag === 'frame' ? 'iframe' : (tag as 'iframe' | 'img' | 'embed'), // <frame> of old framesets acts as an iframe
          src,
          url: abs,
          host: abs ? hostOf(abs) : undefined,
          alt: el.attribs.alt,
          title: el.attribs.title,
          hidden: hid === 2,
          selector: selectorOf(el),
          inChrome: chr,
          inLink: !!images,
        });
      }
      if (tag === 'img' && hid < 2 && extraLabel) extraLabel.push(el.attribs.alt ?? '', el.attribs.title ?? '');
      if (tag === 'img' && hid < 2 && images && src) images.push({ src, idClass: `${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`.trim() });
      return;
    }
    if (tag === 'input' && hid < 2 && extraLabel) {
      const t = (el.attribs.type ?? '').toLowerCase();
      if (t === 'button' || t === 'submit' || t === 'image') extraLabel.push(el.attribs.value ?? '', el.attribs.alt ?? '');
    }
    if (isTextEntry(el)) inputEls.push({ el, h: hid, chrome: chr, scripted, form: formStack.at(-1)?.form });

    const block = BLOCK.has(tag);
    if (block && hid < 2) texts.push(' ', hid);
    const start = texts.mark();
    const onclick = el.attribs.onclick;
    const dataHref = el.attribs['data-href'] ?? el.attribs['data-url'];
    const isLink = (tag === 'a' || tag === 'area') ? !!(el.attribs.href || onclick) : !!(onclick || dataHref);
    const label: string[] | null = isLink ? [] : extraLabel;
    const linkImages = isLink ? [] : images;
    const rowStart = links.length;
    if (tag === 'form' && hid < 2) {
      const action = el.attribs.action?.trim();
      formStack.push({
        form: {
          action,
          url: action && !/^javascript:/i.test(action) ? absoluteUrl(action, url) : action === '' || action === undefined ? url : undefined,
          method: (el.attribs.method ?? 'get').toLowerCase(),
          inputs: [],
          text: '',
          selector: selectorOf(el),
        },
        inputs: inputEls.length,
      });
    }

    for (const c of el.children) walk(c, hid, chr, label, linkImages);
    if (block && hid < 2) texts.push(' ', hid);

    if (isLink && hid < 2) {
      const text = texts.textSince(start, hid);
      const rawHref = (el.attribs.href ?? dataHref ?? (onclick ? urlFromOnclick(onclick) : undefined))?.trim();
      const abs = rawHref && !/^(javascript:|#|mailto:|tel:)/i.test(rawHref) && !TEMPLATE_HREF.test(rawHref) ? absoluteUrl(rawHref, url) : undefined;
      const labelText = collapse([text, ...(label ?? []), el.attribs.title ?? '', el.attribs['aria-label'] ?? '', tag === 'area' ? el.attribs.alt ?? '' : ''].join(' '));
      links.push({
        href: rawHref,
        url: abs,
        host: abs ? hostOf(abs) || undefined : undefined,
        text,
        label: labelText,
        onclick,
        id: el.attribs.id,
        className: el.attribs.class,
        tag,
        selector: selectorOf(el),
        inChrome: chr,
        inDatedRow: false,
        images: (linkImages ?? []).map((i) => i.src),
        imageIdClass: (linkImages ?? []).map((i) => i.idClass).join(' ').trim(),
        toggled: hid === 1,
        scripted,
      });
      if (extraLabel) extraLabel.push(labelText);
      if (images) for (const i of linkImages ?? []) images.push(i);
    }
    if (hid === 0 && (block || tag === 'span' || tag === 'font' || tag === 'em' || tag === 'strong')) {
      const t = texts.shortTextSince(start, 30);
      if (t) captions.push(t);
    }
    if (hid === 0 && (tag === 'li' || tag === 'tr' || tag === 'dd')) {
      const rowText = texts.textSince(start, 0);
      const rowLinks = links.slice(rowStart);
      if (ROW_DATE.test(rowText)) for (const l of rowLinks) l.inDatedRow = true;
      rows.push({ text: rowText, links: rowLinks, inChrome: chr, selector: selectorOf(el), tag });
    }
    if (tag === 'form' && hid < 2) {
      const { form, inputs: firstInput } = formStack.pop()!;
      const $f = $(el);
      for (const i of inputEls.slice(firstInput)) if (i.el.name === 'input' || i.el.name === 'textarea') form.inputs.push([i.el.attribs.name, i.el.attribs.id, i.el.attribs.placeholder].filter(Boolean).join(' '));
      const buttons = $f.find('input[type=submit], input[type=button], input[type=image], button').map((_, b) => b.attribs.value ?? b.attribs.alt ?? $(b).text()).get();
      form.text = collapse([texts.textSince(start, 0), ...buttons].join(' '));
      forms.push(form);
    }
  };
  walk($.root()[0] as AnyNode, 0, false, null, null);
  const buttonFinder = new ButtonFinder(isTextEntry);

  // Markup the page writes with inline document.write: what the browser shows at that spot.
  scripted = true;
  for (const inline of inlineSources) {
    const written = writtenMarkup(inline);
    if (!written) continue;
    const root = cheerio.load(written, null, false).root()[0] as AnyNode;
    limitDepth(root);
    walk(root, 0, false, null, null);
  }

  return {
    snapshot,
    url,
    text: texts.all(),
    title: collapse($('title').first().text()),
    links,
    scripts,
    resources,
    forms,
    inputs: inputEls.map((i) => describeInput(buttonFinder, i, url)),
    rows,
    captions,
    meta,
    comments,
    classTokens,
    attributeNames,
    html,
  };
}

const TEXT_TYPES = new Set(['', 'text', 'search']);
/** Input components of UI frameworks (<el-input>, <a-input-search>, <van-search>) before a script renders them. */
const INPUT_COMPONENT = /^[a-z]+-(input|search|autocomplete)(-|$)|-(input|search)$/;

function isTextEntry(el: Element): boolean {
  if (el.name === 'input') return TEXT_TYPES.has((el.attribs.type ?? '').toLowerCase().trim());
  return el.name.includes('-') && INPUT_COMPONENT.test(el.name);
}

/** Element ancestors, nearest first (what `$(el).parents()` gives), at most `n`. */
function ancestorsOf(el: Element, n: number): Element[] {
  const out: Element[] = [];
  for (let p = el.parent; p && out.length < n && (p.type === 'tag' || p.type === 'script' || p.type === 'style'); p = p.parent) out.push(p as Element);
  return out;
}

/** The nearest enclosing <form> (`$(el).closest('form')`); the depth limit keeps this walk short. */
function enclosingForm(el: Element): Element | undefined {
  for (let p = el.parent; p && p.type === 'tag'; p = p.parent) if ((p as Element).name === 'form') return p as Element;
  return undefined;
}

function describeInput(finder: ButtonFinder, i: { el: Element; h: Hidden; chrome: boolean; scripted: boolean; form?: PageForm }, pageUrl: string): PageInput {
  const a = i.el.attribs;
  const naming = [a.name, a.id, a.class].filter(Boolean).join(' ');
  const hint = [naming, a.placeholder, a[':placeholder'], a.title, a['aria-label'], a.value, a['data-default']].filter(Boolean).join(' ');
  const ancestors = ancestorsOf(i.el, 3);
  const box = ancestors.map((p) => `${p.attribs.id ?? ''} ${p.attribs.class ?? ''}`.trim()).filter(Boolean).join(' | ');
  // The controls that submit it: its form's, else those within two ancestors (a search box is input + icon).
  const formEl = enclosingForm(i.el);
  const scope = formEl ?? ancestors[1] ?? ancestors[0];
  const buttons: PageInput['buttons'] = scope ? [...finder.buttonsIn(scope)] : [];
  return {
    tag: i.el.name,
    hint: collapse(hint),
    naming,
    code: attrsWith(i.el, isHandler),
    box,
    buttons,
    ...(i.form ? { form: { action: i.form.action, url: i.form.url } } : formEl ? { form: { action: formEl.attribs.action, url: formEl.attribs.action ? absoluteUrl(formEl.attribs.action, pageUrl) : pageUrl } } : {}),
    readonly: 'readonly' in a || 'disabled' in a,
    hidden: i.h === 2,
    toggled: i.h === 1,
    inChrome: i.chrome,
    scripted: i.scripted,
    selector: selectorOf(i.el),
  };
}
