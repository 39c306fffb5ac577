/**
 * The shared page model: one parse per page snapshot (cached), reduced to what a person sees.
 * Decoys are dropped here once, so no detector has to remember them: comments, <script>/<style>/
 * <template>/<noscript> content, and markup hidden by `hidden`, `aria-hidden="true"`, inline
 * `display:none`/`visibility:hidden`, or a utility class that only hides (hidden, hide, d-none …). Meta keywords/description are kept apart in `meta` and never
 * mixed into the visible text. Scripts, iframes, images and stylesheets are collected whether or
 * not they are visible (they load either way).
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { PageSnapshot } from '../../src/types.js';
import { absoluteUrl, hostOf } from './urls.js';

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
  rows: PageRow[];
  /** Short visible texts of blocks and spans (≤ 30 chars): captions such as "微信小程序" under a QR code. */
  captions: string[];
  /** <meta name|property|http-equiv> → content (names lower-cased). */
  meta: Record<string, string>;
  comments: string[];
  /** class and id tokens seen anywhere (CMS fingerprints). */
  classTokens: Set<string>;
  /** Body as fetched (for raw fingerprints), never used for visible-text matching. */
  html: string;
}

const BLOCK = new Set(
  'address article aside blockquote body br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul option select button label center marquee'.split(' '),
);
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'head', 'svg', 'object']);
const CHROME_TAG = new Set(['header', 'nav', 'footer']);
const CHROME_NAME = /(^|[-_\s])(nav|menu|header|head|top|footer|foot|bottom|banner)([-_\s\d]|$)/i;

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

export function collapse(s: string): string {
  return s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}

function isHiddenEl(el: Element): boolean {
  const a = el.attribs;
  if ('hidden' in a) return true;
  if ((a['aria-hidden'] ?? '').toLowerCase() === 'true') return true;
  if (el.name === 'input' && (a.type ?? '').toLowerCase() === 'hidden') return true;
  if (a.class && HIDDEN_CLASS.test(a.class)) return true;
  const style = (a.style ?? '').toLowerCase();
  return /display\s*:\s*none|visibility\s*:\s*hidden/.test(style);
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
  $('script').each((_, el) => {
    const src = el.attribs.src?.trim();
    const abs = src ? absoluteUrl(src, url) : undefined;
    const inlineRaw = src ? undefined : $(el).text();
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

  const texts: string[] = [];
  const links: PageLink[] = [];
  const forms: PageForm[] = [];
  const rows: PageRow[] = [];
  const captions: string[] = [];
  const comments: string[] = [];
  const classTokens = new Set<string>();
  const push = (s: string) => {
    texts.push(s);
  };
  const joined = () => texts.join('');

  const walk = (node: AnyNode, hidden: boolean, chrome: boolean, extraLabel: string[] | null): void => {
    if (node.type === 'comment') {
      comments.push((node as unknown as { data: string }).data);
      return;
    }
    if (node.type === 'text') {
      if (!hidden) push((node as unknown as { data: string }).data);
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root' && node.type !== 'script' && node.type !== 'style') return;
    if (node.type === 'root') {
      for (const c of (node as unknown as { children: AnyNode[] }).children) walk(c, hidden, chrome, extraLabel);
      return;
    }
    const el = node as Element;
    const tag = el.name.toLowerCase();
    for (const t of `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.split(/\s+/)) if (t) classTokens.add(t.toLowerCase());
    if (SKIP.has(tag)) {
      // <head> holds no visible content; comments inside it still matter for fingerprints.
      if (tag === 'head') $(el).contents().each((_, c) => void (c.type === 'comment' && comments.push((c as unknown as { data: string }).data)));
      return;
    }
    const hid = hidden || isHiddenEl(el);
    const chr = chrome || isChromeEl(el);

    if (tag === 'iframe' || tag === 'frame' || tag === 'img' || tag === 'embed') {
      const src = (el.attribs.src ?? el.attribs['data-src'] ?? '').trim();
      if (src) {
        const abs = absoluteUrl(src, url);
        resources.push({
          tag: tag === 'frame' ? 'iframe' : (tag as 'iframe' | 'img' | 'embed'), // <frame> of old framesets acts as an iframe
          src,
          url: abs,
          host: abs ? hostOf(abs) : undefined,
          alt: el.attribs.alt,
          title: el.attribs.title,
          hidden: hid,
          selector: selectorOf(el),
        });
      }
      if (tag === 'img' && !hid && extraLabel) extraLabel.push(el.attribs.alt ?? '', el.attribs.title ?? '');
      return;
    }
    if (tag === 'input' && !hid && extraLabel) {
      const t = (el.attribs.type ?? '').toLowerCase();
      if (t === 'button' || t === 'submit' || t === 'image') extraLabel.push(el.attribs.value ?? '', el.attribs.alt ?? '');
    }

    const block = BLOCK.has(tag);
    if (block && !hid) push(' ');
    const startIdx = texts.length;
    const onclick = el.attribs.onclick;
    const dataHref = el.attribs['data-href'] ?? el.attribs['data-url'];
    const isLink = (tag === 'a' || tag === 'area') ? !!(el.attribs.href || onclick) : !!(onclick || dataHref);
    const label: string[] | null = isLink ? [] : extraLabel;
    const rowStart = links.length;

    for (const c of el.children) walk(c, hid, chr, label);
    if (block && !hid) push(' ');

    if (isLink && !hid) {
      const text = collapse(texts.slice(startIdx).join(''));
      const rawHref = (el.attribs.href ?? dataHref ?? (onclick ? urlFromOnclick(onclick) : undefined))?.trim();
      const abs = rawHref && !/^(javascript:|#|mailto:|tel:)/i.test(rawHref) ? absoluteUrl(rawHref, url) : undefined;
      const labelText = collapse([text, ...(label ?? []), el.attribs.title ?? '', el.attribs['aria-label'] ?? '', tag === 'area' ? el.attribs.alt ?? '' : ''].join(' '));
      links.push({
        href: rawHref,
        url: abs,
        host: abs ? hostOf(abs) : undefined,
        text,
        label: labelText,
        onclick,
        id: el.attribs.id,
        className: el.attribs.class,
        tag,
        selector: selectorOf(el),
        inChrome: chr,
        inDatedRow: false,
      });
      if (extraLabel) extraLabel.push(labelText);
    }
    if (!hid && (block || tag === 'span' || tag === 'font' || tag === 'em' || tag === 'strong')) {
      const t = collapse(texts.slice(startIdx).join(''));
      if (t && t.length <= 30) captions.push(t);
    }
    if (!hid && (tag === 'li' || tag === 'tr' || tag === 'dd')) {
      const rowText = collapse(texts.slice(startIdx).join(''));
      const rowLinks = links.slice(rowStart);
      if (ROW_DATE.test(rowText)) for (const l of rowLinks) l.inDatedRow = true;
      rows.push({ text: rowText, links: rowLinks, inChrome: chr, selector: selectorOf(el), tag });
    }
    if (tag === 'form' && !hid) {
      const action = el.attribs.action?.trim();
      const $f = $(el);
      const inputs: string[] = [];
      $f.find('input, textarea').each((_, i) => {
        const t = (i.attribs.type ?? 'text').toLowerCase();
        if (['text', 'search', ''].includes(t) || i.name === 'textarea') inputs.push([i.attribs.name, i.attribs.id, i.attribs.placeholder].filter(Boolean).join(' '));
      });
      const buttons = $f.find('input[type=submit], input[type=button], input[type=image], button').map((_, b) => b.attribs.value ?? b.attribs.alt ?? $(b).text()).get();
      forms.push({
        action,
        url: action && !/^javascript:/i.test(action) ? absoluteUrl(action, url) : action === '' || action === undefined ? url : undefined,
        method: (el.attribs.method ?? 'get').toLowerCase(),
        inputs,
        text: collapse([texts.slice(startIdx).join(''), ...buttons].join(' ')),
        selector: selectorOf(el),
      });
    }
  };
  walk($.root()[0] as AnyNode, false, false, null);

  return {
    snapshot,
    url,
    text: collapse(joined()),
    title: collapse($('title').first().text()),
    links,
    scripts,
    resources,
    forms,
    rows,
    captions,
    meta,
    comments,
    classTokens,
    html,
  };
}
