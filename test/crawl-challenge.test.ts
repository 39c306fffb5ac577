// Integration: portals behind anti-bot challenges in the fixture world (cookies computed by page
// script from a server seed, bound to the User-Agent, checked on every path). Passable ones must be
// measured as if unprotected; one that refuses automation ends challenge_failed with nothing absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSiteCrawler, type SiteCrawler } from '../crawlers/index.js';
import { type FixtureWorld, startFixtureWorld } from '../fixtures/index.js';
import type { SiteTruth } from '../fixtures/manifest.js';
import { DEFAULT_THRESHOLDS, runIndicators } from '../indicators/index.js';
import { type ConfigInput, parseConfig } from '../src/config/config.js';
import { loadRegistry } from '../src/registry/registry.js';
import type { IndicatorResult, Locality, SiteArtifacts } from '../src/types.js';

const PASSABLE = {
  challenge_ruishu: 'ruishu',
  challenge_jsl: 'jsl',
  challenge_acw: 'acw',
  challenge_per_page: 'generic',
};
const BROWSER_PAGES = 12;

let world: FixtureWorld;
const crawlers: SiteCrawler[] = [];
const crawled = new Map<string, SiteArtifacts>();
let unpassed: SiteArtifacts;

const truthOf = (kind: string) => world.manifest.sites.find((s) => s.hostile?.kind === kind)!;
const registry = loadRegistry();
const locality = (code: string) => registry.find((l) => l.code === code)!;

async function crawler(crawl: ConfigInput['crawl'] = {}): Promise<SiteCrawler> {
  const config = parseConfig({
    network: { proxy: world.proxyUrl, resolver: world.resolver, extraCaFiles: [world.caFile] },
    crawl: {
      perHostDelayMs: 20,
      retryBaseDelayMs: 50,
      timePerSiteSecs: 120,
      challengeBrowserPages: BROWSER_PAGES,
      ...crawl,
    },
  });
  const c = await createSiteCrawler({ config });
  crawlers.push(c);
  return c;
}

function indicators(a: SiteArtifacts): IndicatorResult[] {
  return runIndicators(a, { asOf: new Date(world.manifest.asOf), thresholds: DEFAULT_THRESHOLDS });
}

const known = (t: SiteTruth, id: string) => {
  const s = (t.indicators as Record<string, { status: string } | undefined>)[id]?.status;
  return s === 'present' || s === 'absent' ? s : undefined;
};

beforeAll(async () => {
  world = await startFixtureWorld({ latency: 'none' });
  const c = await crawler();
  const kinds = [...Object.keys(PASSABLE), 'challenge_automation'];
  const extra = ['ip_block_360', 'soft_404'].map((kind, i): Locality => {
    const h = world.manifest.extraHosts.find((x) => x.kind === kind)!;
    return {
      code: `98000${i}`,
      name: kind,
      province: '-',
      kind: 'prefecture_city',
      portalUrl: h.url,
      urlSource: 'test',
    };
  });
  const sites = [...kinds.map((k) => locality(truthOf(k).code)), ...extra];
  for (const a of await Promise.all(sites.map((l) => c.crawlSite(l)))) crawled.set(a.locality.code, a);
  unpassed = await (await crawler({ passChallenges: false })).crawlSite(locality(truthOf('challenge_ruishu').code));
}, 240_000);

afterAll(async () => {
  for (const c of crawlers) await c.close();
  await world?.close();
});

describe('anti-bot challenges', () => {
  it('passes each passable shape in the browser and says so on the site and its pages', () => {
    for (const [kind, vendor] of Object.entries(PASSABLE)) {
      const a = crawled.get(truthOf(kind).code)!;
      expect({ kind, status: a.siteStatus, error: a.siteError }).toEqual({ kind, status: 'ok', error: undefined });
      expect(a.challenge).toMatchObject({ vendor, passed: true });
      const first = a.pages.find((p) => p.role === 'home' && p.crawler === 'http' && p.status !== 'ok')!;
      expect(first).toMatchObject({ status: 'challenge_failed', challenge: { vendor, passed: false, via: 'none' } });
      const passedHere = a.pages.find((p) => p.challenge?.via === 'browser')!;
      expect(passedHere.status).toBe('ok');
      expect(passedHere.challenge!.reloads).toBeGreaterThanOrEqual(1);
    }
  });

  it('carries the earned cookies into HTTP, or reads a challenge-per-page site in the browser within its budget', () => {
    for (const kind of ['challenge_ruishu', 'challenge_jsl', 'challenge_acw']) {
      const a = crawled.get(truthOf(kind).code)!;
      expect(a.challenge!.via, kind).toBe('cookies');
      const viaCookies = a.pages.filter(
        (p) => p.crawler === 'http' && p.status === 'ok' && p.challenge?.via === 'cookies',
      );
      expect(viaCookies.length, kind).toBeGreaterThanOrEqual(10);
      expect(a.probes.robots?.status, `${kind} robots.txt read with the cookies`).not.toBe('challenge_failed');
    }
    const perPage = crawled.get(truthOf('challenge_per_page').code)!;
    expect(perPage.challenge!.via).toBe('browser');
    const browser = perPage.pages.filter((p) => p.crawler === 'browser' && p.status === 'ok');
    expect(browser.length).toBeGreaterThanOrEqual(3);
    // The browser budget bounds the pages read there (the homepage's pass is one more); other hosts stay on HTTP.
    const rendered = perPage.pages.filter((p) => p.crawler === 'browser' && p.status !== 'skipped');
    expect(rendered.length).toBeLessThanOrEqual(BROWSER_PAGES + 1);
    expect(perPage.pages.some((p) => p.crawler === 'http' && p.status === 'ok' && p.role === 'service_platform')).toBe(
      true,
    );
  });

  it('measures passable sites as if unprotected: every known indicator matches the truth (per-page: or unknown)', () => {
    for (const kind of Object.keys(PASSABLE)) {
      const t = truthOf(kind);
      const wrong = indicators(crawled.get(t.code)!)
        .filter((r) => known(t, r.id) && r.status !== known(t, r.id))
        .filter((r) => !(kind === 'challenge_per_page' && r.status === 'unknown'))
        .map((r) => `${r.id}: ${r.status}, truth ${known(t, r.id)}`);
      expect({ kind, wrong }).toEqual({ kind, wrong: [] });
    }
  });

  it('stops at a challenge that refuses automation: challenge_failed with evidence, nothing absent', () => {
    const t = truthOf('challenge_automation');
    const a = crawled.get(t.code)!;
    expect(a.siteStatus).toBe('challenge_failed');
    expect(a.siteError).toMatch(/ruishu challenge not passed in the browser/);
    expect(a.challenge).toMatchObject({ vendor: 'ruishu', passed: false, via: 'none' });
    const attempt = a.pages.find((p) => p.crawler === 'browser')!;
    expect(attempt.screenshotHash).toMatch(/^[0-9a-f]{64}$/);
    for (const r of indicators(a)) if (r.status === 'absent') expect(known(t, r.id), r.id).toBe('absent');
  });

  it('names block pages and soft 404s instead of reading them as content', () => {
    expect(crawled.get('980000')!.siteStatus).toBe('ip_block_page');
    expect(crawled.get('980001')!.siteStatus).toBe('soft_404');
    for (const code of ['980000', '980001'])
      expect(
        indicators(crawled.get(code)!).filter((r) => r.status === 'absent' && !['gov_domain', 'ipv6'].includes(r.id)),
      ).toEqual([]);
  });

  it('with challenge passing off, a protected site stays challenge_failed and its indicators unknown', () => {
    expect(unpassed.siteStatus).toBe('challenge_failed');
    expect(unpassed.challenge).toMatchObject({ vendor: 'ruishu', passed: false });
    const home = indicators(unpassed).filter((r) => r.id === 'online_service_portal' || r.id === 'site_id_code');
    expect(home.map((r) => r.status)).toEqual(['unknown', 'unknown']);
  });
});
