// Verification through the fixture world's proxy (real host names, https with the world's CA):
// the outcomes must match the world's ground truth, including its broken toolbars and widgets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool, browserOptionsFrom, CAPABILITIES, settingsFrom, verifySite } from '../crawlers/verify/index.js';
import { type FixtureWorld, type SiteTruth, startFixtureWorld } from '../fixtures/index.js';
import { parseConfig } from '../src/config/config.js';
import type { Interaction } from '../src/types.js';

type Outcome = Interaction['outcome'];

/** What verification should report for a site, from the world's ground truth. */
function expected(s: SiteTruth, cap: Interaction['capability']): Outcome | undefined {
  const t = s.indicators[cap] as { status: string; value?: { verified?: Outcome } } | undefined;
  if (!t || t.status === 'unknown') return undefined;
  // An entry that exists but does not work is stated as such (a broken search is absent yet not_working).
  if (t.value?.verified) return t.value.verified;
  return t.status === 'absent' ? 'not_found' : 'verified';
}

/** A few sites that together show as many different (capability, outcome) cases as possible. */
function pickSites(sites: SiteTruth[], max: number): SiteTruth[] {
  const cases = (s: SiteTruth) =>
    CAPABILITIES.map((c) => `${c}:${expected(s, c)}`).filter((k) => !k.endsWith(':undefined'));
  const covered = new Set<string>();
  const picked: SiteTruth[] = [];
  const pool = sites.filter((s) => !s.hostile);
  while (picked.length < max) {
    // Prefer sites with broken things: they are what this stage exists to catch.
    const gain = (s: SiteTruth) =>
      cases(s)
        .filter((k) => !covered.has(k))
        .reduce((n, k) => n + (k.endsWith('not_working') ? 2 : 1), 0);
    const best = pool.filter((s) => !picked.includes(s)).sort((a, b) => gain(b) - gain(a))[0];
    if (!best || gain(best) === 0) break;
    picked.push(best);
    for (const k of cases(best)) covered.add(k);
  }
  return picked;
}

let world: FixtureWorld;
let pool: BrowserPool;
let cfg: ReturnType<typeof parseConfig>;
beforeAll(async () => {
  world = await startFixtureWorld({ latency: 'none' });
  cfg = parseConfig({
    network: { proxy: world.proxyUrl, extraCaFiles: [world.caFile] },
    audit: { reactionWaitMs: 1500, answerWaitMs: 2000 },
  });
  pool = new BrowserPool(browserOptionsFrom(cfg));
});
afterAll(async () => {
  await pool?.close();
  await world?.close();
});

describe('verification in the fixture world', () => {
  it('matches the ground truth on sites with working, broken and absent capabilities', async () => {
    const sites = pickSites(world.manifest.sites, 3);
    expect(sites.length).toBeGreaterThan(0);
    const mismatches: string[] = [];
    let notWorkingChecked = 0;
    for (const s of sites) {
      const r = await verifySite(pool, { url: s.portalUrl, settings: settingsFrom(cfg.audit), deadlineMs: 90_000 });
      for (const x of r.interactions) {
        const want = expected(s, x.capability);
        if (want === undefined) continue;
        if (want === 'not_working') notWorkingChecked++;
        if (x.outcome !== want)
          mismatches.push(`${s.code} ${x.capability}: want ${want}, got ${x.outcome} — ${x.detail}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(notWorkingChecked).toBeGreaterThan(0);
    // Chromium did not phone home through the proxy (update, sync, connectivity checks).
    expect(Object.keys(world.stats().refused).filter((h) => /google|gstatic|gvt\d/.test(h))).toEqual([]);
    // Several sites in turn, each waiting out the reactions that never come: minutes on a busy machine.
  }, 240_000);
});
