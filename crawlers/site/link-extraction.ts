/**
 * Link discovery on one HTML document: <a>/<area> (text, alt/title of images inside, aria-label),
 * onclick/data-href URLs, iframes and frames. Crawled markup is data: nothing here executes it.
 */
import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { CONCEPTS } from '../../indicators/concepts/index.js';
import { writtenMarkup } from '../../indicators/page/scripted.js';
import { readableLabel } from '../../indicators/page/text-runs.js';

export interface FoundLink {
  url: string;
  /** Visible text, else alt/title/aria-label, whitespace-collapsed. */
  text: string;
  source: 'a' | 'area' | 'onclick' | 'iframe';
}

export interface SearchForm {
  action: string;
  method: 'GET' | 'POST';
  queryField: string;
  /** Hidden and preset fields sent along. */
  fields: Record<string, string>;
}

const collapse = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
const ONCLICK_URL =
  /(?:window\.open|location(?:\.href)?\s*=|location\.assign|location\.replace)\s*\(?\s*['"]([^'"]+)['"]/i;

export function absoluteUrl(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(javascript|mailto|tel|data|about|vbscript):/i.test(h)) return undefined;
  try {
    const u = new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    u.hash = '';
    return u.href;
  } catch {
    return undefined;
  }
}

export function loadHtml(html: string): cheerio.CheerioAPI {
  return cheerio.load(html);
}

/** Base URL of a document: <base href> when present. */
function documentBase($: cheerio.CheerioAPI, pageUrl: string): string {
  return absoluteUrl($('base[href]').attr('href'), pageUrl) ?? pageUrl;
}

/**
 * Links one page may contribute. A real portal page has hundreds, a site map a few thousand. A
 * generated list of 100,000 was parsed whole and every link kept for the site's link checks
 * (about 1 GB for one site), while roles take a handful per page and checks sample 30 per site.
 */
export const MAX_LINKS_PER_PAGE = 5000;

/** Tags and attributes that carry a link (what extractLinks reads), counted in the raw HTML. */
const LINK_MARK = /<(?:a|area|iframe|frame)[\s>]|\s(?:onclick|data-href|data-url)\s*=/gi;

export interface LinkScope {
  /** The page, or its beginning up to the first `max` links in document order. */
  html: string;
  /** Link tags and attributes on the whole page. */
  found: number;
  /** Set when the page was cut: what its record should say. */
  note?: string;
}

/**
 * The part of a page that holds its first `max` links, so a page of 100,000 links is neither
 * parsed whole nor kept whole. Counting is a scan of the raw text, not a parse.
 */
export function linkScope(html: string, max = MAX_LINKS_PER_PAGE): LinkScope {
  let found = 0;
  let cutAt = -1;
  for (const m of html.matchAll(LINK_MARK)) {
    found++;
    if (found === max + 1) cutAt = m[0].startsWith('<') ? m.index : html.lastIndexOf('<', m.index);
  }
  if (cutAt < 0) return { html, found };
  return {
    html: html.slice(0, cutAt),
    found,
    note: `links: ${found} link tags on the page, only the first ${max} (in document order) read`,
  };
}

export function extractLinks($: cheerio.CheerioAPI, pageUrl: string, max = MAX_LINKS_PER_PAGE): FoundLink[] {
  const base = documentBase($, pageUrl);
  const out: FoundLink[] = [];
  const seen = new Set<string>();
  const push = (url: string | undefined, text: string, source: FoundLink['source']) => {
    if (!url) return;
    const key = `${url}\u0000${text}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ url, text, source });
  };
  const labelOf = (el: AnyNode): string => {
    const $el = $(el);
    const text = readableLabel($el.text());
    if (text) return text;
    const img = $el.find('img').first();
    return readableLabel($el.attr('title') ?? $el.attr('aria-label') ?? img.attr('alt') ?? img.attr('title'));
  };
  // Each pass stops once the page has given its share (a/area first, then onclick, then frames).
  $('a[href], area[href]').each((_, el) => {
    if (out.length >= max) return false;
    const $el = $(el);
    const tag = (el as { tagName?: string }).tagName === 'area' ? 'area' : 'a';
    const href = $el.attr('href');
    const viaScript = /^javascript:/i.test(href ?? '') ? ONCLICK_URL.exec(href ?? '')?.[1] : undefined;
    push(
      absoluteUrl(viaScript ?? href, base),
      tag === 'area' ? readableLabel($el.attr('alt') ?? $el.attr('title')) : labelOf(el),
      tag,
    );
  });
  $('[onclick], [data-href], [data-url]').each((_, el) => {
    if (out.length >= max) return false;
    const $el = $(el);
    const m = ONCLICK_URL.exec($el.attr('onclick') ?? '');
    const url = m?.[1] ?? $el.attr('data-href') ?? $el.attr('data-url');
    push(absoluteUrl(url, base), labelOf(el), 'onclick');
  });
  $('iframe[src], frame[src]').each((_, el) => {
    if (out.length >= max) return false;
    const $el = $(el);
    push(absoluteUrl($el.attr('src'), base), collapse($el.attr('title') ?? $el.attr('name')), 'iframe');
  });
  return out;
}

const SEARCH = CONCEPTS.site_search;
const searchHint = (s: string) =>
  [...(SEARCH.path ?? []), ...SEARCH.text, ...SEARCH.boxIdClass].some((re) => re.test(s));

/** The site-search form: a form with a text/search input, preferring names that mean "query" (the site_search concept). */
export function findSearchForm($: cheerio.CheerioAPI, pageUrl: string): SearchForm | undefined {
  const base = documentBase($, pageUrl);
  let best: { form: SearchForm; score: number } | undefined;
  $('form').each((_, el) => {
    const $f = $(el);
    const inputs = $f.find('input');
    let queryField: string | undefined;
    let score = 0;
    const fields: Record<string, string> = {};
    inputs.each((__, inp) => {
      const $i = $(inp);
      const name = $i.attr('name');
      const type = ($i.attr('type') ?? 'text').toLowerCase();
      if (!name) return;
      if (type === 'hidden') fields[name] = $i.attr('value') ?? '';
      else if ((type === 'text' || type === 'search') && !queryField) {
        queryField = name;
        score = SEARCH.queryName.test(name) ? 2 : 1;
      }
    });
    if (!queryField) return;
    const hint = `${$f.attr('action') ?? ''} ${$f.attr('id') ?? ''} ${$f.attr('name') ?? ''} ${$f.attr('class') ?? ''} ${collapse($f.text())}`;
    if (searchHint(hint)) score += 2;
    if (/login|password|密码|登录/i.test(hint) || $f.find('input[type=password]').length) return;
    const action = absoluteUrl($f.attr('action') || pageUrl, base);
    if (!action) return;
    const method = ($f.attr('method') ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET';
    if (!best || score > best.score) best = { form: { action, method, queryField, fields }, score };
  });
  return best?.form;
}

/** URLs of scripts (src) and inline script texts mentioning an API path. */
export function scriptApiUrls($: cheerio.CheerioAPI, pageUrl: string): string[] {
  const out = new Set<string>();
  const re = /["'`]((?:https?:\/\/[^"'`\s]+)?\/[^"'`\s]*\/api\/[^"'`\s]*|\/api\/[^"'`\s]*)["'`]/gi;
  $('script').each((_, el) => {
    const text = $(el).html() ?? '';
    for (const m of text.matchAll(re)) {
      const u = absoluteUrl(m[1], pageUrl);
      if (u && !/\.(js|css)(\?|$)/i.test(u)) out.add(u);
    }
  });
  return [...out];
}

/** Markup the page's inline scripts write with document.write (headers of old CMS templates). */
export function scriptWrittenMarkup(html: string): string {
  const $ = loadHtml(html);
  return $('script:not([src])')
    .map((_, el) => writtenMarkup($(el).text()))
    .get()
    .filter(Boolean)
    .join('\n');
}
