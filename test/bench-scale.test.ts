// The scale bench's throughput, read from its workers' logs: the rate while the queue held work, and the drain.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sustained } from '../src/bench/queue.js';

const dir = mkdtempSync(join(tmpdir(), 'govscan-bench-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker log with `[event, seconds after 12:00:00]` lines (other events are ignored). */
function log(name: string, events: [string, number][]): string {
  const file = join(dir, name);
  const at = (s: number) => new Date(Date.UTC(2026, 11, 5, 12, 0, s)).toISOString();
  writeFileSync(file, `${events.map(([event, s]) => JSON.stringify({ at: at(s), event, code: 'x' })).join('\n')}\n`);
  return file;
}

describe('sustained', () => {
  it('counts the sites finished before the last one was taken, per minute of that window; the rest is the drain', () => {
    // Two workers: sites taken at 0, 0, 30, 30, 60 (the last); finished at 30, 30, 60, 90, 150.
    const a = log('a.log', [
      ['worker-ready', 0],
      ['site-taken', 0],
      ['site-done', 30],
      ['site-taken', 30],
      ['site-done', 60],
      ['site-taken', 60],
      ['site-done', 150],
    ]);
    const b = log('b.log', [
      ['site-taken', 0],
      ['site-done', 30],
      ['site-taken', 30],
      ['site-done', 90],
    ]);
    // 3 sites done by 60 s (the last take): 3 per minute; then 2 more in a 90 s drain.
    expect(sustained([a, b])).toEqual({ sitesPerMin: 3, drain: { sec: 90, sites: 2 } });
  });

  it('with no window before the last take (all sites taken at once), falls back to the whole run', () => {
    const c = log('c.log', [
      ['site-taken', 0],
      ['site-taken', 0],
      ['site-done', 20],
      ['site-done', 40],
    ]);
    expect(sustained([c])).toEqual({ sitesPerMin: 3, drain: { sec: 40, sites: 2 } });
  });
});
