/**
 * Which role a discovered link leads to, as the page-role table says (crawlers/page-roles.ts):
 * portal links by the target role's entry (a concept — the same entries detection and verification
 * read — or the column wording), platform links by the steps of the page's role. Text signals win
 * over host/path signals; a `notText` match vetoes the concept (e.g. 统计数据 is not open data). A
 * concept's sections (互动交流) are followed too: its entries are behind them.
 */
import type { Concept } from '../../indicators/concepts/index.js';
import { PAGINATION, type StepSignals } from '../navigation.js';
import { PAGE_ROLE_TABLE, type PageRole, type RoleEntry } from '../page-roles.js';
import type { FoundLink } from './link-extraction.js';

export interface RoleMatch {
  role: PageRole;
  /** Higher is surer: text and host together > text > host > path; long texts (article titles) are weak. */
  strength: number;
}

/** Entry links are short labels; a long text mentioning 政务服务 is usually a news headline about it. */
const LABEL_MAX = 12;
const HEADLINE_MIN = 20;
/** Longest "next page" link text. */
const PAGINATION_TEXT_MAX = 6;

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
  if (text && text.length < HEADLINE_MIN && (any(c.text, text) || any(c.sections?.text, text)))
    score += text.length <= LABEL_MAX ? 3 : 1.5;
  return score;
}

const conceptOf = (role: PageRole): Concept | undefined => {
  const entry: RoleEntry | undefined = PAGE_ROLE_TABLE[role].entry;
  return entry && 'concept' in entry ? entry.concept : undefined;
};

/** Portal-level role of a link among `entries` (platform entries, policy, survey…), or undefined. */
export function conceptRole(
  link: FoundLink,
  entries: readonly PageRole[] = portalEntries('home'),
): RoleMatch | undefined {
  const u = new URL(link.url);
  let best: RoleMatch | undefined;
  for (const role of entries) {
    const concept = conceptOf(role);
    const strength = concept ? matchConcept(concept, link, u) : 0;
    if (strength && (!best || strength > best.strength)) best = { role, strength };
  }
  return best;
}

/** The concept-recognised roles a portal page of `role` follows. */
export function portalEntries(role: PageRole): readonly PageRole[] {
  const next = PAGE_ROLE_TABLE[role].next;
  return next?.kind === 'portal' ? next.entries : [];
}

const COLUMN = PAGE_ROLE_TABLE.column.entry;

/** Is this a navigation column (新闻动态, 通知公告 …) by its link text? */
export function isColumnLink(link: FoundLink): boolean {
  if (!COLUMN || !('columns' in COLUMN)) return false;
  if (!link.text || link.text.length > COLUMN.maxText) return false;
  return Object.values(COLUMN.columns).some((list) => any(list, link.text));
}

function matchStep(sig: StepSignals, link: FoundLink, u: URL): number {
  if (link.text && any(sig.notText, link.text)) return 0;
  const byText = !!link.text && link.text.length < HEADLINE_MIN && any(sig.text, link.text);
  return (byText ? 2 : 0) + (any(sig.path, pathOf(u)) ? 1 : 0);
}

/** Within-platform step from a page of role `from`: the role the link most plausibly leads to. */
export function platformStep(from: PageRole, link: FoundLink): RoleMatch | undefined {
  const next = PAGE_ROLE_TABLE[from].next;
  if (next?.kind !== 'platform') return undefined;
  const u = new URL(link.url);
  let best: RoleMatch | undefined;
  for (const [role, sig] of Object.entries(next.steps) as [PageRole, StepSignals][]) {
    const strength = matchStep(sig, link, u);
    if (strength && (!best || strength > best.strength)) best = { role, strength };
  }
  return best;
}

export function isPaginationLink(link: FoundLink): boolean {
  const u = new URL(link.url);
  return matchStep(PAGINATION, link, u) > 0 && !!link.text && link.text.length <= PAGINATION_TEXT_MAX;
}
