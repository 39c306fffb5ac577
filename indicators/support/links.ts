/**
 * Matching links against a concept's signals (lexicon.ts). An entry is a short label: a link whose
 * label is longer than `maxLabel` characters is a headline that merely mentions the word
 * ("推进无障碍环境建设…"), and so is a link in a dated list row: their text does not count
 * (their host/path still may).
 */
import { HEADLINE, type ConceptSignals } from '../lexicon.js';
import type { PageLink, PageModel } from '../page/model.js';
import type { View } from './home.js';
import { registrableDomain } from '../page/urls.js';

export interface LinkMatch {
  link: PageLink;
  /** 2 for text, +1.5 host, +1 path. */
  score: number;
  by: ('text' | 'host' | 'path')[];
  pattern: string;
}

export const DEFAULT_MAX_LABEL = 16;
/** A path match only counts for short labels (or image links): a headline filed under /xxgk/ is not an entry. */
const PATH_MAX_LABEL = 6;

export function matchLink(link: PageLink, signals: ConceptSignals, maxLabel = DEFAULT_MAX_LABEL): LinkMatch | undefined {
  const label = link.label;
  if (signals.notText?.some((re) => re.test(label))) return undefined;
  const by: LinkMatch['by'] = [];
  const patterns: string[] = [];
  let score = 0;
  // A dated list row is an article ("…推进政务服务“一网通办”  2026-11-20"), not an entry.
  if (label.length <= maxLabel && !link.inDatedRow && !HEADLINE.test(label)) {
    const t = signals.text.find((re) => re.test(label));
    if (t) {
      score += 2;
      by.push('text');
      patterns.push(t.source);
    }
  }
  if (link.host) {
    // Label patterns such as /(^|\.)(hd|data)\./ are meant for sub-domains: the city's own label
    // (www.hd.gov.cn is 邯郸, www.zs.gov.cn is 中山) must not match them.
    const sub = link.host.slice(0, link.host.length - registrableDomain(link.host).length);
    const h = signals.host?.find((re) => (re.source.endsWith('\\.') ? re.test(sub) : re.test(link.host!)));
    if (h) {
      score += 1.5;
      by.push('host');
      patterns.push(h.source);
    }
    let path = '';
    try {
      const u = new URL(link.url!);
      path = u.pathname + u.search;
    } catch {
      /* no path */
    }
    // A path alone is weak: only for short labels (or image links) outside dated rows, not for headlines filed under /xxgk/.
    const p = label.length <= PATH_MAX_LABEL && !link.inDatedRow && !HEADLINE.test(label) ? signals.path?.find((re) => re.test(path)) : undefined;
    if (p) {
      score += 1;
      by.push('path');
      patterns.push(p.source);
    }
  }
  return score > 0 ? { link, score, by, pattern: patterns.join(' | ') } : undefined;
}

/** Matching links of a page, best first (ties: text matches, then document order). */
export function matchConcept(model: PageModel, signals: ConceptSignals, maxLabel = DEFAULT_MAX_LABEL): LinkMatch[] {
  const out: LinkMatch[] = [];
  for (const l of model.links) {
    const m = matchLink(l, signals, maxLabel);
    if (m) out.push(m);
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Best match over the homepage views, raw first; `rendered` tells it was found only after JS. */
export function bestEntry(views: View[], signals: ConceptSignals, maxLabel = DEFAULT_MAX_LABEL, requireUrl = false): { match: LinkMatch; view: View } | undefined {
  let best: { match: LinkMatch; view: View } | undefined;
  for (const v of views) {
    const m = matchConcept(v.model, signals, maxLabel).find((x) => !requireUrl || x.link.url);
    if (m && (!best || m.score > best.match.score)) best = { match: m, view: v };
  }
  return best;
}

/** The kind of element: an <a>/<area> (also with a javascript: toggle) is a link; anything else clickable is a button. */
export function linkVia(l: PageLink): 'link' | 'button' {
  return l.tag === 'a' || l.tag === 'area' ? 'link' : 'button';
}

export function entryConfidence(m: LinkMatch): number {
  if (m.by.includes('text') && m.by.length > 1) return 0.95;
  if (m.by.includes('text')) return 0.85;
  if (m.by.includes('host')) return 0.7;
  return 0.6;
}

export function describeMatch(m: LinkMatch): string {
  const parts = m.by.map((b) => (b === 'text' ? `label "${m.link.label.slice(0, 40)}"` : b === 'host' ? `host ${m.link.host}` : `path of ${m.link.url}`));
  return parts.join(' and ');
}
