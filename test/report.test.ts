import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReportData, DEFAULT_LIMITS, scriptSafeJson, writeReport } from '../src/report/index.js';
import { loadWeights, scoresFor } from '../src/scoring/index.js';
import { getRun, openDb } from '../src/store/db.js';
import { addAudit } from './audit-rows.fixtures.js';
import { reportBrowserForSuite } from './helpers/report-browser.js';
import { buildRun, HOSTILE, SITES } from './scoring.fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'govscan-report-'));
const ARTIFACTS = fileURLToPath(new URL('../output/test-artifacts/', import.meta.url));
const db = openDb(join(dir, 'r.db'));
buildRun(db, 'a');
const { runId } = buildRun(db, 'b'); // second run: trends and tier changes
const auditRunId = addAudit(db, runId); // the browser stage on a sample: Chengdu and Mianyang
const run = getRun(db, runId)!;
const scores = scoresFor(db, runId, loadWeights());
const file = join(dir, 'report.html');
writeReport(db, run, scores, file);
const html = readFileSync(file, 'utf8');

// The same cast without a browser stage: the report says it did not run.
const plainDb = openDb(join(dir, 'plain.db'));
const plainRun = getRun(plainDb, buildRun(plainDb, 'b').runId)!;
const plainFile = join(dir, 'plain.html');
writeReport(plainDb, plainRun, scoresFor(plainDb, plainRun.id, loadWeights()), plainFile);
afterAll(() => {
  db.close();
  plainDb.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('report HTML (static)', () => {
  it('escapes data so crawled text cannot close the data block', () => {
    expect(scriptSafeJson({ s: '</script><b>&\u2028' })).toBe(
      '{"s":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028"}',
    );
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<script>window.__pwned');
    expect(html.match(/<script[ >]/g)).toHaveLength(4); // 2 data blocks + echarts + page script
  });
  it('has a strict CSP allowing only the inline scripts by hash', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replace(/&#39;/g, "'");
    expect(csp).toMatch(
      /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+' 'sha256-[A-Za-z0-9+/=]+'; style-src 'unsafe-inline'; img-src data:/,
    );
  });
  it('builds provincial stats keyed to the map and trends over the two runs', () => {
    const data = buildReportData(db, run, scores);
    expect(data.provinces.find((p) => p.name === '四川省')).toMatchObject({ mapName: '四川', sites: 3, scored: 2 });
    expect(data.trends!.runs.map((r) => r.id)).toEqual([1, 2]);
    expect(data.trends!.totals[SITES.chengdu.code]).toEqual([99.16, 99.16]);
    expect(data.trends!.tierChanges.map((c) => [c.code, c.from, c.to])).toEqual([['510700', '积极发展', '稳步发展']]);
    const my = data.sites.find((s) => s.code === SITES.mianyang.code)!;
    expect(my.indicators.find((i) => i.id === 'smart_qa')!.reason).toContain(HOSTILE);
    expect(data.sites.find((s) => s.code === SITES.chengdu.code)!.screenshots[0]!.dataUrl).toMatch(
      /^data:image\/png;base64,/,
    );
  });
  it('holds the browser stage: which sites, Lighthouse scores 0-100, axe by category and impact, verification with screenshots', () => {
    const data = buildReportData(db, run, scores);
    expect(data.browserStage.runs).toEqual([
      expect.objectContaining({
        id: auditRunId,
        state: 'done',
        planned: 2,
        finished: 2,
        steps: { lighthouse: true, axe: true, verify: true },
      }),
    ]);
    expect([...data.browserStage.audited].sort()).toEqual([SITES.chengdu.code, SITES.mianyang.code]);
    expect(data.sites.find((s) => s.code === SITES.beijing.code)!.audit).toBeNull();

    const cd = data.sites.find((s) => s.code === SITES.chengdu.code)!.audit!;
    expect(cd.auditRunId).toBe(auditRunId);
    expect(cd.lighthouse).toMatchObject({
      status: 'ok',
      scores: { performance: 42, accessibility: 87, bestPractices: 96, seo: 90 },
      metrics: { lcpMs: 5321.4, tbtMs: 612.2, cls: 0.1234 },
      lighthouseVersion: '12.8.2',
    });
    expect(cd.axe).toMatchObject({
      status: 'ok',
      violations: 4,
      violationNodes: 11,
      impacts: { critical: 3, serious: 6, moderate: 2 },
    });
    expect(cd.axe!.categories.map((c) => [c.id, c.zh, c.rules, c.nodes])).toEqual([
      ['contrast', '颜色对比度', 1, 5],
      ['images', '图片与替代文本', 1, 3],
      ['keyboard', '键盘操作', 1, 2],
      ['language', '页面语言', 1, 1],
    ]);
    expect(cd.axe!.rules[0]).toMatchObject({ id: 'color-contrast', impact: 'serious', nodes: 5 });
    expect(cd.verification.map((v) => [v.capability, v.outcome, v.outcomeZh])).toEqual([
      ['accessibility_mode', 'verified', '已验证可用'],
      ['elderly_mode', 'verified', '已验证可用'],
      ['smart_qa', 'not_working', '入口无效'],
      ['site_search', 'verified', '已验证可用'],
    ]);
    expect(cd.verification[1]!.detail).toBe('Clicked "长者模式"; the base font grew from 14 px to 20 px.');
    for (const v of cd.verification) expect(v.screenshot!.dataUrl).toMatch(/^data:image\/png;base64,/);
    // Page screenshots stay the page's; verification shots are shown with their outcome.
    expect(data.sites.find((s) => s.code === SITES.chengdu.code)!.screenshots.map((x) => x.caption)).toEqual([
      `page home: ${SITES.chengdu.portalUrl}`,
    ]);

    const my = data.sites.find((s) => s.code === SITES.mianyang.code)!.audit!;
    expect(my.lighthouse).toMatchObject({
      status: 'timeout',
      error: 'Lighthouse took longer than 60 s',
      scores: { performance: null },
    });
    expect(my.axe).toMatchObject({ status: 'timeout', error: 'axe took longer than 30 s', violations: null });
    expect(my.verification).toEqual([
      expect.objectContaining({
        capability: 'smart_qa',
        outcome: 'not_found',
        detail: expect.stringContaining(HOSTILE),
      }),
    ]);
    expect(my.verification[0]!.screenshot).toBeUndefined();
  });
  it('keeps the data block escaped with the browser stage in it', () => {
    const block = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(block).not.toMatch(/[<>&]/);
    const parsed = JSON.parse(block) as ReturnType<typeof buildReportData>;
    expect(parsed.sites.find((s) => s.code === SITES.mianyang.code)!.audit!.verification[0]!.detail).toContain(HOSTILE);
    expect(parsed.sites.find((s) => s.code === SITES.chengdu.code)!.audit!.lighthouse!.scores.accessibility).toBe(87);
  });
  it('limits verification screenshots, and --screenshots-per-site 0 leaves them all out', () => {
    const two = buildReportData(db, run, scores, { ...DEFAULT_LIMITS, verificationShotsPerSite: 2 });
    expect(
      two.sites.find((s) => s.code === SITES.chengdu.code)!.audit!.verification.map((v) => !!v.screenshot?.dataUrl),
    ).toEqual([true, true, false, false]);
    const none = buildReportData(db, run, scores, { ...DEFAULT_LIMITS, screenshotsPerSite: 0 });
    const cd = none.sites.find((s) => s.code === SITES.chengdu.code)!;
    expect(cd.screenshots).toEqual([]);
    expect(cd.audit!.verification.filter((v) => v.screenshot)).toEqual([]);
  });
  it('says when the browser stage did not run', () => {
    const data = buildReportData(plainDb, plainRun, scoresFor(plainDb, plainRun.id, loadWeights()));
    expect(data.browserStage).toEqual({ runs: [], audited: [] });
    expect(data.sites.every((s) => s.audit === null)).toBe(true);
  });
  it('caps inlined screenshots by size and budget, saying why one was left out', () => {
    const tiny = buildReportData(db, run, scores, { ...DEFAULT_LIMITS, maxScreenshotBytes: 10 });
    expect(tiny.sites.find((s) => s.code === SITES.chengdu.code)!.screenshots).toEqual([
      { caption: `page home: ${SITES.chengdu.portalUrl}`, skipped: expect.stringMatching(/^too large to inline/) },
    ]);
    const none = buildReportData(db, run, scores, { ...DEFAULT_LIMITS, maxScreenshotTotalBytes: 0 });
    expect(none.sites.find((s) => s.code === SITES.chengdu.code)!.screenshots[0]!.skipped).toBe(
      'report screenshot budget used up',
    );
  });
});

describe('report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[] = [];
  reportBrowserForSuite(file, (r) => ({ browser, page, errors } = r));

  it('shows the title, the summary cards and tier counts', async () => {
    expect(await page.title()).toBe(`govscan 报告 · run ${runId}`);
    expect(await page.textContent('#count-sites .card-value')).toBe('5');
    // Where the run ran from (this fixture run was stored without it: said so, not guessed).
    expect(await page.textContent('#run-info')).toContain('vantage not recorded');
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
        if (!c?.width || !c.height) return 0;
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
    await page.evaluate((c) => {
      location.hash = `#site=${c}`;
    }, SITES.chengdu.code);
    await page.waitForSelector('img.shot');
    expect(await page.getAttribute('img.shot', 'src')).toMatch(/^data:image\/png;base64,/);
  });

  it('shows the browser-stage section: the sample, its audit run, scores and outcomes per audited site', async () => {
    await page.evaluate(() => {
      location.hash = '';
    });
    await page.waitForSelector('#overview:not([hidden])');
    expect(await page.textContent('#browser-stage-summary')).toContain('2 of the 5 sites whose homepage was reachable');
    expect(await page.textContent('#audit-runs')).toMatch(
      new RegExp(`audit run ${auditRunId} · done · .* · 2 / 2 sites · Lighthouse \\+ axe \\+ 操作验证`),
    );
    expect(await page.locator('#audit-sites tbody tr').count()).toBe(2);
    const cd = page.locator(`#audit-sites tr[data-code="${SITES.chengdu.code}"]`);
    expect(await cd.locator('td[data-lh="performance"]').textContent()).toBe('42');
    expect(await cd.locator('td[data-lh="performance"]').getAttribute('class')).toContain('poor');
    expect(await cd.locator('td[data-lh="bestPractices"]').getAttribute('class')).toContain('good');
    expect(await cd.locator('td[data-axe="violations"]').textContent()).toBe('4 / 11');
    expect(await cd.locator('td[data-capability="smart_qa"]').textContent()).toBe('入口无效 not_working');
    const my = page.locator(`#audit-sites tr[data-code="${SITES.mianyang.code}"]`);
    expect(await my.locator('td[data-lh="performance"]').textContent()).toBe('timeout');
    await page.locator('#browser-stage').screenshot({ path: join(ARTIFACTS, 'report-browser-stage.png') });
  });

  it("shows a site's Lighthouse scores, axe violations and each verification with its sentence and screenshot", async () => {
    await page.evaluate((c) => {
      location.hash = `#site=${c}`;
    }, SITES.chengdu.code);
    await page.waitForSelector('#site-audit');
    const scoresShown = await page
      .locator('#site-audit .lh-score')
      .evaluateAll((xs) => xs.map((x) => [x.getAttribute('data-category'), x.querySelector('.v')!.textContent]));
    expect(scoresShown).toEqual([
      ['performance', '42'],
      ['accessibility', '87'],
      ['bestPractices', '96'],
      ['seo', '90'],
    ]);
    expect(await page.textContent('#site-audit')).toContain('LCP 5.3 s');
    expect(await page.textContent('#axe-summary')).toBe(
      '4 条规则被违反 rules violated · 11 个元素 elements · 严重 critical 3 · 较重 serious 6 · 中等 moderate 2 · 轻微 minor 0',
    );
    expect(await page.locator('#axe-categories tbody tr').first().textContent()).toBe('颜色对比度 Colour contrast15');
    expect(await page.locator('#axe-rules tbody tr').count()).toBe(4);
    const items = page.locator('#site-audit .verification');
    expect(await items.count()).toBe(4);
    const elder = page.locator('#site-audit .verification[data-capability="elderly_mode"]');
    expect(await elder.locator('.detail').textContent()).toBe(
      'Clicked "长者模式"; the base font grew from 14 px to 20 px.',
    );
    expect(await elder.locator('.outcome').textContent()).toBe('已验证可用 verified');
    expect(await elder.locator('img.shot').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await page.locator('#site-audit').screenshot({ path: join(ARTIFACTS, 'report-site-audit.png') });

    await page.evaluate((c) => {
      location.hash = `#site=${c}`;
    }, SITES.mianyang.code);
    await page.waitForSelector('#site-audit .verification');
    expect(await page.textContent('#site-audit')).toContain('timeout: Lighthouse took longer than 60 s');
    expect(await page.locator('#site-audit .verification .detail').textContent()).toContain(HOSTILE); // as text

    await page.evaluate((c) => {
      location.hash = `#site=${c}`;
    }, SITES.beijing.code);
    await page.waitForSelector('#site-audit');
    expect(await page.textContent('#site-audit')).toContain('not in the browser-stage sample');
  });

  it('says so when the browser stage did not run', async () => {
    const other = await browser.newPage();
    other.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await other.goto(pathToFileURL(plainFile).href);
    await other.waitForSelector('body[data-ready="1"]');
    expect(await other.textContent('#browser-stage-summary')).toContain(
      `did not run on crawl run ${plainRun.id}. Run "govscan audit --run ${plainRun.id}"`,
    );
    expect(await other.locator('#audit-sites').count()).toBe(0);
    // No monitor either: the availability section says so and how to start it.
    expect(await other.textContent('#availability-summary')).toMatch(
      new RegExp(
        `No monitor visits in this database for the window before the crawl of run ${plainRun.id}: .* "govscan monitor --db .*plain\\.db"`,
      ),
    );
    expect(await other.locator('#availability-sites').count()).toBe(0);
    await other.close();
  });

  it('ran no script from the data and produced no errors or CSP violations', async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#site-page img:not(.shot)').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
