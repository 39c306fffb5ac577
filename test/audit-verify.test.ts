// Verify by acting, on small loopback portals: working, broken and absent capabilities.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BrowserPool, browserOptionsFrom, settingsFrom, verifySite } from '../crawlers/verify/index.js';
import { parseConfig } from '../src/config/config.js';
import type { Interaction } from '../src/types.js';
import { startAuditTestServer, type TestServer } from './audit-pages.js';

const cfg = parseConfig({
  network: { allowPrivateNetworks: true },
  audit: { reactionWaitMs: 2500, answerWaitMs: 3000 },
});
const settings = settingsFrom(cfg.audit);
let server: TestServer;
let pool: BrowserPool;

beforeAll(async () => {
  server = await startAuditTestServer();
  pool = new BrowserPool(browserOptionsFrom(cfg));
});
afterAll(async () => {
  await pool?.close();
  await server?.close();
});

const byCap = (xs: Interaction[]) => Object.fromEntries(xs.map((x) => [x.capability, x]));
/** Verify the test portal at `path` (only `capabilities`, when given): its interactions by capability. */
const verifyAt = async (path: string, capabilities?: Interaction['capability'][], deadlineMs = 60_000) =>
  byCap((await verifySite(pool, { url: server.url(path), settings, deadlineMs, capabilities })).interactions);
const isPng = (b?: Buffer) =>
  !!b && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

describe('verifySite', () => {
  it('verifies a working toolbar, elderly mode, Q&A and search, with PNG screenshots', async () => {
    const r = await verifySite(pool, { url: server.url('/working'), settings, deadlineMs: 60_000 });
    const x = byCap(r.interactions);
    expect(r.loadError).toBeUndefined();
    expect(x.accessibility_mode?.outcome, x.accessibility_mode?.detail).toBe('verified');
    expect(x.accessibility_mode?.detail).toMatch(/cniil_wza_toolbar|moved down/);
    expect(x.elderly_mode?.outcome, x.elderly_mode?.detail).toBe('verified');
    expect(x.elderly_mode?.detail).toMatch(/larger/);
    expect(x.smart_qa?.outcome, x.smart_qa?.detail).toBe('verified');
    expect(x.smart_qa?.detail).toMatch(/居住证请携带身份证/);
    // The fixed question and the reply's first line are kept as structured evidence.
    expect(x.smart_qa?.asked?.question).toBe(settings.qaQuestion);
    expect(x.smart_qa?.asked?.answered).toBe(true);
    expect(x.smart_qa?.asked?.reply).toMatch(/^您好！办理居住证请携带身份证/);
    expect(x.site_search?.outcome, x.site_search?.detail).toBe('verified');
    for (const i of r.interactions) {
      expect(isPng(i.screenshot), `${i.capability} screenshot`).toBe(true);
      expect(i.screenshotHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('reports broken toolbar, elderly mode, Q&A and empty search as not working', async () => {
    const x = await verifyAt('/broken');
    expect(x.accessibility_mode?.outcome, x.accessibility_mode?.detail).toBe('not_working');
    expect(x.accessibility_mode?.detail).toMatch(/assist\.js answered 404|no toolbar/);
    expect(x.elderly_mode?.outcome, x.elderly_mode?.detail).toBe('not_working');
    expect(x.smart_qa?.outcome, x.smart_qa?.detail).toBe('not_working');
    expect(x.smart_qa?.asked, 'nothing to type into: no question was asked').toBeUndefined();
    expect(x.site_search?.outcome, x.site_search?.detail).toBe('not_working');
    expect(x.site_search?.detail).toMatch(/no results/);
  });

  it('verifies an entry that opens a separate version that loads, and blames entries whose pages answer 404', async () => {
    const x = await verifyAt('/elsewhere', ['accessibility_mode', 'elderly_mode', 'smart_qa']);
    expect(x.accessibility_mode?.outcome, x.accessibility_mode?.detail).toBe('verified');
    expect(x.accessibility_mode?.detail).toMatch(/\/wza\/ \(HTTP 200\), a separate accessible version that loads/);
    expect(x.elderly_mode?.outcome, x.elderly_mode?.detail).toBe('not_working');
    expect(x.elderly_mode?.detail).toMatch(/opens the page \S+\/ghb\/, which answers HTTP 404/);
    expect(x.smart_qa?.outcome, x.smart_qa?.detail).toBe('not_working');
    expect(x.smart_qa?.detail).toMatch(/opens a new window \(\S+\/znwd-gone\/\), which answers HTTP 404/);
    expect(isPng(x.smart_qa?.screenshot), 'the 404 window is the evidence').toBe(true);
  });

  it('uses a search box that a script submits and a Q&A reached only through a robot image', async () => {
    const x = await verifyAt('/formless', ['smart_qa', 'site_search']);
    expect(x.site_search?.outcome, x.site_search?.detail).toBe('verified');
    expect(x.smart_qa?.outcome, x.smart_qa?.detail).toBe('verified');
    expect(x.smart_qa?.detail).toMatch(/robot\.png|new window/);
  });

  it('waits for a carousel to show its Q&A slide, and does not click a certification badge as a toolbar', async () => {
    const x = await verifyAt('/carousel', ['accessibility_mode', 'smart_qa']);
    expect(x.smart_qa?.outcome, x.smart_qa?.detail).toBe('verified');
    expect(x.accessibility_mode?.outcome, x.accessibility_mode?.detail).toBe('not_found');
  });

  it('finds and uses the search box and toolbar entry of a header served in a same-site iframe', async () => {
    const x = await verifyAt('/framed', ['accessibility_mode', 'site_search']);
    expect(x.accessibility_mode?.outcome, x.accessibility_mode?.detail).toBe('verified');
    expect(x.site_search?.outcome, x.site_search?.detail).toBe('verified');
  });

  it('reports capabilities a page lacks as not found, and follows a Q&A opened in a new window', async () => {
    const bare = await verifyAt('/bare', undefined, 30_000);
    expect(Object.values(bare).map((i) => i.outcome)).toEqual(['not_found', 'not_found', 'not_found', 'not_found']);
    const popup = await verifySite(pool, {
      url: server.url('/qa-popup'),
      settings,
      deadlineMs: 30_000,
      capabilities: ['smart_qa'],
    });
    expect(popup.interactions[0]?.outcome, popup.interactions[0]?.detail).toBe('verified');
    expect(popup.interactions[0]?.detail).toMatch(/new window/);
  });

  it('asks a Q&A embedded in the homepage, and blames a Q&A widget whose script never loads', async () => {
    const qa = { settings, deadlineMs: 30_000, capabilities: ['smart_qa' as const] };
    const embedded = (await verifySite(pool, { ...qa, url: server.url('/qa-embedded') })).interactions[0];
    expect(embedded?.outcome, embedded?.detail).toBe('verified');
    expect(embedded?.detail).toMatch(/embedded Q&A frame.*got a reply/);
    expect(embedded?.asked).toMatchObject({ answered: true, reply: expect.stringMatching(/居住证/) });
    const silent = (await verifySite(pool, { ...qa, url: server.url('/qa-silent') })).interactions[0];
    expect(silent?.detail).toMatch(/question was taken \(echoed\) but no reply/);
    expect(silent?.asked).toEqual({ question: settings.qaQuestion, answered: false });
    const dead = (await verifySite(pool, { ...qa, url: server.url('/qa-widget-dead') })).interactions[0];
    expect(dead?.outcome, dead?.detail).toBe('not_working');
    expect(dead?.detail).toMatch(/widget\.js failed to load \(404\)/);
  });

  it("refuses loopback/private addresses unless the config allows them (the crawler's SSRF guard)", async () => {
    const hitsBefore = server.hits.get('/working') ?? 0;
    const strict = new BrowserPool(browserOptionsFrom(parseConfig({})));
    try {
      const r = await verifySite(strict, {
        url: server.url('/working'),
        settings,
        deadlineMs: 20_000,
        capabilities: ['accessibility_mode'],
      });
      expect(r.loadError).toMatch(/ERR_ACCESS_DENIED/);
      expect(r.interactions[0]?.outcome).toBe('error');
      expect(server.hits.get('/working') ?? 0).toBe(hitsBefore);
    } finally {
      await strict.close();
    }
  });

  it('turns an unreachable homepage into error outcomes, not absences', async () => {
    const r = await verifySite(pool, { url: server.url('/gone'), settings, deadlineMs: 20_000 });
    expect(r.loadError).toMatch(/404/);
    expect(r.interactions.map((i) => i.outcome)).toEqual(['error', 'error', 'error', 'error']);
  });
});

describe('a homepage answering 503 once', () => {
  it('is reloaded once, as a person would, and then verified', async () => {
    const r = await verifySite(pool, {
      url: server.url('/flapping'),
      settings,
      deadlineMs: 60_000,
      capabilities: ['accessibility_mode'],
    });
    expect(r.loadError).toBeUndefined();
    expect(r.interactions[0]?.outcome, r.interactions[0]?.detail).toBe('verified');
    expect(server.hits.get('/flapping')).toBeGreaterThanOrEqual(2);
  });
});

describe('BrowserPool', () => {
  it('recycles its browser while other sites still use it: they keep theirs until they release it', async () => {
    const p = new BrowserPool({ ...browserOptionsFrom(cfg), recycleEvery: 2 });
    try {
      const [a, b] = await Promise.all([p.newContext(), p.newContext()]);
      const first = a.browser()!;
      expect(b.browser()).toBe(first); // concurrent callers share one launch
      const c = await p.newContext(); // due for recycling: opens in a fresh browser
      expect(c.browser()).not.toBe(first);
      expect(first.isConnected()).toBe(true); // a and b are still in use there
      await p.release(a);
      expect(first.isConnected()).toBe(true);
      await p.release(b);
      await vi.waitFor(() => expect(first.isConnected()).toBe(false));
      const page = await c.newPage();
      await page.setContent('<p id="x">still works</p>');
      expect(await page.textContent('#x')).toBe('still works');
      await p.release(c);
    } finally {
      await p.close();
    }
  });
});
