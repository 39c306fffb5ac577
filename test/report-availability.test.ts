// The report's availability section on a database with a monitored week before the crawl: sites
// ranked by failure share, an hourly calendar per site (overview and the site's page), unexpected
// homepage changes shown to a person, and the compact data it costs.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReportData, writeReport } from '../src/report/index.js';
import { loadWeights, scoresFor } from '../src/scoring/index.js';
import { getRun } from '../src/store/db.js';
import { reportBrowserForSuite } from './helpers/report-browser.js';
import { MONITORED, monitoredRun, UNMONITORED } from './monitor-run.fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'govscan-report-avail-'));
const ARTIFACTS = fileURLToPath(new URL('../output/test-artifacts/', import.meta.url));
const { db, runId } = await monitoredRun(join(dir, 'r.db'));
const run = getRun(db, runId)!;
const scores = scoresFor(db, runId, loadWeights());
const file = join(dir, 'report.html');
writeReport(db, run, scores, file);
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('availability section data', () => {
  const data = buildReportData(db, run, scores);
  const av = data.availability;

  it('ranks the monitored sites by failure share with the run’s veto, and counts the unmonitored', () => {
    expect(av.sites.map((s) => [s.code, s.failures, s.veto])).toEqual([
      [MONITORED.bigOutage, 12, 'yes'],
      [MONITORED.steady, 0, 'no'],
      [MONITORED.waf, 0, 'no'],
    ]);
    expect(av.notMonitored).toBe(1);
    expect(av.rule).toEqual({ failAfterSecs: 15, minVisits: 140, vetoFailureShare: 0.05 });
    expect(av.sites[0]).toMatchObject({ visits: 168, longestOutageMs: 12 * 3_600_000, share: 0.0714 });
  });

  it('encodes the calendar as one character per hour (UTC+8): the outage, the WAF hours and the placeholder', () => {
    const big = av.sites.find((s) => s.code === MONITORED.bigOutage)!;
    // The week starts at 00:00 UTC = 08:00 UTC+8: 8 calendar days, the first 8 hours and the last 16 before/after the window.
    expect(big.firstDay).toBe('2026-11-23');
    expect(big.hours).toHaveLength(8 * 24);
    expect(big.hours.slice(0, 8)).toBe('--------');
    expect(big.hours.slice(8 + 168)).toBe('-'.repeat(16));
    // Down from hour 50 of the week for 12 hours.
    expect(big.hours.slice(8 + 50, 8 + 62)).toBe('f'.repeat(12));
    expect(big.hours.replace(/[-f]/g, '')).toBe('o'.repeat(156));
    const waf = av.sites.find((s) => s.code === MONITORED.waf)!;
    expect(waf.hours.slice(8 + 20, 8 + 25)).toBe('uuuuu'); // block pages: refused and replaced
    expect(waf.hours.slice(8 + 60, 8 + 61)).toBe('u'); // the placeholder's first hour (the second is the same page)
    expect(waf.unexpected[0]!.change).toContain('placeholder');
    expect(waf.newHeadlineDays).toBe(6);
  });

  it('stays compact: a few hundred bytes per monitored site', () => {
    const perSite = JSON.stringify(av.sites).length / av.sites.length;
    expect(perSite).toBeLessThan(1200);
  });
});

describe('availability section in Chromium', () => {
  let page: Page;
  let errors: string[] = [];
  reportBrowserForSuite(file, (r) => ({ page, errors } = r));

  it('lists the sites worst first with their calendars and the unexpected changes', async () => {
    expect(await page.textContent('#availability-summary')).toContain(
      '3 个站点有监测数据 sites monitored (1 not monitored',
    );
    const codes = await page
      .locator('#availability-sites tbody tr')
      .evaluateAll((rs) => rs.map((r) => r.getAttribute('data-code')));
    expect(codes).toEqual([MONITORED.bigOutage, MONITORED.steady, MONITORED.waf]);
    const big = page.locator(`#availability-sites tr[data-code="${MONITORED.bigOutage}"]`);
    expect(await big.locator('td[data-field="share"]').textContent()).toBe('7.1%');
    expect(await big.locator('td[data-field="veto"]').textContent()).toBe('否决 yes');
    expect(await big.locator('.hm span').count()).toBe(8 * 24);
    expect(await big.locator('.hm span.hm-failed').count()).toBe(12);
    const red = await big
      .locator('.hm span.hm-failed')
      .first()
      .evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(red).toBe('rgb(207, 34, 46)');
    const waf = page.locator(`#availability-sites tr[data-code="${MONITORED.waf}"]`);
    expect(await waf.locator('td[data-field="unexpected"]').textContent()).toMatch(/^6× · .*placeholder/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.locator('#availability').screenshot({ path: join(ARTIFACTS, 'report-availability.png') });
  });

  it("shows a site's own calendar, with hour tooltips, on its page; an unmonitored site says so", async () => {
    await page.evaluate((c) => {
      location.hash = `#site=${c}`;
    }, MONITORED.waf);
    await page.waitForSelector('#site-availability .hm.big');
    const cells = page.locator('#site-availability .hm.big span:not(.hm-label)');
    expect(await cells.count()).toBe(8 * 24);
    expect(await page.locator('#site-availability .hm.big span.hm-unexpected').count()).toBe(6);
    expect(await page.getAttribute('#site-availability span[data-hour="2026-11-24T4"]', 'title')).toBe(
      '2026-11-24 04:00 (UTC+8): 页面被替换 replaced (placeholder / block page)',
    );
    expect(await page.textContent('#site-unexpected')).toContain('placeholder');
    await page.locator('#site-availability').screenshot({ path: join(ARTIFACTS, 'report-site-availability.png') });
    await page.evaluate((c) => {
      location.hash = `#site=${c}`;
    }, UNMONITORED.code);
    await page.waitForSelector('#site-availability');
    expect(await page.textContent('#site-availability')).toContain('This site was not monitored');
    expect(errors).toEqual([]);
  });
});
