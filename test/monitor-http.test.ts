// The production prober over real loopback HTTP: the project's HTTP path, the visit limit, and
// the whole monitor loop on the wall clock for a few fast slots.
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/config.js';
import { systemClock } from '../src/monitor/clock.js';
import { httpProber } from '../src/monitor/probe.js';
import { runMonitor } from '../src/monitor/run.js';
import { periodMs, slotAtOrAfter } from '../src/monitor/schedule.js';
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
  '/slow/': { body: html('慢市', `<ul>${news}</ul>`), delayMs: 6000 },
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
  monitor: { failAfterSecs: 2.5, visitsPerDay: 1440 },
});

describe('httpProber', () => {
  const prober = httpProber(config);
  afterAll(() => prober.close());

  it('opens a fast homepage with its headlines, fails a slow one at the limit and a 503', async () => {
    const at = Date.now();
    const fast = await prober.probe(site('1', '/fast/'));
    const v = visitRecord('1', at, at, fast, { failAfterMs: 2500, vantage: 'loopback' });
    expect(v).toMatchObject({
      outcome: 'ok',
      httpStatus: 200,
      headlines: ['要闻标题0', '要闻标题1', '要闻标题2', '要闻标题3'],
    });
    expect(v.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // got's timer: the first byte always, connect/DNS when the socket was new (the first request here).
    expect(v.timings).toMatchObject({ firstByteMs: expect.any(Number), connectMs: expect.any(Number) });
    const slow = await prober.probe(site('2', '/slow/'));
    expect(visitRecord('2', at, at, slow, { failAfterMs: 2500, vantage: 'loopback' }).outcome).toBe('failed');
    expect(slow.timings.totalMs).toBeLessThan(5000); // given up at the limit, not waited out
    const gone = await prober.probe(site('3', '/gone/'));
    expect(visitRecord('3', at, at, gone, { failAfterMs: 2500, vantage: 'loopback' })).toMatchObject({
      outcome: 'failed',
      httpStatus: 503,
    });
  });

  it('runs the monitor loop on the wall clock: one visit per site per slot', async () => {
    const db = openDb(':memory:');
    // 1440 visits a day: one slot a minute. Codes whose next slot falls within 3 s keep the test short.
    const start = Date.now();
    const soon = (n: number) =>
      Array.from({ length: 2000 }, (_, i) => String(100000 + i))
        .filter((c) => slotAtOrAfter(c, periodMs(1440), start + 500) - start < 3000)
        .slice(0, n);
    const [up, down] = soon(2);
    const sites = [site(up!, '/fast/'), site(down!, '/gone/')];
    const out = await runMonitor({ db, sites, config, prober, clock: systemClock, untilMs: start + 3500 });
    expect(out).toMatchObject({ visits: 2, failures: 1, notRun: 0 });
    for (const s of sites) expect([...visitsBetween(db, s.code, 0, Date.now() + 60_000)]).toHaveLength(1);
  });
});
