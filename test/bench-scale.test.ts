// The scale bench's throughput, read from its workers' logs: the rate while the queue held work, and the drain.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sustained } from '../src/bench/queue.js';

const dir = mkdtempSync(join(tmpdir(), 'govscan-bench-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker log: `site-taken` and `site-done` at these seconds after 12:00:00, and an event the reader ignores. */
function log(name: string, taken: number[], done: number[]): string {
  const file = join(dir, name);
  const line = (event: string) => (s: number) =>
    JSON.stringify({ at: new Date(Date.UTC(2026, 11, 5, 12, 0, s)).toISOString(), event, code: 'x' });
  const lines = [line('worker-ready')(0), ...taken.map(line('site-taken')), ...done.map(line('site-done'))];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('sustained', () => {
  it('counts the sites finished before the last one was taken, per minute of that window; the rest is the drain', () => {
    // Two workers: sites taken at 0, 0, 30, 30, 60 (the last); finished at 30, 30, 60, 90, 150.
    const a = log('a.log', [0, 30, 60], [30, 60, 150]);
    const b = log('b.log', [0, 30], [30, 90]);
    // 3 sites done by 60 s (the last take): 3 per minute; then 2 more in a 90 s drain.
    expect(sustained([a, b])).toEqual({ sitesPerMin: 3, drain: { sec: 90, sites: 2 } });
  });

  it('with no window before the last take (all sites taken at once), falls back to the whole run', () => {
    expect(sustained([log('c.log', [0, 0], [20, 40])])).toEqual({ sitesPerMin: 3, drain: { sec: 40, sites: 2 } });
  });
});
