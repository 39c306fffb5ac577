/**
 * What the role handlers do with a page's links, as the page-role table's `next` says: portal pages
 * (home, frames, columns, the site map) lead to platforms and columns; platform pages lead further
 * into their platform. Best candidates first, so a role's budget goes to its surest entries.
 */
import { PAGE_ROLE_TABLE, type PageRole, type RoleNext } from '../page-roles.js';
import type { FoundLink } from './link-extraction.js';
import { scriptApiUrls } from './link-extraction.js';
import type { RoleContext } from './role-router.js';
import { conceptRole, isColumnLink, isPaginationLink, platformStep } from './roles.js';
import { hostRoot, withinRoot } from './scope.js';

type Portal = Extract<RoleNext<PageRole>, { kind: 'portal' }>;
type Platform = Extract<RoleNext<PageRole>, { kind: 'platform' }>;

interface Candidate {
  l: FoundLink;
  role: PageRole;
  strength: number;
  i: number;
}

/** Concept matches below this (a long text only) are dropped when the page has a surer entry for the role. */
const WEAK_MATCH = 2;

const byStrength = (a: Candidate, b: Candidate) => b.strength - a.strength || a.i - b.i;

export function discoverOnPortal(ctx: RoleContext, next: Portal): void {
  const { task, page, links, site, frontier } = ctx;
  const base = page.finalUrl;
  if (next.linkPool)
    for (const l of links) if (l.source !== 'iframe') ctx.linkPool.push({ url: l.url, fromUrl: base, text: l.text });
  if (task.depth >= site.maxDepth) return;
  const candidates: Candidate[] = [];
  const frames: FoundLink[] = [];
  links.forEach((l, i) => {
    const concept = conceptRole(l, next.entries);
    const sameSite = withinRoot(new URL(l.url), site.root, site.port);
    if (concept) candidates.push({ l, ...concept, i });
    else if (sameSite && l.source === 'iframe' && next.frames) frames.push(l);
    else if (sameSite && next.columns && isColumnLink(l)) candidates.push({ l, role: 'column', strength: 0, i });
  });
  // An embedded document is part of the page that embeds it: same depth, its links count as the homepage's.
  for (const l of frames) ctx.enqueue({ url: l.url, role: 'frame', linkText: l.text, depth: task.depth });
  candidates.sort(byStrength);
  const strongest = new Map<PageRole, number>();
  for (const c of candidates) if (!strongest.has(c.role)) strongest.set(c.role, c.strength);
  for (const { l, role, strength } of candidates) {
    // A headline-like text is a fallback only: not next to a real entry, nor once the role has one.
    const weak = role !== 'column' && strength < WEAK_MATCH;
    if (weak && ((strongest.get(role) ?? 0) >= WEAK_MATCH || frontier.count(role) > 0)) continue;
    const u = new URL(l.url);
    const scopeRoot = withinRoot(u, site.root, site.port) ? undefined : hostRoot(u.hostname);
    ctx.enqueue({ url: l.url, role, linkText: l.text, scopeRoot });
  }
}

/** Platform pages stay on the platform (its host root) and follow the navigation vocabulary. */
export function discoverOnPlatform(ctx: RoleContext, next: Platform): void {
  const { task, page, links, frontier, $ } = ctx;
  const final = new URL(page.finalUrl);
  const root = task.scopeRoot ?? hostRoot(final.hostname);
  const inScope = (l: FoundLink) => {
    const u = new URL(l.url);
    return u.port === final.port && withinRoot(u, root, u.port);
  };
  const pagesOfList = PAGE_ROLE_TABLE[task.role].list?.pages;
  const pageNo = task.pageNo ?? 1;
  const steps: Candidate[] = [];
  links.forEach((l, i) => {
    if (!inScope(l)) return;
    const step = platformStep(task.role, l);
    if (step) steps.push({ l, ...step, i });
    else if (pagesOfList && pageNo < pagesOfList && isPaginationLink(l))
      ctx.enqueue({ url: l.url, role: task.role, linkText: l.text, scopeRoot: root, pageNo: pageNo + 1 });
  });
  steps.sort(byStrength);
  for (const { l, role } of steps)
    if (frontier.distinctEnough(role, l.url)) ctx.enqueue({ url: l.url, role, linkText: l.text, scopeRoot: root });
  if (!next.api) return;
  const { role: apiRole, guesses } = next.api;
  const apis = scriptApiUrls($, page.finalUrl).filter((u) => withinRoot(new URL(u), root, final.port));
  for (const u of apis) ctx.enqueue({ url: u, role: apiRole, linkText: 'API URL in a script', scopeRoot: root });
  if (!guesses || apis.length || links.some((l) => platformStep(task.role, l)?.role === apiRole)) return;
  const linkText = 'conventional API path (guess)';
  for (const path of guesses)
    ctx.enqueue({ url: new URL(path, final.origin).href, role: apiRole, linkText, scopeRoot: root });
}
