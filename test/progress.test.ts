// The progress ETA: estimated from the recent rate of finished sites, shown in the plain lines too.
import { describe, expect, it, vi } from 'vitest';
import { EtaEstimator, formatDuration } from '../src/cli/eta.js';
import { progress } from '../src/cli/progress.js';

describe('EtaEstimator', () => {
  it('estimates the time left from the recent rate, not from the start-up before the first site', () => {
    const eta = new EtaEstimator(337, 0);
    expect(eta.remainingMs(30_000)).toBeUndefined(); // nothing finished yet
    eta.record(1, 60_000); // the first minute: browsers starting, first pages in flight
    expect(eta.remainingMs(60_000)).toBeUndefined(); // one completion gives no rate
    for (let done = 2; done <= 37; done++) eta.record(done, 60_000 + (done - 1) * 1000); // then 1 site/s
    // 300 sites left at 1 site/s (the first minute does not count)
    expect(eta.remainingMs(96_000)).toBe(300_000);
    expect(eta.describe(96_000)).toBe('1m36s elapsed, about 5m00s left');
  });

  it('follows a change of pace, and grows while nothing finishes', () => {
    const eta = new EtaEstimator(200, 0);
    for (let done = 1; done <= 100; done++) eta.record(done, done * 1000); // 1 site/s
    for (let done = 101; done <= 140; done++) eta.record(done, 100_000 + (done - 100) * 4000); // slow hosts: 1 site / 4 s
    expect(eta.remainingMs(260_000)).toBe(60 * 4000);
    expect(eta.remainingMs(380_000)!).toBeGreaterThan(60 * 4000); // two minutes without a site
  });

  it('starts counting from where a resumed run stood, and ends at zero', () => {
    const eta = new EtaEstimator(337, 0);
    eta.record(300, 5000); // first site of the resumed run: 299 were stored before
    eta.record(310, 15_000);
    expect(eta.remainingMs(15_000)).toBe(27_000);
    eta.record(337, 40_000);
    expect(eta.remainingMs(40_000)).toBe(0);
  });

  it('formats durations', () => {
    expect([formatDuration(45_000), formatDuration(185_000), formatDuration(3_720_000)]).toEqual([
      '45s',
      '3m05s',
      '1h02m',
    ]);
  });
});

describe('plain progress lines (not a terminal: cron, CI)', () => {
  it('show sites done/total, elapsed and time left', () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      lines.push(String(s));
      return true;
    });
    const tty = process.stderr.isTTY;
    process.stderr.isTTY = false;
    vi.useFakeTimers({ now: 0 });
    try {
      const p = progress('collecting', 4);
      vi.setSystemTime(10_000);
      p.update(1, '成都市 ok');
      vi.setSystemTime(20_000);
      p.update(2, '重庆市 ok');
      vi.setSystemTime(30_000);
      p.update(3, '拉萨市 timeout');
    } finally {
      vi.useRealTimers();
      process.stderr.isTTY = tty;
      write.mockRestore();
    }
    expect(lines).toEqual([
      'collecting 1/4 sites, 10s elapsed, estimating time left 成都市 ok\n',
      'collecting 2/4 sites, 20s elapsed, about 20s left 重庆市 ok\n',
      'collecting 3/4 sites, 30s elapsed, about 10s left 拉萨市 timeout\n',
    ]);
  });
});
