// The production prober over real loopback HTTP: the project's HTTP path, the visit limit, and
// the whole monitor loop on the wall clock for a few fast slots.
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/config.js';
import { systemClock } from '../src/monitor/clock.js';
import { httpProber } from '../src/monitor/probe.js';
import { runMonitor } from '../src/monitor/run.js';
import { visitRecord } from '../src/monitor/visit.js';
import { openDb } from '../src/store/db.js';
import { visitsBetween } from '../src/store/monitor.js';
import type { Locality } from '../src/types.js';
import { html, startServer } from './crawl-servers.js';

const news = Array.from({ length: 4 }, (_, i) => `<li><a href="/n${i}.html">要闻标题${i}</a> 2026-11-2${i}</li>`).join(
  '',
);
const server = await startServer({
  '/fast/': { body: html('快市', `<ul>${news}</ul>`) },
  '/slow/': { body: html('慢市', `<ul>${news}</ul>`), delayMs: 2500 },
  '/gone/': { status: 503, body: 'busy' },
});
afterAll(() => server.close());

const site = (code: string, path: string): Locality => ({
  code,
  name: code,
  province: '测试省',
  kind: 'prefecture_city',
  portalUrl: `${server.origin}${path}`,
  urlSource: 'test',
});
const config = parseConfig({
  network: { allowPrivateNetworks: true, vantage: 'loopback' },
  monitor: { failAfterSecs: 0.8, visitsPerDay: 1440 },
});

describe('httpProber', () => {
  const prober = httpProber(config);
  afterAll(() => prober.close());

  it('opens a fast homepage with its headlines, fails a slow one at the limit and a 503', async () => {
    const at = Date.now();
    const fast = await prober.probe(site('1', '/fast/'));
    const v = visitRecord('1', at, at, fast, { failAfterMs: 800, vantage: 'loopback' });
    expect(v).toMatchObject({
      outcome: 'ok',
      httpStatus: 200,
      headlines: ['要闻标题0', '要闻标题1', '要闻标题2', '要闻标题3'],
    });
    expect(v.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const slow = await prober.probe(site('2', '/slow/'));
    expect(visitRecord('2', at, at, slow, { failAfterMs: 800, vantage: 'loopback' }).outcome).toBe('failed');
    expect(slow.timings.totalMs).toBeLessThan(2400); // given up at the limit, not waited out
    const gone = await prober.probe(site('3', '/gone/'));
    expect(visitRecord('3', at, at, gone, { failAfterMs: 800, vantage: 'loopback' })).toMatchObject({
      outcome: 'failed',
      httpStatus: 503,
    });
  });

  it('runs the monitor loop on the wall clock: one visit per site per slot', async () => {
    const db = openDb(':memory:');
    const sites = [site('11', '/fast/'), site('12', '/gone/')];
    const start = Date.now();
    // 1440 visits a day: one slot a minute; stop after the first slot of each site.
    const out = await runMonitor({ db, sites, config, prober, clock: systemClock, untilMs: start + 60_000 });
    expect(out.visits).toBe(2);
    expect(out.failures).toBe(1);
    for (const s of sites) expect([...visitsBetween(db, s.code, 0, Date.now() + 60_000)]).toHaveLength(1);
  }, 90_000);
});
