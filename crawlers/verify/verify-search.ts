/**
 * Site search: type a common query into the site's search box, submit it (Enter, then the button),
 * and confirm a result page — in this tab, a new one, or updated in place — that lists results
 * (a stated count > 0, or several result items naming the query) rather than "nothing found".
 */
import type { Frame, Page } from 'playwright';
import type { Interaction } from '../../src/types.js';
import { documentStatus, firstLine, interaction, notFound, screenshot, sleep, type VerifySettings } from './act.js';
import { frameFor, sameSiteFrames } from './frames.js';
import { inPage, rxData } from './inpage.js';
import type { PageTrouble } from './trouble.js';
import { SEARCH_SIGNALS } from './verify-signals.js';

export interface SearchBox {
  selector: string;
  inForm: boolean;
  action: string;
  score: number;
  /** Found in a same-site child frame (a header iframe): that frame's URL. */
  frameUrl?: string;
}

/** The search box of the page, else of its same-site frames (a header iframe). */
export async function findSearchBox(page: Page): Promise<SearchBox | null> {
  const box = await findSearchBoxIn(page);
  if (box) return box;
  for (const f of await sameSiteFrames(page)) {
    const inFrame = await findSearchBoxIn(f).catch(() => null);
    if (inFrame) return { ...inFrame, frameUrl: f.url() };
  }
  return null;
}

async function findSearchBoxIn(page: Page | Frame): Promise<SearchBox | null> {
  return inPage(page, 'findSearchInput', {
    inputHint: rxData(SEARCH_SIGNALS.inputHint),
    notInput: rxData(SEARCH_SIGNALS.notInput),
    valuePrompt: rxData(SEARCH_SIGNALS.valuePrompt),
    boxIdClass: rxData(SEARCH_SIGNALS.boxIdClass),
    submitCode: rxData(SEARCH_SIGNALS.submitCode),
    button: rxData(SEARCH_SIGNALS.button),
    action: rxData(SEARCH_SIGNALS.action),
    mark: 'search-input',
  });
}

export async function verifySearch(
  page: Page,
  box: SearchBox | null,
  s: VerifySettings,
  trouble: PageTrouble,
): Promise<Interaction> {
  if (!box) return notFound('site_search', 'site-search box (input hinted 搜索/检索/关键字 or in a search form)');
  const q = s.searchQuery;
  const startUrl = page.url();
  try {
    const frame = frameFor(page, box.frameUrl);
    const frameStart = frame.url();
    const input = frame.locator(box.selector).first();
    await input.click({ timeout: 3000 }).catch(() => {});
    await input.fill(q, { timeout: 3000 });
    let target = await submitAndWait(page, () => input.press('Enter', { timeout: 3000 }), s.reactionWaitMs);
    if (!target) {
      const btn = await inPage(
        frame,
        'findButtonNear',
        box.selector,
        rxData(SEARCH_SIGNALS.button),
        'search-btn',
        rxData(SEARCH_SIGNALS.boxIdClass),
        rxData(SEARCH_SIGNALS.submitCode),
      );
      if (btn)
        target = await submitAndWait(
          page,
          () => frame.locator(btn.selector).first().click({ timeout: 3000, noWaitAfter: true }),
          s.reactionWaitMs,
        );
    }
    const shown = target ?? page; // no navigation: results may have been filled in place
    await shown.waitForLoadState('load', { timeout: s.pageTimeoutMs }).catch(() => {});
    // An https page posting its search to http gets Chromium's "not secure" warning: go on, as a person would, and say so.
    const warned = await proceedPastInsecureFormWarning(shown, s.pageTimeoutMs);
    await sleep(300); // result lists are often filled by a script right after load
    if (shown.url().startsWith('chrome-error:')) {
      const png = await screenshot(shown);
      if (target && target !== page) await target.close().catch(() => {});
      return interaction(
        'site_search',
        'not_working',
        `Searched 「${q}」: the result page failed to load.${trouble.describe()}`,
        png,
      );
    }
    const status = target ? await documentStatus(shown) : undefined;
    // A header iframe may show the results in itself (its form targets the frame).
    const inFrame = !target && frame !== page.mainFrame() && frame.url() !== frameStart;
    if (inFrame) await frame.waitForLoadState('load', { timeout: s.pageTimeoutMs }).catch(() => {});
    const out = await inPage(inFrame ? frame : shown, 'searchOutcome', {
      query: q,
      noResults: rxData(SEARCH_SIGNALS.noResults),
      resultCount: rxData(SEARCH_SIGNALS.resultCount),
    });
    const png = await screenshot(shown);
    const where = target
      ? target === page
        ? `went to ${page.url()}`
        : `opened ${shown.url()} in a new window`
      : inFrame
        ? `showed ${frame.url()} in its header frame`
        : 'stayed on the page';
    if (target && target !== page) await target.close().catch(() => {});
    const facts = `${out.stated !== null ? `stated count ${out.stated}, ` : ''}${out.hits} items naming 「${q}」`;
    if (status !== undefined && status >= 400)
      return interaction(
        'site_search',
        'not_working',
        `Searched 「${q}」: ${where}, which answers HTTP ${status}.${trouble.describe()}`,
        png,
      );
    if (!target && !inFrame && page.url() === startUrl && out.hits < 2)
      return interaction(
        'site_search',
        'not_working',
        `Searched 「${q}」 (Enter and the search button): nothing happened.${trouble.describe()}`,
        png,
      );
    if ((out.stated ?? 0) > 0 || (!out.noResults && out.hits >= 2))
      return interaction(
        'site_search',
        'verified',
        `Searched 「${q}」: ${where} with results (${facts}).${warned ? ` ${INSECURE_NOTE}` : ''}`,
        png,
      );
    return interaction(
      'site_search',
      'not_working',
      `Searched 「${q}」: ${where} but it shows no results (${out.noResults ? `says /${out.noResults}/, ` : ''}${facts}).${trouble.describe()}`,
      png,
    );
  } catch (e) {
    return interaction('site_search', 'error', `Searching 「${q}」 failed: ${firstLine(e)}.`, await screenshot(page));
  }
}

const INSECURE_NOTE = 'The browser first warned that the search form submits over an insecure (http) connection.';

async function proceedPastInsecureFormWarning(page: Page, timeoutMs: number): Promise<boolean> {
  if (!page.url().startsWith('chrome-error:')) return false;
  const proceed = page.locator('#proceed-button');
  if (!(await proceed.count().catch(() => 0))) return false;
  // The warning page ignores clicks until its script is ready: retry a few times.
  const end = Date.now() + timeoutMs;
  for (let attempt = 1; attempt <= 4 && Date.now() < end; attempt++) {
    await sleep(400 * attempt);
    await proceed.click({ timeout: 3000, noWaitAfter: true }).catch(() => {});
    const left = Math.max(1000, Math.min(end - Date.now(), 2000 * attempt));
    if (
      await page
        .waitForURL((u) => !u.href.startsWith('chrome-error:'), { timeout: left, waitUntil: 'load' })
        .then(
          () => true,
          () => false,
        )
    )
      break;
  }
  return true;
}

/** Run `submit`, then wait for a new window or a navigation of this page; null if neither came. */
async function submitAndWait(page: Page, submit: () => Promise<void>, waitMs: number): Promise<Page | null> {
  const startUrl = page.url();
  const popupP = page
    .context()
    .waitForEvent('page', { timeout: waitMs })
    .catch(() => null);
  const navP = page
    .waitForNavigation({ timeout: waitMs, waitUntil: 'commit' })
    .then(() => page)
    .catch(() => null);
  await submit().catch(() => {});
  const first = await Promise.race([popupP, navP, sleep(waitMs).then(() => null)]);
  // A new window starts as about:blank before it navigates to the results.
  if (first && first !== page)
    await first.waitForURL((u) => u.href !== 'about:blank', { timeout: waitMs }).catch(() => {});
  if (first) return first;
  return page.url() !== startUrl ? page : null;
}
