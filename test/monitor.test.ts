import { describe, expect, it } from 'vitest';
import { AVAILABILITY_WEEK, weekTruth } from '../fixtures/model/availability.js';
import { availabilityLocalities, availabilityProber } from '../fixtures/render/availability.js';
import { CATALOGUE, runIndicators } from '../indicators/index.js';
import { parseConfig } from '../src/config/config.js';
import { availabilitySummary, availabilityVeto, windowForCrawl } from '../src/monitor/availability.js';
import { SimulatedClock } from '../src/monitor/clock.js';
import { runMonitor } from '../src/monitor/run.js';
import { periodMs, siteOffsetMs, slotsBetween } from '../src/monitor/schedule.js';
import { monitorStatus } from '../src/monitor/status.js';
import { visitOutcome } from '../src/monitor/visit.js';
import { collect, detect } from '../src/pipeline/collect.js';
import { loadWeights, scoreRun } from '../src/scoring/index.js';
import { loadResults, loadSiteArtifacts, openDb } from '../src/store/db.js';
import { recordVisit, visitsBetween } from '../src/store/monitor.js';
import type { AvailabilitySummary, SiteArtifacts } from '../src/types.js';
import { homepageOnly } from './monitor-run.fixtures.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const WEEK_START = Date.UTC(2026, 10, 23);
const WEEK_END = WEEK_START + 7 * DAY;

function world() {
  const db = openDb(':memory:');
  const config = parseConfig({ network: { vantage: 'test-vantage' } });
  const clock = new SimulatedClock(WEEK_START);
  const prober = availabilityProber(clock, WEEK_START);
  return { db, config, clock, prober, sites: availabilityLocalities() };
}

type World = ReturnType<typeof world>;

function rows(w: World, code: string) {
  return [...visitsBetween(w.db, code, 0, Number.MAX_SAFE_INTEGER)];
}

/** Every site has exactly one row per slot of the week: nothing lost, nothing doubled. */
function expectEverySlotOnce(w: World): void {
  const period = periodMs(w.config.monitor.visitsPerDay);
  for (const s of w.sites) {
    const slots = rows(w, s.code).map((v) => v.slotMs);
    expect(slots).toEqual([...slotsBetween(s.code, period, WEEK_START, WEEK_END)]);
  }
}

describe('availability monitor over a simulated week', () => {
  it('spreads sites over the period and keeps each site on its own slots', () => {
    const period = periodMs(24);
    expect(period).toBe(HOUR);
    const offsets = new Set(availabilityLocalities().map((s) => siteOffsetMs(s.code, period)));
    expect(offsets.size).toBe(AVAILABILITY_WEEK.length);
    for (const o of offsets) expect(o).toBeLessThan(period);
  });

  it('measures every failure share within one visit of the truth; the veto flags exactly the sites at ≥ 5 %', async () => {
    const w = world();
    const out = await runMonitor({ ...w, untilMs: WEEK_END });
    expect(out.notRun).toBe(0);
    expectEverySlotOnce(w);
    const vetoed: string[] = [];
    for (const host of AVAILABILITY_WEEK) {
      const s = availabilitySummary(w.db, host.code, WEEK_END, w.config.monitor);
      const truth = weekTruth(host);
      expect(Math.abs(s.failures - truth.failures), host.name).toBeLessThanOrEqual(1);
      expect(Math.abs(s.visits - truth.visits), host.name).toBeLessThanOrEqual(1);
      if (availabilityVeto(s)) vetoed.push(host.code);
    }
    expect(vetoed).toEqual(AVAILABILITY_WEEK.filter((h) => weekTruth(h).vetoed).map((h) => h.code));
    expect(vetoed).toEqual(['900003', '900004', '900005', '900008']);

    const bigOutage = availabilitySummary(w.db, '900003', WEEK_END, w.config.monitor);
    expect(bigOutage.longestOutageMs).toBe(12 * HOUR);
    expect(bigOutage.failing[0]?.fetchStatus).toBe('refused');
    const slowInTime = availabilitySummary(w.db, '900006', WEEK_END, w.config.monitor);
    expect(slowInTime).toMatchObject({ failures: 0, medianOpenMs: 9000, p95OpenMs: 9000 });
  });

  it('tracks homepage changes and flags a WAF page or placeholder as unexpected', async () => {
    const w = world();
    await runMonitor({ ...w, untilMs: WEEK_END });
    const waf = rows(w, '900009');
    expect(waf.filter((v) => v.outcome === 'blocked')).toHaveLength(5);
    const unexpected = waf.filter((v) => v.change?.startsWith('unexpected:')).map((v) => v.change);
    expect(unexpected.filter((c) => c?.includes('ip_block_page'))).toHaveLength(5);
    // The first placeholder visit loses every headline; the second equals the first (no change).
    expect(unexpected.filter((c) => c?.includes('placeholder'))).toHaveLength(1);
    const steady = rows(w, '900001');
    expect(steady[0]?.headlines).toHaveLength(5);
    // A living site: its headlines change once a day, so 6 changes in a week (the first visit has nothing to compare).
    expect(steady.filter((v) => v.change === 'changed')).toHaveLength(6);
    expect(rows(w, '900005').filter((v) => v.change)).toHaveLength(0);
  });

  it('reads the publication rhythm from the headline lists and keeps unexpected changes for a person', async () => {
    const w = world();
    await runMonitor({ ...w, untilMs: WEEK_END });
    const rule = w.config.monitor;
    // A living site: new headlines each day after the first (its first list is the baseline).
    const living = availabilitySummary(w.db, '900001', WEEK_END, rule).publication!;
    expect(living).toMatchObject({ headlineVisits: 168, newHeadlineDays: 6, unexpected: [] });
    expect(Date.parse(living.newestHeadlineAt!)).toBeGreaterThanOrEqual(WEEK_START + 6 * DAY);
    // The same headlines all week: no new day, whatever the visits.
    expect(availabilitySummary(w.db, '900005', WEEK_END, rule).publication).toMatchObject({
      newHeadlineDays: 0,
      newestHeadlineAt: null,
    });
    // The placeholder hours and the WAF page are kept, newest first; the restored page is not news.
    const waf = availabilitySummary(w.db, '900009', WEEK_END, rule).publication!;
    expect(waf.newHeadlineDays).toBe(6);
    expect(waf.unexpected).toHaveLength(5);
    expect(waf.unexpected[0]!.change).toContain('placeholder');
    expect(waf.unexpected[1]!.change).toContain('ip_block_page');
    const status = [...monitorStatus(w.db, WEEK_END, rule)].find((s) => s.code === '900009')!;
    expect(status).toMatchObject({ unexpectedChanges: 6, newHeadlineDays: 6 });
    expect(status.lastUnexpected!.change).toContain('placeholder');
    // A week later than the baseline, the window's first list is compared with the visit before it.
    const secondHalf = availabilitySummary(w.db, '900001', WEEK_END, { ...rule, windowDays: 3 }).publication!;
    expect(secondHalf.newHeadlineDays).toBe(3);
  });

  it('stopped mid-week and started again at once, loses and duplicates no visit', async () => {
    const w = world();
    const stop = new AbortController();
    const stopAt = WEEK_START + 3 * DAY + 11 * HOUR + 17 * 60_000;
    const stopping = {
      probe: (site: Parameters<typeof w.prober.probe>[0]) => {
        if (w.clock.now() >= stopAt) stop.abort(); // the kill lands while visits are in flight
        return w.prober.probe(site);
      },
    };
    const first = await runMonitor({ ...w, prober: stopping, signal: stop.signal, untilMs: WEEK_END });
    expect(first.stopped).toBe(true);
    const second = await runMonitor({ ...w, untilMs: WEEK_END });
    expect(second.notRun).toBe(0);
    expect(first.visits + second.visits).toBe(w.sites.length * 168);
    expectEverySlotOnce(w);
    for (const host of AVAILABILITY_WEEK) {
      const s = availabilitySummary(w.db, host.code, WEEK_END, w.config.monitor);
      expect(Math.abs(s.failures - weekTruth(host).failures)).toBeLessThanOrEqual(1);
    }
  });

  it('down for six hours: the missed slots are not_run (a gap, not failures), each recorded once', async () => {
    const w = world();
    await runMonitor({ ...w, untilMs: WEEK_START + 2 * DAY });
    w.clock.advance(2 * DAY - w.clock.now() + WEEK_START + 6 * HOUR);
    const second = await runMonitor({ ...w, untilMs: WEEK_END });
    expectEverySlotOnce(w);
    for (const s of w.sites) {
      const notRun = rows(w, s.code).filter((v) => v.outcome === 'not_run').length;
      // The six hours' slots, except the latest, still inside its period, which is visited late.
      expect(notRun).toBe(5);
    }
    expect(second.notRun).toBe(5 * w.sites.length);
    const steady = availabilitySummary(w.db, '900001', WEEK_END, w.config.monitor);
    expect(steady).toMatchObject({ failures: 0, notRun: 5, visits: 163 });
    // A slot already recorded is never written again.
    const first = rows(w, '900001')[0]!;
    expect(recordVisit(w.db, { ...first, outcome: 'failed' })).toBe(false);
  });
});

describe('availability indicator', () => {
  const artifacts = (availability?: AvailabilitySummary): SiteArtifacts => ({
    locality: availabilityLocalities()[0]!,
    startedAt: new Date(WEEK_END).toISOString(),
    finishedAt: new Date(WEEK_END).toISOString(),
    siteStatus: 'ok',
    pages: [],
    probes: {},
    linkChecks: [],
    interactions: [],
    ...(availability ? { availability } : {}),
  });
  const judge = (a?: AvailabilitySummary) => {
    const ind = CATALOGUE.filter((i) => i.id === 'availability');
    return runIndicators(artifacts(a), { asOf: new Date(WEEK_END), thresholds: parseConfig({}).thresholds }, ind)[0]!;
  };

  it('is absent above 5 % with the failing visits as evidence, present below, unknown with too few visits or no monitor', async () => {
    const w = world();
    await runMonitor({ ...w, untilMs: WEEK_END });
    const rule = w.config.monitor;
    const vetoed = judge(windowForCrawl(w.db, '900003', WEEK_END, rule));
    expect(vetoed.status).toBe('absent');
    expect(vetoed.evidence).toHaveLength(12);
    expect(vetoed.evidence[0]).toMatchObject({ kind: 'probe', snippet: expect.stringContaining('refused') });
    expect(judge(windowForCrawl(w.db, '900002', WEEK_END, rule))).toMatchObject({
      status: 'present',
      value: { failures: 6, visits: 168 },
    });
    // Three days into the week: 72 visits < minVisits 140, however clean.
    expect(judge(availabilitySummary(w.db, '900001', WEEK_START + 3 * DAY, rule))).toMatchObject({
      status: 'unknown',
      value: { visits: 72, failures: 0 },
    });
    expect(windowForCrawl(w.db, '110000', WEEK_END, rule)).toBeUndefined();
    expect(judge(undefined)).toMatchObject({ status: 'unknown', reason: expect.stringContaining('availability') });
  });
});

describe('monitor → SQLite → crawl → indicator', () => {
  it('a crawl attaches the week before its homepage fetch, stores it with the site and judges availability from it', async () => {
    const w = world();
    await runMonitor({ ...w, untilMs: WEEK_END });
    const [steady, , bigOutage] = w.sites;
    const crawlSite = homepageOnly(WEEK_END, () => '<html><body>首页</body></html>');
    const crawlerFactory = async () => ({ crawlSite, close: async () => undefined });
    const config = { ...w.config, crawl: { ...w.config.crawl, renderHomepage: false } };
    const run = await collect({ db: w.db, kind: 'crawl', config, sites: [steady!, bigOutage!], crawlerFactory });
    const status = (code: string) => loadResults(w.db, run.runId, code).find((r) => r.id === 'availability');
    expect(status(steady!.code)).toMatchObject({ status: 'present', value: { visits: 168, failures: 0 } });
    expect(status(bigOutage!.code)).toMatchObject({
      status: 'absent',
      value: { failures: 12, failureShare: 12 / 168 },
    });
    // Freshness: the page's dates decide (this homepage has none: absent); the monitor's headline
    // changes are evidence beside them and make the absence less certain, never present.
    const fresh = loadResults(w.db, run.runId, steady!.code).find((r) => r.id === 'homepage_freshness')!;
    expect(fresh).toMatchObject({
      status: 'absent',
      confidence: 0.5,
      value: { newestDate: null, monitorNewHeadlineDays: 6 },
      reason: expect.stringContaining('The monitor saw new headlines on 6 of its 7 days'),
    });
    expect(fresh.evidence.at(-1)).toMatchObject({ kind: 'count', pattern: expect.stringContaining('monitor') });
    // An unmonitored site's freshness has no monitor fields.
    const plain = detect({ ...(await crawlSite(steady!)), availability: undefined }, config);
    expect(plain.find((r) => r.id === 'homepage_freshness')!.value).toEqual({
      newestDate: null,
      ageDays: null,
      datedItems: 0,
    });
    const flags = (code: string) => scoreRun(w.db, run.runId, loadWeights()).sites.find((x) => x.code === code)?.flags;
    expect(flags(bigOutage!.code)).toContain('veto:site_unavailable');
    expect(flags(steady!.code)).not.toContain('veto:site_unavailable');
    expect(flags(steady!.code)).not.toContain('veto_unknown:site_unavailable');
    // Kept with the site: a replay judges from what the run saw, not from the monitor table now.
    expect(loadSiteArtifacts(w.db, run.runId, bigOutage!.code)?.availability).toMatchObject({
      failures: 12,
      visits: 168,
    });
  });
});

describe('visitOutcome', () => {
  it('counts a challenge page as open whatever its status, a WAF block as refused, and anything over the limit as failed', () => {
    const t = (totalMs: number) => ({ totalMs });
    expect(visitOutcome({ fetchStatus: 'challenge_failed', httpStatus: 521, timings: t(300) }, 15_000)).toBe('ok');
    expect(visitOutcome({ fetchStatus: 'challenge_failed', httpStatus: 412, timings: t(16_000) }, 15_000)).toBe(
      'failed',
    );
    expect(visitOutcome({ fetchStatus: 'ip_block_page', httpStatus: 403, timings: t(100) }, 15_000)).toBe('blocked');
    expect(visitOutcome({ fetchStatus: 'ok', httpStatus: 200, timings: t(15_001) }, 15_000)).toBe('failed');
    expect(visitOutcome({ fetchStatus: 'http_5xx', httpStatus: 503, timings: t(50) }, 15_000)).toBe('failed');
  });
});
