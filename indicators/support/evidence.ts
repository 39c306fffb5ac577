/** Building results and evidence the same way in every detector. */
import type { Evidence, EvidenceKind, JsonValue, PageSnapshot } from '../../src/types.js';
import type { Outcome } from '../define.js';
import type { PageLink } from '../page/model-types.js';

export const SNIPPET_MAX = 300;

export function snippet(s: string | undefined, max = SNIPPET_MAX): string | undefined {
  if (s === undefined) return undefined;
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Text around a match index, for evidence. */
export function around(text: string, index: number, length: number, pad = 60): string {
  return snippet(text.slice(Math.max(0, index - pad), index + length + pad))!;
}

export interface EvidenceFields {
  selector?: string;
  pattern?: string;
  snippet?: string;
  url?: string;
  screenshotHash?: string;
}

/** Evidence read from a page snapshot (URL, hash, fetch time and rendered flag come from it). */
export function pageEvidence(page: PageSnapshot, kind: EvidenceKind, f: EvidenceFields = {}): Evidence {
  const e: Evidence = { kind, url: f.url ?? page.finalUrl ?? page.url };
  if (f.selector) e.selector = f.selector;
  if (f.pattern) e.pattern = f.pattern;
  const s = snippet(f.snippet);
  if (s) e.snippet = s;
  if (page.bodyHash) e.pageHash = page.bodyHash;
  e.fetchedAt = page.fetchedAt;
  e.rendered = page.crawler === 'browser';
  if (f.screenshotHash) e.screenshotHash = f.screenshotHash;
  return e;
}

/** Where a link leads, as evidence shows it: the resolved URL, else the href as written, else its onclick. */
export const linkTarget = (l: Pick<PageLink, 'url' | 'href' | 'onclick'>) => l.url ?? l.href ?? l.onclick ?? '';

/** Evidence that the page has this link: its selector, and "label → where it leads". */
export function linkEvidence(page: PageSnapshot, l: PageLink, pattern?: string): Evidence {
  return pageEvidence(page, 'link', { selector: l.selector, pattern, snippet: `${l.label} → ${linkTarget(l)}` });
}

/** Evidence not tied to a page (probes, link checks, interactions). */
export function plainEvidence(
  kind: EvidenceKind,
  url: string,
  f: EvidenceFields & { fetchedAt?: string; rendered?: boolean } = {},
): Evidence {
  const e: Evidence = { kind, url };
  if (f.selector) e.selector = f.selector;
  if (f.pattern) e.pattern = f.pattern;
  const s = snippet(f.snippet);
  if (s) e.snippet = s;
  if (f.fetchedAt) e.fetchedAt = f.fetchedAt;
  if (f.rendered !== undefined) e.rendered = f.rendered;
  if (f.screenshotHash) e.screenshotHash = f.screenshotHash;
  return e;
}

function withValue<R extends Outcome>(r: R, value: unknown): R {
  if (value !== undefined) r.value = JSON.parse(JSON.stringify(value)) as JsonValue;
  return r;
}

// No id here: the runner stamps the indicator's id on what detect returns.
export function present(
  value: unknown,
  confidence: number,
  reason: string,
  evidence: Evidence[],
  needsRender = false,
): Outcome {
  const r = withValue<Outcome>({ status: 'present', confidence, reason, evidence }, value);
  if (needsRender) r.needsRender = true;
  return r;
}

export function absent(value: unknown, confidence: number, reason: string, evidence: Evidence[]): Outcome {
  return withValue<Outcome>({ status: 'absent', confidence, reason, evidence }, value);
}

export function unknown(reason: string, evidence: Evidence[] = [], value?: unknown): Outcome {
  return withValue<Outcome>({ status: 'unknown', confidence: 0, reason, evidence }, value);
}
