// `govscan monitor` killed with SIGKILL mid-run and started again: from the database, every owed
// slot is recorded exactly once — visited, or `not_run` for the slots the monitor was down for.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { periodMs, slotsBetween } from '../src/monitor/schedule.js';

const CLI = fileURLToPath(new URL('../src/cli/govscan.mjs', import.meta.url));
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 23);
const END = T0 + 24 * HOUR;
const VISITS_PER_DAY = 48;
const SITES = ['990001', '990002', '990003', '990004'];

const dir = mkdtempSync(join(tmpdir(), 'govscan-monitor-kill-'));
const news = Array.from({ length: 4 }, (_, i) => `<li><a href="/n${i}.html">要闻${i}</a> 2026-11-2${i}</li>`).join('');
// One server per site (registry hosts are unique): 127.0.0.2, .3, … all reach the loopback interface.
const servers = await Promise.all(
  SITES.map(async (_, i) => {
    const server = http.createServer((_req, res) => {
      setTimeout(() => res.end(`<html><head><title>站${i}</title></head><body><ul>${news}</ul></body></html>`), 30);
    });
    await new Promise<void>((ok) => server.listen(0, `127.0.0.${i + 2}`, ok));
    return { server, url: `http://127.0.0.${i + 2}:${(server.address() as AddressInfo).port}/` };
  }),
);
afterAll(() => {
  for (const s of servers) s.server.close();
  rmSync(dir, { recursive: true, force: true });
});

const registry = join(dir, 'registry.csv');
writeFileSync(
  registry,
  `code,name,province,kind,portal_url,url_source\n${SITES.map((c, i) => `${c},测试${i}市,测试省,prefecture_city,${servers[i]!.url},test`).join('\n')}\n`,
);
const config = join(dir, 'config.json');
writeFileSync(config, JSON.stringify({ monitor: { visitsPerDay: VISITS_PER_DAY, concurrency: 4 } }));
const db = join(dir, 'monitor.db');

function monitor(start: number): ChildProcess {
  const args = ['monitor', '--db', db, '--registry', registry, '--config', config, '--log', join(dir, 'm.log')];
  const sim = ['--simulate-start', new Date(start).toISOString(), '--simulate-until', new Date(END).toISOString()];
  return spawn(process.execPath, [CLI, ...args, ...sim, '--allow-private', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function rows(): { code: string; slot_ms: number; outcome: string }[] {
  if (!existsSync(db)) return [];
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return d.prepare('SELECT code, slot_ms, outcome FROM monitor_visits ORDER BY code, slot_ms').all() as {
      code: string;
      slot_ms: number;
      outcome: string;
    }[];
  } catch {
    return []; // the schema is not there yet
  } finally {
    d.close();
  }
}

describe('monitor killed with SIGKILL and restarted', () => {
  it('records every owed slot exactly once: visited, or not_run for the time it was down', async () => {
    const period = periodMs(VISITS_PER_DAY);
    const owed = SITES.length * VISITS_PER_DAY;
    const first = monitor(T0);
    // Kill it without warning once about a third of the day is recorded, visits in flight.
    for (let i = 0; i < 600 && rows().length < owed / 3; i++) await new Promise((r) => setTimeout(r, 50));
    const recordedBeforeKill = rows().length;
    expect(recordedBeforeKill).toBeGreaterThan(0);
    expect(recordedBeforeKill).toBeLessThan(owed);
    first.kill('SIGKILL');
    await once(first, 'exit');

    // Down for three hours of the simulated day: the restart starts there and runs to the day's end.
    const beforeRestart = rows();
    const lastBySite = new Map<string, number>();
    for (const r of beforeRestart) lastBySite.set(r.code, Math.max(lastBySite.get(r.code) ?? -1, r.slot_ms));
    const resume = Math.max(...lastBySite.values()) + 3 * HOUR;
    const second = monitor(resume);
    let out = '';
    second.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const [code] = (await once(second, 'exit')) as [number];
    expect(code).toBe(0);
    const outcome = JSON.parse(out) as { visits: number; notRun: number; alreadyRecorded: number };
    expect(outcome.alreadyRecorded).toBe(0);

    const all = rows();
    let expectedGap = 0;
    for (const site of SITES) {
      const slots = all.filter((r) => r.code === site).map((r) => r.slot_ms);
      // Every slot of the day, once, and nothing else.
      expect(slots, site).toEqual([...slotsBetween(site, period, T0, END)]);
      // The gap: slots after the site's last record whose whole period passed while the monitor was down.
      const last = lastBySite.get(site) ?? T0 - 1;
      const gap = [...slotsBetween(site, period, last + 1, resume - period + 1)];
      expectedGap += gap.length;
      const notRun = all.filter((r) => r.code === site && r.outcome === 'not_run').map((r) => r.slot_ms);
      expect(notRun, site).toEqual(gap);
    }
    expect(expectedGap).toBeGreaterThanOrEqual(SITES.length * 5); // three hours at 2 an hour, minus the late one
    expect(outcome.notRun).toBe(expectedGap);
    // What the restart wrote is exactly what was still owed.
    expect(outcome.visits + outcome.notRun).toBe(owed - beforeRestart.length);
  }, 60_000);
});
