/**
 * The monitor's restart promise, measured: a monitor child is killed with SIGKILL mid-run, started
 * again after a simulated downtime, and the database is checked slot by slot — every owed slot
 * recorded exactly once, the slots the monitor was down for written `not_run` (counted, never
 * missing), no probe recorded twice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { periodMs, slotsBetween } from '../monitor/schedule.js';
import { doubledSlots, lastSlots, visitCount, visitOutcomesBetween } from '../store/monitor.js';
import type { Locality } from '../types.js';
import { measure } from './world.js';

const CLI = fileURLToPath(new URL('../cli/govscan.mjs', import.meta.url));
const HOUR_MS = 3_600_000;

export interface RestartRequest {
  db: string;
  sites: readonly Locality[];
  visitsPerDay: number;
  startMs: number;
  endMs: number;
  /** Share of the owed slots recorded when the kill lands. */
  killAt: number;
  downHours: number;
  /** The monitor's arguments besides the simulated timeline. */
  args: (db: string) => string[];
}

export interface RestartResult {
  sites: number;
  owedSlots: number;
  recordedAtKill: number;
  killedAfterMs: number;
  downHours: number;
  restart: { wallMs: number; exitCode: number | null; visits: number; notRun: number; alreadyRecorded: number };
  /** Owed slots with no row, rows outside the owed slots, (site, slot) pairs recorded twice. */
  missing: number;
  extra: number;
  doubled: number;
  /** not_run rows the downtime owed, and those recorded. */
  notRunExpected: number;
  notRunRecorded: number;
  ok: boolean;
}

const timeline = (from: number, to: number) => [
  '--simulate-start',
  new Date(from).toISOString(),
  '--simulate-until',
  new Date(to).toISOString(),
];

function readDb<T>(file: string, read: (db: Database.Database) => T, fallback: T): T {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return read(db);
  } catch {
    return fallback; // not created or not migrated yet
  } finally {
    db?.close();
  }
}

export async function killAndRestart(r: RestartRequest): Promise<RestartResult> {
  const period = periodMs(r.visitsPerDay);
  const owed = r.sites.reduce((n, s) => n + [...slotsBetween(s.code, period, r.startMs, r.endMs)].length, 0);
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, [CLI, ...r.args(r.db), ...timeline(r.startMs, r.endMs)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = once(child, 'exit');
  for (;;) {
    await new Promise((ok) => setTimeout(ok, 200));
    if (child.exitCode !== null) throw new Error(`the monitor ended (${child.exitCode}) before the kill`);
    if (readDb(r.db, visitCount, 0) >= owed * r.killAt) break;
  }
  child.kill('SIGKILL');
  await exited;
  const killedAfterMs = performance.now() - t0;
  const recordedAtKill = readDb(r.db, visitCount, 0);
  const last = readDb(r.db, lastSlots, new Map<string, number>());
  const resume = Math.max(...last.values()) + r.downHours * HOUR_MS;

  const m = await measure('monitor restarted after SIGKILL', [...r.args(r.db), ...timeline(resume, r.endMs)]);
  const out = (m.output ?? {}) as { visits?: number; notRun?: number; alreadyRecorded?: number };

  let missing = 0;
  let extra = 0;
  let notRunExpected = 0;
  let notRunRecorded = 0;
  const db = new Database(r.db, { readonly: true });
  try {
    for (const s of r.sites) {
      const owedSlots = new Set(slotsBetween(s.code, period, r.startMs, r.endMs));
      const seen = new Set<number>();
      for (const v of visitOutcomesBetween(db, s.code, 0, Number.MAX_SAFE_INTEGER)) {
        if (!owedSlots.has(v.slotMs)) extra++;
        seen.add(v.slotMs);
        if (v.outcome === 'not_run') notRunRecorded++;
      }
      for (const slot of owedSlots) if (!seen.has(slot)) missing++;
      // The slots whose whole period passed while the monitor was down (it judges them so at start).
      notRunExpected += [...slotsBetween(s.code, period, (last.get(s.code) ?? r.startMs - 1) + 1, resume - period + 1)]
        .length;
    }
    const doubled = doubledSlots(db);
    const restart = {
      wallMs: Math.round(m.wallMs),
      exitCode: m.exitCode,
      visits: out.visits ?? 0,
      notRun: out.notRun ?? 0,
      alreadyRecorded: out.alreadyRecorded ?? 0,
    };
    return {
      sites: r.sites.length,
      owedSlots: owed,
      recordedAtKill,
      killedAfterMs: Math.round(killedAfterMs),
      downHours: r.downHours,
      restart,
      missing,
      extra,
      doubled,
      notRunExpected,
      notRunRecorded,
      ok:
        m.exitCode === 0 &&
        missing === 0 &&
        extra === 0 &&
        doubled === 0 &&
        restart.alreadyRecorded === 0 &&
        notRunRecorded === notRunExpected &&
        restart.notRun === notRunExpected,
    };
  } finally {
    db.close();
  }
}
