/**
 * Which role a discovered link leads to, from the concepts (portal → platforms and columns; the
 * same entries detection and verification read) and the navigation vocabulary (within platforms).
 * Text signals win over host/path signals; a `notText` match vetoes the concept (e.g. 统计数据 is
 * not open data). A concept's sections (互动交流) are followed too: its entries are behind them.
 */
import { CONCEPTS, type Concept } from '../../indicators/concepts/index.js';
import { COLUMN_CLASSES } from '../../indicators/lexicon.js';
import type { PageRole } from '../../src/types.js';
import { PAGINATION, PLATFORM_STEPS, type StepSignals } from '../navigation.js';
import type { FoundLink } from './links.js';

/** Concepts that name a page role the crawler follows (others, e.g. `personalized`, are detection-only). */
const FOLLOWED_CONCEPTS = ['service_platform', 'data_platform', 'interaction', 'smart_qa', 'policy', 'survey', 'sitemap_page'] as const satisfies readonly (keyof typeof CONCEPTS & PageRole)[];

export interface RoleMatch {
  role: PageRole;
  /** Higher is surer: text and host together > text > host > path; long texts (article titles) are weak. */
  strength: number;
}

/** Entry links are short labels; a long text mentioning 政务服务 is usually a news headline about it. */
const LABEL_MAX = 12;
const HEADLINE_MIN = 20;

const any = (res: readonly RegExp[] | undefined, s: string) => !!res?.some((r) => r.test(s));

function pathOf(u: URL): string {
  return `${u.pathname}${u.search}`;
}

function matchConcept(c: Concept, link: FoundLink, u: URL): number {
  const text = link.text;
  if (text && any(c.notText, text)) return 0;
  if (any(c.notHost, u.hostname) || any(c.notPath, pathOf(u))) return 0;
  const host = any(c.host, u.hostname);
  const path = any(c.path, pathOf(u)) || any(c.sections?.path, pathOf(u));
  let score = host ? 2 : path ? 1 : 0;
  if (text && text.length < HEADLINE_MIN && (any(c.text, text) || any(c.sections?.text, text))) score += text.length <= LABEL_MAX ? 3 : 1.5;
  return score;
}

/** Portal-level role of a link (platform entries, policy, survey…), or undefined. */
export function conceptRole(link: FoundLink): RoleMatch | undefined {
  const u = new URL(link.url);
  let best: RoleMatch | undefined;
  for (const role of FOLLOWED_CONCEPTS) {
    const strength = matchConcept(CONCEPTS[role], link, u);
    if (strength && (!best || strength > best.strength)) best = { role, strength };
  }
  return best;
}

/** Is this a navigation column (新闻动态, 通知公告 …) by its link text? */
export function isColumnLink(link: FoundLink): boolean {
  if (!link.text || link.text.length > 12) return false;
  return Object.values(COLUMN_CLASSES).some((list) => any(list, link.text));
}

function matchStep(sig: StepSignals, link: FoundLink, u: URL): number {
  if (link.text && any(sig.notText, link.text)) return 0;
  const byText = !!link.text && link.text.length < HEADLINE_MIN && any(sig.text, link.text);
  return (byText ? 2 : 0) + (any(sig.path, pathOf(u)) ? 1 : 0);
}

/** Within-platform step from a page of role `from`: the role the link most plausibly leads to. */
export function platformStep(from: PageRole, link: FoundLink): RoleMatch | undefined {
  const steps = PLATFORM_STEPS[from];
  if (!steps) return undefined;
  const u = new URL(link.url);
  let best: RoleMatch | undefined;
  for (const [role, sig] of Object.entries(steps) as [PageRole, StepSignals][]) {
    const strength = matchStep(sig, link, u);
    if (strength && (!best || strength > best.strength)) best = { role, strength };
  }
  return best;
}

export function isPaginationLink(link: FoundLink): boolean {
  const u = new URL(link.url);
  return matchStep(PAGINATION, link, u) > 0 && !!link.text && link.text.length <= 6;
}
