/**
 * A database as a user gets it after a week of `govscan monitor` on the fixture world's
 * availability hosts and then a crawl: three monitored sites (steady, a 12-hour outage, a WAF page
 * and a placeholder) and one the monitor never watched. For the export and report tests.
 */
import { AVAILABILITY_WEEK } from '../fixtures/model/availability.js';
import { availabilityLocalities, availabilityProber } from '../fixtures/render/availability.js';
import { parseConfig } from '../src/config/config.js';
import { SimulatedClock } from '../src/monitor/clock.js';
import { runMonitor } from '../src/monitor/run.js';
import { collect } from '../src/pipeline/collect.js';
import { type Db, openDb } from '../src/store/db.js';
import type { Locality, SiteArtifacts } from '../src/types.js';

export const DAY = 86_400_000;
export const WEEK_START = Date.UTC(2026, 10, 23);
export const WEEK_END = WEEK_START + 7 * DAY;
export const MONITORED = { steady: '900001', bigOutage: '900003', waf: '900009' } as const;
export const UNMONITORED: Locality = {
  code: '900099',
  name: '未监测市',
  province: '测试省',
  kind: 'prefecture_city',
  portalUrl: 'https://www.900099.gov.cn/',
  urlSource: 'fixture',
};

export async function monitoredRun(file = ':memory:'): Promise<{ db: Db; runId: number }> {
  const db = openDb(file);
  const config = parseConfig({ network: { vantage: 'test-vantage' } });
  const clock = new SimulatedClock(WEEK_START);
  const all = availabilityLocalities();
  const watched = all.filter((s) => Object.values(MONITORED).includes(s.code as never));
  await runMonitor({
    db,
    sites: watched,
    config,
    prober: availabilityProber(clock, WEEK_START),
    clock,
    untilMs: WEEK_END,
  });
  const crawlSite = homepageOnly(
    WEEK_END,
    (l) => `<html><body><ul><li><a href="/a.html">${l.name}要闻</a> 2026-11-29</li></ul></body></html>`,
  );
  const run = await collect({
    db,
    kind: 'crawl',
    config: { ...config, crawl: { ...config.crawl, renderHomepage: false } },
    sites: [...watched, UNMONITORED],
    crawlerFactory: async () => ({ crawlSite, close: async () => undefined }),
  });
  if (AVAILABILITY_WEEK.length < 9) throw new Error('the availability week changed: update this fixture');
  return { db, runId: run.runId };
}

/** A crawler stand-in that "fetches" only each site's homepage, with this body, at `atMs`. */
export function homepageOnly(atMs: number, body: (l: Locality) => string): (l: Locality) => Promise<SiteArtifacts> {
  const fetchedAt = new Date(atMs).toISOString();
  return async (locality) => ({
    locality,
    startedAt: fetchedAt,
    finishedAt: fetchedAt,
    siteStatus: 'ok',
    pages: [
      {
        url: locality.portalUrl,
        finalUrl: locality.portalUrl,
        role: 'home',
        status: 'ok',
        headers: {},
        body: body(locality),
        fetchedAt,
        crawler: 'http',
        depth: 0,
      },
    ],
    probes: {},
    linkChecks: [],
    interactions: [],
  });
}
