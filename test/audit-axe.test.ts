// axe-core grouping: a page with known violations lands in the right categories.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool, browserOptionsFrom } from '../crawlers/verify/index.js';
import { categoryOf, runAxe, summarise } from '../src/audit/axe.js';
import { parseConfig } from '../src/config/config.js';
import { startAuditTestServer, type TestServer } from './audit-pages.js';
import { AXE_RAW } from './audit-rows.fixtures.js';

let server: TestServer;
let pool: BrowserPool;
beforeAll(async () => {
  server = await startAuditTestServer();
  pool = new BrowserPool(browserOptionsFrom(parseConfig({ network: { allowPrivateNetworks: true } })));
});
afterAll(async () => {
  await pool?.close();
  await server?.close();
});

async function axeOn(path: string) {
  const ctx = await pool.newContext();
  try {
    const page = await ctx.newPage();
    await page.goto(server.url(path));
    return await runAxe(page);
  } finally {
    await pool.release(ctx);
  }
}

describe('axe', () => {
  it('groups the violations of a page with missing alt, low contrast, no lang and an unlabelled input', async () => {
    const r = await axeOn('/axe-bad');
    const ids = r.rules.map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'color-contrast', 'html-has-lang', 'label', 'link-name']));
    const rule = (id: string) => r.rules.find((x) => x.id === id)!;
    expect(rule('image-alt').category).toBe('images');
    expect(rule('color-contrast').category).toBe('contrast');
    expect(rule('html-has-lang').category).toBe('language');
    expect(rule('label').category).toBe('forms');
    expect(rule('link-name').category).toBe('structure_aria');
    expect(r.categories.images?.nodes).toBeGreaterThanOrEqual(1);
    expect(r.categories.language).toEqual({ rules: 1, nodes: 1 });
    expect(r.violations).toBe(r.rules.length);
    expect(r.violationNodes).toBe(r.rules.reduce((n, x) => n + x.nodes, 0));
    expect(Object.values(r.impacts).reduce((a, b) => a + (b ?? 0), 0)).toBe(r.violationNodes);
    expect(r.axeVersion).toMatch(/^4\./);
  });

  it('finds no language or image problem on a page that declares its language and has no images', async () => {
    const r = await axeOn('/bare');
    expect(r.categories.language).toBeUndefined();
    expect(r.categories.images).toBeUndefined();
    expect(r.passes).toBeGreaterThan(5);
  });

  it('maps rules by their axe category tag, with a few moved where readers look', () => {
    expect(categoryOf('td-has-header', ['cat.tables', 'wcag2a'])).toBe('tables');
    expect(categoryOf('meta-viewport', ['cat.sensory-and-visual-cues'])).toBe('zoom_targets');
    expect(categoryOf('document-title', ['cat.text-alternatives'])).toBe('structure_aria');
    expect(categoryOf('some-new-rule', ['wcag2a'])).toBe('other');
    // The shared fixture's image-alt violation (critical, 3 nodes) beside an area-alt one axe gave no impact.
    const imageAlt = AXE_RAW.violations.find((v) => v.id === 'image-alt')!;
    const areaAlt = { id: 'area-alt', impact: null, tags: ['cat.text-alternatives'], help: 'h', nodes: [1] };
    const s = summarise({ ...AXE_RAW, violations: [imageAlt, areaAlt], passes: [], incomplete: [] }, 5);
    expect(s.categories).toEqual({ images: { rules: 2, nodes: 4 } });
    expect(s.impacts).toEqual({ critical: 3, unknown: 1 });
  });
});
