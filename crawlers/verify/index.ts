/**
 * Verify by acting (issue 5): load a homepage in Chromium, find the 无障碍, 关怀版, 智能问答 and
 * search entries, and use each as a person would. Every capability becomes an Interaction —
 * verified / not_working / not_found / error — with a detail sentence and a PNG screenshot.
 * Capabilities are verified one after another on a freshly loaded page (cookies and storage
 * cleared), so a mode switched on by one step cannot make the next step pass or fail.
 */
import type { BrowserContext, Frame, Page } from 'playwright';
import { TOGGLE_WIDGET } from '../../indicators/page/model.js';
import type { Interaction } from '../../src/types.js';
import { firstLine, interaction, pollUntil, sleep, type VerifySettings } from './act.js';
import { type BrowserPool, withDeadline } from './browser-pool.js';
import { sameSiteFrames } from './frames.js';
import { type FoundEntry, inPage, rxData } from './inpage.js';
import { PageTrouble } from './trouble.js';
import { verifyAccessibility } from './verify-accessibility.js';
import { verifyElderly } from './verify-elderly.js';
import { findSearchBox, type SearchBox, verifySearch } from './verify-search.js';
import { ACTION_ENTRIES, type ActionEntrySignals, type Capability } from './verify-signals.js';
import { verifySmartQa } from './verify-smart-qa.js';

export type { VerifySettings } from './act.js';
export { type BrowserOptions, BrowserPool, browserOptionsFrom } from './browser-pool.js';

export const CAPABILITIES: Capability[] = ['accessibility_mode', 'elderly_mode', 'smart_qa', 'site_search'];

export interface VerifySiteOptions {
  url: string;
  settings: VerifySettings;
  /** Hard limit for the whole site, ms. */
  deadlineMs: number;
  /** Which capabilities to act on (default: all four). Empty: only load the page (e.g. for axe). */
  capabilities?: Capability[];
  /** Called once on the first, untouched load of the homepage (axe runs here). */
  onLoaded?: (page: Page) => Promise<void>;
}

export interface VerifySiteResult {
  interactions: Interaction[];
  /** The homepage URL after redirects, when it loaded. */
  finalUrl?: string;
  /** Why the homepage could not be loaded (then every capability is `error`). */
  loadError?: string;
}

export function settingsFrom(audit: {
  reactionWaitMs: number;
  answerWaitMs: number;
  pageTimeoutSecs: number;
  qaQuestion: string;
  searchQuery: string;
  elderlyFontGain: number;
}): VerifySettings {
  return {
    reactionWaitMs: audit.reactionWaitMs,
    answerWaitMs: audit.answerWaitMs,
    pageTimeoutMs: audit.pageTimeoutSecs * 1000,
    qaQuestion: audit.qaQuestion,
    searchQuery: audit.searchQuery,
    elderlyFontGain: audit.elderlyFontGain,
  };
}

export async function verifySite(pool: BrowserPool, opts: VerifySiteOptions): Promise<VerifySiteResult> {
  const wanted = opts.capabilities ?? CAPABILITIES;
  const ctx = await pool.newContext();
  const progress: VerifySiteResult = { interactions: [] };
  let result = progress;
  try {
    await withDeadline(
      opts.deadlineMs,
      `verifying ${opts.url}`,
      () => run(ctx, opts, wanted, progress),
      () => pool.release(ctx),
    );
  } catch (e) {
    // Copy: after a deadline the abandoned run may still be unwinding into `progress`.
    const why = firstLine(e);
    result = { ...progress, interactions: [...progress.interactions] };
    if (result.finalUrl === undefined) result.loadError = why;
    const done = new Set(result.interactions.map((x) => x.capability));
    for (const c of wanted)
      if (!done.has(c)) result.interactions.push(interaction(c, 'error', `Not verified: ${why}.`));
  } finally {
    await pool.release(ctx);
  }
  result.interactions.sort((a, b) => wanted.indexOf(a.capability) - wanted.indexOf(b.capability));
  return result;
}

async function run(
  ctx: BrowserContext,
  opts: VerifySiteOptions,
  wanted: Capability[],
  result: VerifySiteResult,
): Promise<void> {
  let page = await ctx.newPage();
  let trouble = new PageTrouble(page);
  await load(page, opts);
  result.finalUrl = page.url();
  await opts.onLoaded?.(page);

  let dirty = false;
  for (const cap of wanted) {
    if (dirty) {
      await clearState(ctx, page, result.finalUrl);
      await page.close().catch(() => {});
      page = await ctx.newPage();
      trouble = new PageTrouble(page);
      await load(page, { ...opts, url: result.finalUrl });
      dirty = false;
    }
    let x: Interaction;
    if (cap === 'site_search') {
      const box: SearchBox | null = await findSearchBox(page);
      x = await verifySearch(page, box, opts.settings, trouble);
      dirty = box !== null;
    } else {
      let found = await findEntries(page, ACTION_ENTRIES[cap], cap);
      // A slide or tab shows its entry in its turn: wait for it, as a visitor would.
      if (!found.some((e) => e.visible) && found.some((e) => e.inTurn))
        found =
          (await pollUntil(SLIDE_TURN_MS, async () => {
            const again = await findEntries(page, ACTION_ENTRIES[cap], cap);
            return again.some((e) => e.visible) ? again : undefined;
          })) ?? found;
      // A visitor cannot use an entry that is not shown (display:none, zero size): decoys and leftovers.
      const entries = found.filter((e) => e.visible);
      const verify = { accessibility_mode: verifyAccessibility, elderly_mode: verifyElderly, smart_qa: verifySmartQa }[
        cap
      ];
      x = await verify(page, entries, opts.settings, trouble).catch((e) =>
        interaction(cap, 'error', `Acting on the entry failed: ${firstLine(e)}.`),
      );
      if (!entries.length && found.length)
        x.detail += ` A hidden entry exists (${found
          .map((e) => `「${e.label}」 ${e.tag}`)
          .slice(0, 2)
          .join(', ')}), but it is not shown to visitors.`;
      dirty = entries.length > 0;
    }
    result.interactions.push(x);
    // Pop-ups nobody followed (ads, the search opening twice) are closed.
    await Promise.all(
      ctx
        .pages()
        .filter((p) => p !== page)
        .map((p) => p.close().catch(() => {})),
    );
  }
}

/** How long a carousel or tab may take to show an entry in its turn. */
const SLIDE_TURN_MS = 8000;

/** How long to wait for the `load` event once the document is parsed. */
const LOAD_WAIT_MS = 15_000;

async function load(page: Page, opts: VerifySiteOptions): Promise<void> {
  // A person can use a page whose `load` never fires (a hanging third-party script or image):
  // the document must arrive, the rest gets a bounded wait.
  let resp = await page.goto(opts.url, { waitUntil: 'domcontentloaded', timeout: opts.settings.pageTimeoutMs });
  // A server error is often passing (overload, a flapping balancer): a person reloads once, as the crawler retries.
  if (resp && resp.status() >= 500) {
    await sleep(1000);
    resp = await page.goto(opts.url, { waitUntil: 'domcontentloaded', timeout: opts.settings.pageTimeoutMs });
  }
  if (resp && resp.status() >= 400) throw new Error(`homepage ${opts.url} answered HTTP ${resp.status()}`);
  await page.waitForLoadState('load', { timeout: Math.min(LOAD_WAIT_MS, opts.settings.pageTimeoutMs) }).catch(() => {});
  // Headers, toolbars and chat buttons are often built by scripts after load.
  await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});
  await sleep(200);
}

/** Entries in the page, else in its same-site frames (a header iframe). */
async function findEntries(page: Page, sig: ActionEntrySignals, mark: string): Promise<FoundEntry[]> {
  const found = await findEntriesIn(page, sig, mark);
  if (found.length) return found;
  for (const f of await sameSiteFrames(page)) {
    const inFrame = await findEntriesIn(f, sig, mark).catch(() => []);
    if (inFrame.length) return inFrame.map((e) => ({ ...e, frameUrl: f.url() }));
  }
  return found;
}

async function findEntriesIn(page: Page | Frame, sig: ActionEntrySignals, mark: string): Promise<FoundEntry[]> {
  return inPage(page, 'findEntries', {
    text: rxData(sig.text),
    notText: rxData(sig.notText),
    idOrClass: rxData(sig.idOrClass),
    onclick: rxData(sig.onclick),
    href: rxData(sig.href),
    image: rxData(sig.image),
    toggle: { source: TOGGLE_WIDGET.source, flags: TOGGLE_WIDGET.flags },
    notHost: rxData(sig.notHost),
    notPath: rxData(sig.notPath),
    mark,
    limit: 4,
  });
}

/** Forget what the previous step switched on: cookies, and storage of the homepage's origin. */
async function clearState(ctx: BrowserContext, page: Page, homeUrl: string): Promise<void> {
  await ctx.clearCookies().catch(() => {});
  try {
    if (new URL(page.url()).origin === new URL(homeUrl).origin)
      await page.evaluate('try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}');
  } catch {
    /* page gone or not a URL: nothing to clear */
  }
}
