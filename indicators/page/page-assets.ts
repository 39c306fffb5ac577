/**
 * What a page declares and loads whether or not it is visible: its meta tags, its scripts and
 * its stylesheets (one pass each over the parsed document, for the page model).
 */
import type { CheerioAPI } from 'cheerio';
import { safeUnescape, selectorOf } from './elements.js';
import type { PageResource, PageScript } from './model-types.js';
import { absoluteUrl, hostOf } from './urls.js';

/** Meta tags by lower-cased name/property/http-equiv (the first one wins), plus `charset`. */
export function readMeta($: CheerioAPI): Record<string, string> {
  const meta: Record<string, string> = {};
  $('meta').each((_, el) => {
    const name = (el.attribs.name ?? el.attribs.property ?? el.attribs['http-equiv'] ?? '').toLowerCase();
    if (name && !(name in meta)) meta[name] = el.attribs.content ?? '';
    if (el.attribs.charset) meta.charset = el.attribs.charset;
  });
  return meta;
}

/** Every <script>, with its inline source (raw and unescaped); `inlineSources` are the raw inline bodies in order. */
export function readScripts($: CheerioAPI, url: string): { scripts: PageScript[]; inlineSources: string[] } {
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
      inline: inlineRaw === undefined ? undefined : `${inlineRaw}\n${safeUnescape(inlineRaw)}`,
      attrs: { ...el.attribs },
      selector: selectorOf(el),
    });
  });
  return { scripts, inlineSources };
}

/** Stylesheets linked from the page (never hidden: they load either way). */
export function readStylesheets($: CheerioAPI, url: string): PageResource[] {
  const resources: PageResource[] = [];
  $('link[rel~="stylesheet"][href], link[href$=".css"]').each((_, el) => {
    const src = el.attribs.href!;
    const abs = absoluteUrl(src, url);
    resources.push({
      tag: 'stylesheet',
      src,
      url: abs,
      host: abs ? hostOf(abs) : undefined,
      hidden: false,
      selector: selectorOf(el),
    });
  });
  return resources;
}
