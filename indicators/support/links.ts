/**
 * Matching links against a concept (indicators/concepts/). An entry is a short label: a link whose
 * label is longer than the concept's `maxLabel` is a headline that merely mentions the word
 * ("推进无障碍环境建设…"), and so is a link in a dated list row: their text does not count
 * (their host/path still may). Image-only entries are known by their image file names, toggles
 * by their onclick code and id/class.
 */
import type { Concept } from '../concepts/index.js';
import { HEADLINE } from '../lexicon.js';
import type { PageLink, PageModel } from '../page/model.js';
import { registrableDomain } from '../page/urls.js';
import type { View } from './home.js';

export type MatchedBy = 'text' | 'host' | 'path' | 'image' | 'idClass' | 'onclick';

export interface LinkMatch {
  link: PageLink;
  /** 2 text, 2 onclick, 1.5 host, 1.5 image, 1 path, 1 id/class. */
  score: number;
  by: MatchedBy[];
  pattern: string;
}

export const DEFAULT_MAX_LABEL = 16;
/** A path match only counts for short labels (or image links): a headline filed under /xxgk/ is not an entry. */
const PATH_MAX_LABEL = 6;

const first = (res: readonly RegExp[] | undefined, s: string) => (s ? res?.find((re) => re.test(s)) : undefined);

function fileName(src: string): string {
  return (src.split(/[?#]/)[0] ?? '').split('/').pop() ?? '';
}

/** Host patterns such as /(^|\.)(hd|data)\./ are meant for sub-domains: the city's own label (www.hd.gov.cn is 邯郸) must not match. */
function hostMatch(host: string, res: readonly RegExp[] | undefined): RegExp | undefined {
  const sub = host.slice(0, host.length - registrableDomain(host).length);
  return res?.find((re) => (re.source.endsWith('\\.') ? re.test(sub) : re.test(host)));
}

export function pathOf(url: string | undefined): string {
  try {
    const u = new URL(url!);
    return u.pathname + u.search;
  } catch {
    return '';
  }
}

export function matchLink(
  link: PageLink,
  concept: Concept,
  maxLabel = concept.maxLabel ?? DEFAULT_MAX_LABEL,
): LinkMatch | undefined {
  const label = link.label;
  if (first(concept.notText, label)) return undefined;
  if (link.host && hostMatch(link.host, concept.notHost)) return undefined;
  if (link.url && first(concept.notPath, pathOf(link.url))) return undefined;
  const hits: [MatchedBy, number, string][] = [];
  // A dated list row is an article ("…推进政务服务“一网通办”  2026-11-20"), not an entry.
  const entryLike = !link.inDatedRow && !link.inArticle && !HEADLINE.test(label);
  const t = label.length <= maxLabel && entryLike ? first(concept.text, label) : undefined;
  if (t) hits.push(['text', 2, t.source]);
  const code = [link.onclick ?? '', /^javascript:/i.test(link.href ?? '') ? link.href! : ''].join(' ').trim();
  const c = first(concept.onclick, code);
  if (c) hits.push(['onclick', 2, c.source]);
  const h = link.host ? hostMatch(link.host, concept.host) : undefined;
  if (h) hits.push(['host', 1.5, h.source]);
  const short = label.length <= PATH_MAX_LABEL && entryLike;
  const p = short ? first(concept.path, pathOf(link.url)) : undefined;
  if (p) hits.push(['path', 1, p.source]);
  // An image entry carries its meaning in the file name (robot.png, older.png); its label is empty or an alt.
  const img = short ? link.images.map(fileName).find((f) => first(concept.image, f)) : undefined;
  if (img) hits.push(['image', 1.5, `image ${img}`]);
  const idc =
    label.length <= maxLabel
      ? `${link.id ?? ''} ${link.className ?? ''} ${link.imageIdClass}`
          .split(/\s+/)
          .find((tok) => first(concept.idClass, tok))
      : undefined;
  if (idc) hits.push(['idClass', 1, `id/class ${idc}`]);
  if (!hits.length) return undefined;
  return {
    link,
    score: hits.reduce((s, x) => s + x[1], 0),
    by: hits.map((x) => x[0]),
    pattern: hits.map((x) => x[2]).join(' | '),
  };
}

/** A navigation label that leads to the concept's pages without being an entry (互动交流). */
export function matchSection(link: PageLink, concept: Concept): string | undefined {
  const s = concept.sections;
  if (!s || link.inDatedRow || link.label.length > 8) return undefined;
  return first(s.text, link.label)?.source ?? first(s.path, pathOf(link.url))?.source;
}

/** Matching links of a page, best first (ties: document order). */
export function matchConcept(model: PageModel, concept: Concept, maxLabel?: number): LinkMatch[] {
  const out: LinkMatch[] = [];
  for (const l of model.links) {
    const m = matchLink(l, concept, maxLabel);
    if (m) out.push(m);
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Best match over the homepage views, raw first; `rendered` tells it was found only after JS. */
export function bestEntry(
  views: View[],
  concept: Concept,
  maxLabel?: number,
  requireUrl = false,
): { match: LinkMatch; view: View } | undefined {
  let best: { match: LinkMatch; view: View } | undefined;
  for (const v of views) {
    const m = matchConcept(v.model, concept, maxLabel).find((x) => !requireUrl || x.link.url);
    if (m && (!best || m.score > best.match.score)) best = { match: m, view: v };
  }
  return best;
}

/** The kind of element: an <a>/<area> (also with a javascript: toggle) is a link; anything else clickable is a button. */
export function linkVia(l: PageLink): 'link' | 'button' {
  return l.tag === 'a' || l.tag === 'area' ? 'link' : 'button';
}

export function entryConfidence(m: LinkMatch): number {
  const by = m.by;
  let c =
    by.includes('text') && by.length > 1
      ? 0.95
      : by.includes('text') || by.includes('onclick')
        ? 0.85
        : by.includes('host') || by.includes('image')
          ? 0.7
          : 0.6;
  // Shown only in turn (a slide, a menu) or written by a script: a visitor sees it, a little less surely.
  if (m.link.toggled || m.link.scripted) c -= 0.05;
  return Math.round(c * 100) / 100;
}

export function describeMatch(m: LinkMatch): string {
  const l = m.link;
  const parts = m.by.map((b) =>
    b === 'text'
      ? `label "${l.label.slice(0, 40)}"`
      : b === 'host'
        ? `host ${l.host}`
        : b === 'path'
          ? `path of ${l.url}`
          : b === 'image'
            ? `image ${l.images.map(fileName).join(', ').slice(0, 60)}`
            : b === 'onclick'
              ? `onclick ${(l.onclick ?? l.href ?? '').slice(0, 40)}`
              : `id/class "${`${l.id ?? ''} ${l.className ?? ''}`.trim().slice(0, 40)}"`,
  );
  const where = l.toggled
    ? ' (in a slide, tab or menu shown in turn)'
    : l.scripted
      ? ' (written by document.write)'
      : '';
  return parts.join(' and ') + where;
}
