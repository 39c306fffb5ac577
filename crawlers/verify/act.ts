/**
 * Acting on an entry the way a person would, and recording what happened: click it, then tell
 * apart "opened a new window", "went to another page" and "changed this page".
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright';
import type { Interaction } from '../../src/types.js';
import { frameFor } from './frames.js';
import type { FoundEntry } from './inpage.js';
import type { PageTrouble } from './trouble.js';
import type { Capability } from './verify-signals.js';

export interface VerifySettings {
  reactionWaitMs: number;
  answerWaitMs: number;
  pageTimeoutMs: number;
  qaQuestion: string;
  searchQuery: string;
  elderlyFontGain: number;
}

/** Acts on the entries found for one capability and records what happened. */
export type EntryVerifier = (
  page: Page,
  entries: FoundEntry[],
  s: VerifySettings,
  trouble: PageTrouble,
) => Promise<Interaction>;

/** Where a click's result is seen (its popup, else the page), and closing the popup it opened, if any. */
interface Shown {
  shown: Page;
  close(): Promise<void>;
}

/** A click that opened a page: `httpError` is its status when that is 400 or more. */
type Opened = Shown & { url: string; status?: number; httpError?: number };

export type ClickResult =
  | ({ kind: 'popup' } & Opened)
  | ({ kind: 'navigated' } & Opened)
  | ({ kind: 'same_page' } & Shown)
  | { kind: 'failed'; error: string };

/** Nothing to close: the result shows on the page itself. */
const stay = async () => {};

function opened(shown: Page, close: () => Promise<void>, status: number | undefined): Opened {
  return {
    shown,
    close,
    url: shown.url(),
    status,
    ...(status !== undefined && status >= 400 ? { httpError: status } : {}),
  };
}

/**
 * Click (or, for an entry that is not clickable where it is — hidden menus, zero-size wrappers —
 * dispatch a click event on it) and wait briefly for a pop-up or a navigation.
 */
export async function clickEntry(page: Page, entry: FoundEntry, waitMs: number): Promise<ClickResult> {
  const ctx = page.context();
  const startUrl = page.url();
  const popupP = ctx.waitForEvent('page', { timeout: waitMs }).catch(() => null);
  // A navigation shows itself by its request long before it commits.
  const navP = page
    .waitForEvent('request', {
      predicate: (r) => r.isNavigationRequest() && r.frame() === page.mainFrame(),
      timeout: waitMs,
    })
    .catch(() => null);
  const loc = frameFor(page, entry.frameUrl).locator(entry.selector).first();
  try {
    if (entry.visible) await loc.click({ timeout: Math.min(5000, waitMs), noWaitAfter: true });
    else await loc.dispatchEvent('click');
  } catch (e) {
    // Covered by another element or off-screen: a scripted click still runs the handler.
    try {
      await loc.dispatchEvent('click');
    } catch {
      return { kind: 'failed', error: firstLine(e) };
    }
  }
  const first = await Promise.race([
    popupP.then((p) => (p ? ({ p } as const) : null)),
    navP.then((n) => (n ? ({ n } as const) : null)),
    sleep(Math.min(waitMs, CLICK_SETTLE_MS)).then(() => null),
  ]);
  if (first && 'p' in first) {
    const popup = first.p;
    await popup.waitForLoadState('load', { timeout: 20_000 }).catch(() => {});
    const close = () => popup.close().catch(() => {});
    return { kind: 'popup', ...opened(popup, close, await documentStatus(popup)) };
  }
  if (first && 'n' in first) {
    // The request shows long before the new document commits: until then the page still reports
    // the old URL and its old load state, so wait for the answer and then for the new document.
    const answer = await first.n.response().catch(() => null);
    if (answer && answer.status() !== 204 && answer.status() !== 205)
      await page
        .waitForURL((u) => !sameDocument(startUrl, u.href), { waitUntil: 'load', timeout: 20_000 })
        .catch(() => {});
    if (!sameDocument(startUrl, page.url()))
      return { kind: 'navigated', ...opened(page, stay, await documentStatus(page)) };
  }
  return { kind: 'same_page', shown: page, close: stay };
}

/** After a click, how long to wait for a pop-up or navigation to start before watching the page itself. */
const CLICK_SETTLE_MS = 700;

/** HTTP status of the page's current document (Navigation Timing), undefined when it cannot be told. */
export async function documentStatus(page: Page): Promise<number | undefined> {
  try {
    const r = await page.evaluate('performance.getEntriesByType("navigation")[0]?.responseStatus ?? 0');
    return typeof r === 'number' && r > 0 ? r : undefined;
  } catch {
    return undefined;
  }
}

const sameDocument = (a: string, b: string) => a.split('#')[0] === b.split('#')[0];

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);
}

/** A PNG of what the page shows now (the evidence a person can look at). */
export async function screenshot(page: Page): Promise<Buffer | undefined> {
  try {
    return await page.screenshot({ type: 'png', timeout: 10_000, animations: 'disabled', caret: 'hide' });
  } catch {
    return undefined;
  }
}

export function interaction(
  capability: Capability,
  outcome: Interaction['outcome'],
  detail: string,
  png?: Buffer,
): Interaction {
  const x: Interaction = { capability, outcome, detail, at: new Date().toISOString() };
  if (png) {
    x.screenshot = png;
    x.screenshotHash = createHash('sha256').update(png).digest('hex');
  }
  return x;
}

/** Nothing to act on: the capability was not found on the rendered homepage (`what` names what was looked for). */
export function notFound(capability: Capability, what: string): Interaction {
  return interaction(capability, 'not_found', `No ${what} on the rendered homepage.`);
}

/** Poll `probe` until it returns a truthy value or `ms` pass; returns the last value. */
export async function pollUntil<T>(ms: number, probe: () => Promise<T>, stepMs = 250): Promise<T> {
  const end = Date.now() + ms;
  let v = await probe();
  while (!v && Date.now() < end) {
    await sleep(stepMs);
    v = await probe();
  }
  return v;
}

/** Describe an entry for a detail sentence: 「无障碍」 (a#cniil_wza). */
export function describeEntry(e: FoundEntry): string {
  return `${e.label ? `「${e.label}」` : 'an unlabelled element'} (${e.tag}; matched ${e.why})`;
}

export const capitalise = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** Where a click's result shows, for a detail sentence: a new window, another page, or the page itself. */
export function whereShown(click: Exclude<ClickResult, { kind: 'failed' }>): string {
  if (click.kind === 'popup') return `a new window (${click.url})`;
  return click.kind === 'navigated' ? `the page ${click.url}` : 'the page';
}

/**
 * The entry opened a page that answers an HTTP error, so the capability does not work; the evidence
 * is a screenshot of that page, and a pop-up it opened is closed. Undefined when that is not so.
 */
export async function failedDestination(
  capability: Capability,
  entry: FoundEntry,
  click: ClickResult,
): Promise<Interaction | undefined> {
  if ((click.kind !== 'popup' && click.kind !== 'navigated') || click.httpError === undefined) return undefined;
  const png = await screenshot(click.shown);
  await click.close();
  const detail = `${capitalise(describeEntry(entry))} opens ${whereShown(click)}, which answers HTTP ${click.httpError}.`;
  return interaction(capability, 'not_working', detail, png);
}

/** The entry could not be clicked: the capability does not work, shown with a screenshot of the page. */
export async function notClickable(
  capability: Capability,
  entry: FoundEntry,
  error: string,
  page: Page,
): Promise<Interaction> {
  const detail = `${capitalise(describeEntry(entry))} could not be clicked: ${error}.`;
  return interaction(capability, 'not_working', detail, await screenshot(page));
}
