/** A Chromium page for the report tests that records every page error, console error and dialog. */
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_QUIET_FLAGS, chromiumPath } from '../../crawlers/chromium.js';

export interface ReportBrowser {
  browser: Browser;
  page: Page;
  /** What went wrong in the page so far (a report must show none). */
  errors: string[];
}

/** Chromium with a page on the report `file`, once its script has rendered it (`body[data-ready]`). */
export async function openReportBrowser(file: string): Promise<ReportBrowser> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_QUIET_FLAGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-ready="1"]');
  return { browser, page, errors };
}

/**
 * For the enclosing describe block: the report `file` in Chromium, opened before its tests (handed
 * to `opened`) and closed after them.
 */
export function reportBrowserForSuite(file: string, opened: (r: ReportBrowser) => void): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    const r = await openReportBrowser(file);
    browser = r.browser;
    opened(r);
  });
  afterAll(async () => {
    await browser?.close();
  });
}
