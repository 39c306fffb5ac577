/**
 * `govscan bench --only monitor`: the availability monitor over every portal of a level (`--level`,
 * default all: the 337 prefecture-level and 2,840 county portals), served by the fixture world, on simulated
 * days (real HTTP through the world's proxy, no waiting between slots), measured as a separate
 * process:
 * 1. a short and a long simulated period (1 and `--days` days): visits/s, CPU, peak PSS of each —
 *    memory is flat when the long run's peak is no higher than the short one's;
 * 2. SIGKILL mid-run and a restart after a simulated downtime, checked slot by slot from the
 *    database (monitor-restart.ts).
 * The bench schedule (`--visits-per-day`, default 4; `--fail-after`, default 3 s; 64 in flight) keeps a week of
 * all portals within minutes; the cost per visit does not depend on it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLevel } from '../registry/counties.js';
import { filterLocalities } from '../registry/registry.js';
import type { LevelChoice } from '../types.js';
import { killAndRestart, type RestartResult } from './monitor-restart.js';
import { measure, type StageMeasure, startWorld } from './world.js';

export interface MonitorBenchOptions {
  outDir: string;
  registry: string;
  /** Which portals: the prefecture level, the county level or all (the world serves all 3,177). */
  level: LevelChoice;
  code?: string;
  /** The long period, simulated days (the short one is 1 day). */
  days: number;
  visitsPerDay: number;
  failAfterSecs: number;
  latency: 'none' | 'realistic';
}

type PeriodRun = StageMeasure & {
  simulatedDays: number;
  visits: number;
  visitsPerSec: number;
  cpuMsPerVisit: number;
  peakPssMiB: number;
};

export interface MonitorBenchResult {
  at: string;
  latency: string;
  registry: string;
  level: LevelChoice;
  sites: number;
  schedule: { visitsPerDay: number; failAfterSecs: number; concurrency: number };
  short: PeriodRun;
  long: PeriodRun;
  /** Peak PSS of the long run over the short one's: ≤ ~1.15 is flat (sampling noise). */
  memoryRatio: number;
  memoryFlat: boolean;
  restart: RestartResult;
}

const MiB = 1024 * 1024;
const DAY_MS = 86_400_000;
const CONCURRENCY = 64;

export async function runMonitorBench(
  o: MonitorBenchOptions,
): Promise<{ jsonFile: string; result: MonitorBenchResult }> {
  mkdirSync(o.outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'govscan-bench-monitor-'));
  const sites = filterLocalities(loadLevel(o.level, { registry: o.registry }), { code: o.code });
  const world = await startWorld(o.latency);
  try {
    const config = join(work, 'config.json');
    const schedule = { visitsPerDay: o.visitsPerDay, failAfterSecs: o.failAfterSecs, concurrency: CONCURRENCY };
    writeFileSync(config, JSON.stringify({ monitor: schedule, network: { vantage: 'bench' } }));
    const args = (db: string) => [
      'monitor',
      '--db',
      db,
      '--registry',
      o.registry,
      '--level',
      o.level,
      '--config',
      config,
      '--log',
      db.replace(/\.db$/, '.log'),
      '--json',
      ...(o.code ? ['--code', o.code] : []),
      ...['--proxy', world.proxy, '--ca-file', world.caFile, '--resolver', world.resolver, '--allow-private'],
    ];
    const period = async (days: number): Promise<PeriodRun> => {
      const db = join(work, `monitor-${days}d.db`);
      const m = await measure(`monitor, ${days} simulated days`, [...args(db), '--simulate-days', String(days)]);
      const visits = (m.output as { visits?: number }).visits ?? 0;
      return {
        ...m,
        output: undefined,
        simulatedDays: days,
        visits,
        visitsPerSec: +(visits / (m.wallMs / 1000)).toFixed(1),
        cpuMsPerVisit: visits ? +(m.cpuMs / visits).toFixed(2) : 0,
        peakPssMiB: Math.round(m.peakPssBytes / MiB),
      };
    };
    const short = await period(1);
    const long = await period(o.days);
    const start = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const restart = await killAndRestart({
      db: join(work, 'restart.db'),
      sites,
      visitsPerDay: o.visitsPerDay,
      startMs: start,
      endMs: start + 2 * DAY_MS,
      killAt: 0.4,
      downHours: 7,
      args,
    });
    const memoryRatio = +(long.peakPssBytes / Math.max(1, short.peakPssBytes)).toFixed(2);
    const result: MonitorBenchResult = {
      at: new Date().toISOString(),
      latency: o.latency,
      registry: o.registry,
      level: o.level,
      sites: sites.length,
      schedule,
      short,
      long,
      memoryRatio,
      memoryFlat: memoryRatio <= 1.15,
      restart,
    };
    const jsonFile = join(o.outDir, 'bench-monitor.json');
    writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
    return { jsonFile, result };
  } finally {
    world.child.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The bench's findings in a few lines, as printed. */
export function monitorBenchText(r: MonitorBenchResult): string {
  const p = (x: PeriodRun) =>
    `${x.simulatedDays} simulated day(s): ${x.visits} visits in ${(x.wallMs / 1000).toFixed(0)} s, ${x.visitsPerSec} visits/s, ${x.cpuMsPerVisit} ms CPU a visit, peak PSS ${x.peakPssMiB} MiB`;
  const k = r.restart;
  return [
    `monitor over ${r.sites} portals (level ${r.level}) (${r.schedule.visitsPerDay} visits a day, fail after ${r.schedule.failAfterSecs} s, ${r.schedule.concurrency} in flight, latency ${r.latency})`,
    `  ${p(r.short)}`,
    `  ${p(r.long)}`,
    `  memory: peak PSS ${r.long.peakPssMiB} MiB over ${r.long.simulatedDays} days vs ${r.short.peakPssMiB} MiB over 1 day (×${r.memoryRatio}): ${r.memoryFlat ? 'flat' : 'NOT flat'}`,
    `  kill -9: killed after ${(k.killedAfterMs / 1000).toFixed(0)} s with ${k.recordedAtKill} of ${k.owedSlots} slots recorded; restarted ${k.downHours} simulated hours later: ${k.restart.visits} visits + ${k.restart.notRun} not_run (expected ${k.notRunExpected}); missing ${k.missing}, extra ${k.extra}, recorded twice ${k.doubled}, probed again ${k.restart.alreadyRecorded}: ${k.ok ? 'every owed slot recorded exactly once' : 'FAILED'}`,
  ].join('\n');
}
