import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM_QUIET_FLAGS, chromiumPath } from '../crawlers/chromium.js';
import { DEFAULT_LIMITS, buildReportData, scriptSafeJson, writeReport } from '../src/report/index.js';
import { loadWeights, scoresFor } from '../src/scoring/index.js';
import { getRun, openDb } from '../src/store/db.js';
import { HOSTILE, SITES, buildRun } from './scoring.fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'govscan-report-'));
const ARTIFACTS = fileURLToPath(new URL('../output/test-artifacts/', import.meta.url));
const db = openDb(join(dir, 'r.db'));
buildRun(db, 'a');
const { runId } = buildRun(db, 'b'); // second run: trends and tier changes
const run = getRun(db, runId)!;
const scores = scoresFor(db, runId, loadWeights());
const file = join(dir, 'report.html');
writeReport(db, run, scores, file);
const html = readFileSync(file, 'utf8');

describe('report HTML (static)', () => {
  it('escapes data so crawled text cannot close the data block', () => {
    expect(scriptSafeJson({ s: '</script><b>&\u2028' })).toBe('{"s":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028"}');
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<script>window.__pwned');
    expect(html.match(/<script[ >]/g)).toHaveLength(4); // 2 data blocks + echarts + page script
  });
  it('has a strict CSP allowing only the inline scripts by hash', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replace(/&#39;/g, "'");
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+' 'sha256-[A-Za-z0-9+/=]+'; style-src 'unsafe-inline'; img-src data:/);
  });
  it('builds provincial stats keyed to the map and trends over the two runs', () => {
    const data = buildReportData(db, run, scores);
    expect(data.provinces.find((p) => p.name === '四川省')).toMatchObject({ mapName: '四川', sites: 3, scored: 2 });
    expect(data.trends!.runs.map((r) => r.id)).toEqual([1, 2]);
    expect(data.trends!.totals[SITES.chengdu.code]).toEqual([99.1, 99.1]);
    expect(data.trends!.tierChanges.map((c) => [c.code, c.from, c.to])).toEqual([['510700', '积极发展', '稳步发展']]);
    const my = data.sites.find((s) => s.code === SITES.mianyang.code)!;
    expect(my.indicators.find((i) => i.id === 'smart_qa')!.reason).toContain(HOSTILE);
    expect(data.sites.find((s) => s.code === SITES.chengdu.code)!.screenshots[0]!.dataUrl).toMatch(/^data:image\/png;base64,/);
  });
  it('caps inlined screenshots by size and budget, saying why one was left out', () => {
    const tiny = buildReportData(db, run, scores, { ...DEFAULT_LIMITS, maxScreenshotBytes: 10 });
    expect(tiny.sites.find((s) => s.code === SITES.chengdu.code)!.screenshots).toEqual([
      { caption: `page home: ${SITES.chengdu.portalUrl}`, skipped: expect.stringMatching(/^too large to inline/) },
    ]);
    const none = buildReportData(db, run, scores, { ...DEFAULT_LIMITS, maxScreenshotTotalBytes: 0 });
    expect(none.sites.find((s) => s.code === SITES.chengdu.code)!.screenshots[0]!.skipped).toBe('report screenshot budget used up');
  });
});

describe('report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_QUIET_FLAGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="1"]');
  });
  afterAll(async () => {
    await browser?.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the title, the summary cards and tier counts', async () => {
    expect(await page.title()).toBe(`govscan 报告 · run ${runId}`);
    expect(await page.textContent('#count-sites .card-value')).toBe('5');
    // Run b: Chengdu, Shenzhen, Beijing 领先发展; Mianyang dropped to 稳步发展.
    expect(await page.textContent('#tier-count-0 .card-label')).toBe('领先发展');
    expect(await page.textContent('#tier-count-0 .card-value')).toBe('3');
    expect(await page.textContent('#tier-count-1 .card-value')).toBe('0');
    expect(await page.textContent('#tier-count-2 .card-value')).toBe('1');
    expect(await page.textContent('#tier-changes')).toContain('积极发展');
  });

  it('draws the charts and the map on canvases, with the illustrative-boundary note', async () => {
    for (const id of ['chart-hist', 'chart-tiers', 'chart-provinces', 'chart-map', 'chart-radar', 'chart-trend']) {
      const painted = await page.evaluate((cid) => {
        const c = document.querySelector(`#${cid} canvas`) as HTMLCanvasElement | null;
        if (!c || !c.width || !c.height) return 0;
        const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) n++;
        return n;
      }, id);
      expect(painted, id).toBeGreaterThan(500);
    }
    expect(await page.isVisible('text=地图边界仅为示意')).toBe(true);
    expect(await page.isVisible('#trends')).toBe(true);
  });

  it('lists every site in the table, sorts, and filters with the search box', async () => {
    expect(await page.locator('#sites-body tr').count()).toBe(5);
    expect(await page.textContent('#sites-body tr:first-child td:nth-child(2)')).toBe('深圳市');
    await page.click('#sites-head th[data-key="name"]');
    const names = await page.locator('#sites-body tr td:nth-child(2)').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'zh')));
    await page.fill('#search', '四川');
    expect(await page.locator('#sites-body tr').count()).toBe(3);
    await page.fill('#search', '绵阳');
    expect(await page.locator('#sites-body tr').count()).toBe(1);
    await page.fill('#search', '');
    expect(await page.locator('#sites-body tr').count()).toBe(5);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
  });

  it('opens a site page on click, with indicators, evidence and the hostile text shown as text', async () => {
    await page.click(`#sites-body tr[data-code="${SITES.mianyang.code}"]`);
    await page.waitForSelector('#site-title');
    expect(await page.textContent('#site-title')).toBe('绵阳市 · 四川省 · 510700');
    expect(await page.isVisible('#overview')).toBe(false);
    const row = page.locator('tr[data-indicator="smart_qa"]');
    expect(await row.locator('td.status').textContent()).toMatch(/^不具备/);
    expect(await row.textContent()).toContain(HOSTILE); // shown literally, as text
    expect(await page.locator('.ev').count()).toBeGreaterThan(20);
    expect(await page.isVisible('text=单项否决 veto items')).toBe(true);
    const radar = await page.evaluate(() => !!document.querySelector('#chart-site-radar canvas'));
    expect(radar).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'report-site.png'), fullPage: false });
    await page.goBack();
    await page.waitForSelector('#overview:not([hidden])');
  });

  it('shows inlined screenshots on the site page', async () => {
    await page.evaluate((c) => { location.hash = `#site=${c}`; }, SITES.chengdu.code);
    await page.waitForSelector('img.shot');
    expect(await page.getAttribute('img.shot', 'src')).toMatch(/^data:image\/png;base64,/);
  });

  it('ran no script from the data and produced no errors or CSP violations', async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#site-page img:not(.shot)').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
