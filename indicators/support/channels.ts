/**
 * Interaction channels of a site, one definition for the indicators that need them: entries on
 * the homepage (links by label, image or address; 12345 badges), and — when the homepage only
 * links a 互动交流 section — the entries on the section page the crawler read.
 */

import type { Evidence, PageSnapshot, SiteArtifacts } from '../../src/types.js';
import { CONCEPTS, INTERACTION_KINDS } from '../concepts/index.js';
import { type PageModel, type PageResource, pageModel } from '../page/model.js';
import type { LinkTarget } from '../values.js';
import { linkEvidence, pageEvidence } from './evidence.js';
import { homeViews, pagesByRole, type View } from './home.js';
import { matchLink, matchSection, pathOf } from './links.js';

export type Kind = (typeof INTERACTION_KINDS)[number]['kind'];
const IA = CONCEPTS.interaction;

/** Pinyin of channel kinds in paths and image names (ldxx = 领导信箱), for entries without words. */
const KIND_CODES: [Kind, RegExp][] = [
  ['mailbox', /ldxx|szxx|sjxx|mailbox|xinxiang/i],
  ['hotline12345', /12345/],
  ['consult', /zxzx|wyzx|consult/i],
];

function kindOf(label: string, hints: string): Kind {
  return (
    INTERACTION_KINDS.find((k) => k.text.test(label))?.kind ??
    KIND_CODES.find(([, re]) => re.test(hints))?.[0] ??
    'message'
  );
}

export interface Found {
  kind: Kind;
  entry?: LinkTarget;
  evidence: Evidence;
  rendered: boolean;
}

/** Channel entries of one page: links, and hotline badges that need no link. */
function channels(m: PageModel, page: PageSnapshot, rendered: boolean): { found: Found[]; sections: string[] } {
  const found: Found[] = [];
  const sections: string[] = [];
  const seen = new Set<string>();
  for (const l of m.links) {
    const hit = matchLink(l, IA);
    // A link labelled as a section (政民互动 → the 12345 platform's front page) is the section,
    // whatever its address: only a channel's own wording makes it a channel.
    const sectionLabel = l.label.length <= 8 && IA.sections.text.some((re) => re.test(l.label));
    if (!hit || (sectionLabel && !hit.by.includes('text'))) {
      if (matchSection(l, IA)) sections.push(l.label || pathOf(l.url));
      continue;
    }
    const kind = kindOf(l.label, `${pathOf(l.url)} ${l.images.join(' ')}`);
    // 业务投诉 → /zmhd/index.shtml#2 is the 政民互动 landing page under another name: a section, not a channel.
    // A script-routed page (/hdjl/#/write) is a page of its own.
    if (kind === 'message' && l.url && isLandingPage(l.url)) {
      sections.push(l.label);
      continue;
    }
    const key = `${l.url ?? l.onclick ?? l.href}|${l.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({
      kind,
      ...(l.url || l.href
        ? { entry: { url: l.url ?? m.url, host: l.host ?? '', ...(l.label ? { text: l.label } : {}) } }
        : {}),
      rendered,
      evidence: linkEvidence(page, l, hit.pattern),
    });
  }
  for (const r of m.resources) {
    const label = `${r.alt ?? ''} ${r.title ?? ''}`.trim();
    const badge = badgeOf(r, label);
    if (!badge || seen.has(`badge|${label || r.src}`)) continue;
    seen.add(`badge|${label || r.src}`);
    found.push({
      kind: kindOf(label, r.src),
      rendered,
      evidence: pageEvidence(page, 'attribute', {
        selector: r.selector,
        pattern: `badge ${badge.source}`,
        snippet: `<img alt="${label}" src="${r.src}">`,
      }),
    });
  }
  return { found, sections };
}

/** The section's landing page itself: its path, unless a hash route (#/write, #!/letters) names a page within it. */
function isLandingPage(url: string): boolean {
  const u = new URL(url);
  return IA.sections.landing.test(u.pathname) && !/^#!?\/[^/]/.test(u.hash);
}

/**
 * An image that is a channel by itself (a 12345 hotline badge, not in a link): known by its alt/title,
 * or, when it has neither, by its file name where the page chrome shows it.
 */
function badgeOf(r: PageResource, label: string): RegExp | undefined {
  if (r.tag !== 'img' || r.hidden || r.inLink) return undefined;
  if (label) return label.length <= 30 ? IA.badges?.find((re) => re.test(label)) : undefined;
  const file = r.src.split(/[?#]/)[0]!.split('/').pop() ?? '';
  return r.inChrome ? IA.badgeFiles?.find((re) => re.test(file)) : undefined;
}

export interface SiteChannels {
  views: View[];
  blocker?: string;
  found: Found[];
  /** Section labels on the homepage (互动交流 …), which lead to channels without being one. */
  sections: string[];
  via: 'homepage' | 'section_page';
  /** The section pages the crawler read (role interaction). */
  sectionPages: PageSnapshot[];
}

export function siteChannels(site: SiteArtifacts): SiteChannels {
  const { views, blocker } = homeViews(site);
  const found: Found[] = [];
  const sections: string[] = [];
  for (const v of views) {
    const r = channels(v.model, v.page, v.rendered);
    found.push(...r.found);
    sections.push(...r.sections);
  }
  const sectionPages = pagesByRole(site, ['interaction']).ok;
  let via: SiteChannels['via'] = 'homepage';
  if (!found.length && sections.length) {
    for (const p of sectionPages) found.push(...channels(pageModel(p), p, p.crawler === 'browser').found);
    if (found.length) via = 'section_page';
  }
  return { views, blocker, found, sections, via, sectionPages };
}
