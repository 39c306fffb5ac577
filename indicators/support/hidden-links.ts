/**
 * Which checked links a visitor could not see on the page they came from. A link that exists only
 * in hidden markup (display:none, `hidden`, aria-hidden containers, hide classes: leftovers, SEO
 * stuffing, disabled menu entries) is not a link users meet, so a 404 behind it is not a broken
 * link of the site. Only links found in the source page's markup are judged: links the crawler
 * took from onclick handlers or a rendered DOM we do not hold stay counted.
 */
import * as cheerio from 'cheerio';
import type { LinkCheck, SiteArtifacts } from '../../src/types.js';
import { pageModel } from '../page/model.js';
import { absoluteUrl } from '../page/urls.js';

const noHash = (u: string): string => u.replace(/#.*$/, '');

/** URLs linked by <a>/<area> in the page markup, visible or not. */
function markupLinks(html: string, base: string): Set<string> {
  const $ = cheerio.load(html);
  const out = new Set<string>();
  $('a[href], area[href]').each((_, el) => {
    const abs = absoluteUrl($(el).attr('href') ?? '', base);
    if (abs) out.add(noHash(abs));
  });
  return out;
}

/** Predicate: true for a check whose link appears on its source page(s) only in hidden markup. */
export function hiddenOnSource(site: SiteArtifacts): (c: LinkCheck) => boolean {
  const memo = new Map<string, { all: Set<string>; visible: Set<string> } | null>();
  const linksOf = (fromUrl: string) => {
    if (memo.has(fromUrl)) return memo.get(fromUrl)!;
    const sources = site.pages.filter((p) => p.body && (p.url === fromUrl || p.finalUrl === fromUrl));
    let r: { all: Set<string>; visible: Set<string> } | null = null;
    if (sources.length) {
      r = { all: new Set(), visible: new Set() };
      for (const p of sources) {
        const m = pageModel(p);
        for (const u of markupLinks(m.html, m.url)) r.all.add(u);
        for (const l of m.links) if (l.url) r.visible.add(noHash(l.url));
      }
    }
    memo.set(fromUrl, r);
    return r;
  };
  return (c) => {
    const src = linksOf(c.fromUrl);
    const u = noHash(c.url);
    return !!src && src.all.has(u) && !src.visible.has(u);
  };
}
