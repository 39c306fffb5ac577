// JavaScript-only cases of the fixture world (issue 5), checked in real Chromium: entries that exist
// only after rendering, and toolbars / elderly modes / Q&A widgets that work — or don't — as the manifest says.

import { type Browser, chromium, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_QUIET_FLAGS, chromiumPath } from '../crawlers/chromium.js';
import { type FixtureWorld, startFixtureWorld } from '../fixtures/index.js';
import type { PortalModel } from '../fixtures/model/types.js';

let fw: FixtureWorld;
let browser: Browser;
beforeAll(async () => {
  fw = await startFixtureWorld({ asOf: new Date('2026-11-22T00:00:00Z') });
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_QUIET_FLAGS,
    proxy: { server: fw.proxyUrl },
  });
});
afterAll(async () => {
  await browser?.close();
  await fw?.close();
});

// Mislabelled pages (header says UTF-8, body is GBK) and undeclared UTF-8 pages (Chromium defaults .cn to GBK)
// render garbled in a browser, as on the real web: not used here.
const portals = () =>
  [...fw.world.portals.values()].filter(
    (p) => !p.hostile && p.charsetDecl !== 'mislabelled' && !(p.charsetDecl === 'none' && p.charset === 'utf-8'),
  );
const find = (pred: (p: PortalModel) => boolean, what: string) => {
  const p = portals().find(pred);
  if (!p) throw new Error(`no fixture site with ${what}`);
  return p;
};

async function open(p: PortalModel): Promise<Page> {
  const ctx = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await ctx.newPage();
  await page.goto(p.loc.portalUrl, { waitUntil: 'load', timeout: 20_000 });
  return page;
}
const bodyFont = (page: Page) => page.evaluate(() => getComputedStyle(document.body).fontSize);

describe('rendered-only entries', () => {
  it('a document.write header shows its service link only after rendering', async () => {
    const p = find((x) => x.docwriteHeader && x.service?.placement === 'docwrite-header', 'a document.write header');
    const page = await open(p);
    const raw = await (await page.context().request.get(p.loc.portalUrl)).text();
    expect(raw).not.toContain(p.service!.url);
    expect(await page.locator(`a[href="${p.service!.url}"]`).count()).toBeGreaterThan(0);
    await page.context().close();
  });
  it('the CONAC script writes its mark into #_ideConac', async () => {
    const p = find((x) => x.conac?.via === 'script', 'a CONAC script');
    const page = await open(p);
    await expect.poll(() => page.locator('#_ideConac #imgConac').count()).toBe(1);
    await page.context().close();
  });
});

describe('accessibility and elderly modes', () => {
  it('cniil toolbar: the working version opens a toolbar, the broken one does nothing', async () => {
    for (const works of [true, false]) {
      const p = find((x) => x.a11y?.vendor === 'cniil' && x.a11y.works === works, `cniil works=${works}`);
      const page = await open(p);
      await page.locator('#cniil_wza').click();
      await page.waitForTimeout(200);
      expect(await page.locator('#cniil_wza_toolbar').count(), p.host).toBe(works ? 1 : 0);
      await page.context().close();
    }
  });
  it('cniil can inject the entry itself (rendered only)', async () => {
    const p = find((x) => x.a11y?.vendor === 'cniil' && x.a11y.via === 'script', 'an injected cniil entry');
    const page = await open(p);
    const raw = await (await page.context().request.get(p.loc.portalUrl)).text();
    expect(raw).not.toContain('id="cniil_wza"');
    await expect.poll(() => page.locator('#cniil_wza').count()).toBe(1);
    expect(await page.locator('#cniil_wza').textContent()).toBe(p.a11y!.text);
    await page.context().close();
  });
  it('elderly mode raises the computed font size only where it works (aria and self-built)', async () => {
    const cases = [
      find((x) => x.elderly?.vendor === 'aria' && x.elderly.works, 'working aria elderly mode'),
      find((x) => x.elderly?.vendor === 'aria' && !x.elderly.works, 'broken aria elderly mode'),
      find((x) => x.elderly?.vendor === 'self' && x.elderly.via === 'button' && x.elderly.works, 'working doElder'),
      find((x) => x.elderly?.vendor === 'self' && x.elderly.via === 'button' && !x.elderly.works, 'broken doElder'),
    ];
    for (const p of cases) {
      const page = await open(p);
      expect(await bodyFont(page)).toBe('14px');
      await page.getByText(p.elderly!.text, { exact: true }).first().click({ timeout: 5000 });
      await page.waitForTimeout(200);
      expect(`${p.host} ${await bodyFont(page)}`).toBe(`${p.host} ${p.elderly!.works ? '24px' : '14px'}`);
      await page.context().close();
    }
  });
});

describe('real-world patterns', () => {
  it("a search box without a form: Enter, or its link / button / magnifier, opens the engine's result page with results", async () => {
    for (const trigger of ['link', 'button', 'icon'] as const) {
      const p = find(
        (x) => x.search?.submit === 'script' && x.search.trigger === trigger && !x.docwriteHeader && !x.headerMode,
        `a form-less search box (${trigger})`,
      );
      const page = await open(p);
      expect(await page.locator('form').count(), p.host).toBe(0);
      await page.locator('#keyword').fill('公积金');
      const popup = page.context().waitForEvent('page');
      if (trigger === 'button') await page.locator('#keyword').press('Enter');
      else await page.locator(trigger === 'link' ? 'a.search-btn' : '.icon-search').click();
      const results = await popup;
      await results.waitForLoadState('load');
      expect(await results.locator('.result-item').count(), `${p.host} ${trigger}`).toBeGreaterThan(0);
      await page.context().close();
    }
  });
  it('a header written by inline document.write (plain or unescape) renders with its entries', async () => {
    for (const mode of ['inline-docwrite', 'inline-unescape'] as const) {
      const p = find((x) => x.headerMode === mode && x.charset === 'utf-8', mode);
      const page = await open(p);
      expect(await page.locator('.header .tools').count(), p.host).toBe(1);
      expect(await page.locator('.nav a[href="/"]').textContent()).toBe('首页');
      await page.context().close();
    }
  });
  it('an image-only footer link leads to the /age/ version in large type, where it works', async () => {
    const p = find((x) => !!x.elderly?.image && x.elderly.works, 'a working /age/ image link');
    const page = await open(p);
    await Promise.all([page.waitForURL(/\/age\/$/), page.locator('a.footer-age').click()]);
    expect(await bodyFont(page)).toBe('24px');
    await page.context().close();
  });
});

describe('intelligent Q&A', () => {
  it('a working widget injects a button that opens a Q&A that answers; a broken one never appears', async () => {
    const ok = find((x) => x.smartQa?.via === 'widget_script' && x.smartQa.works, 'a working Q&A widget');
    const page = await open(ok);
    await page.locator('#robot-entry').click();
    const frame = page.frameLocator('#robot-frame');
    await frame.locator('#question').fill('公积金怎么提取');
    await frame.locator('button[type=submit]').click();
    await expect.poll(() => frame.locator('li.answer').count()).toBe(2);
    expect(await frame.locator('li.answer').last().textContent()).toContain('公积金');
    await page.context().close();

    const broken = find((x) => x.smartQa?.via === 'widget_script' && !x.smartQa.works, 'a broken Q&A widget');
    const page2 = await open(broken);
    await page2.waitForTimeout(300);
    expect(await page2.locator('#robot-entry').count()).toBe(0);
    await page2.context().close();
  });
  it('a Q&A iframe on an http portal still shows when the page is seen over https (no mixed content)', async () => {
    // Browsers upgrade http portals to https when https answers (Chrome's HTTPS-Upgrades; Playwright
    // switches it off, chrome-launcher for Lighthouse does not): an http:// frame would then be blocked.
    const p = find(
      (x) => x.smartQa?.via === 'iframe' && x.smartQa.works && x.scheme === 'http' && x.https.available,
      'a Q&A iframe on an http portal with https',
    );
    const ctx = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await ctx.newPage();
    await page.goto(`https://${p.host}/`, { waitUntil: 'load', timeout: 20_000 });
    await expect
      .poll(() => page.frameLocator('iframe.qa-frame').locator('#question').count(), { timeout: 5000 })
      .toBe(1);
    await ctx.close();
  });
  it('Chromium background traffic is refused, never forwarded', async () => {
    // The quiet flags may leave no background traffic at all, so the loop below could check nothing:
    // ask for a host Chromium phones home to, through the same proxy, and see it refused.
    const ctx = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await ctx.newPage();
    const res = await page.goto('http://update.googleapis.com/service/update2', { timeout: 20_000 });
    expect(res?.status()).toBe(502);
    expect(await page.textContent('body')).toContain('unknown host "update.googleapis.com" refused');
    await ctx.close();
    const refused = Object.keys(fw.stats().refused);
    expect(refused).toContain('update.googleapis.com');
    for (const host of refused) expect(fw.world.hosts.has(host), host).toBe(false);
  });
});
