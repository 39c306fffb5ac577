/**
 * `govscan bench --only monitor`: the availability monitor over the fixture world's portals on an
 * accelerated schedule (simulated days, real HTTP through the world's proxy), measured as a
 * separate process: visits/s, CPU, peak memory. Memory that stays flat shows in the peak staying
 * the same when the simulated period grows (`--days`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, type StageMeasure, startWorld } from './run.js';

export interface MonitorBenchOptions {
  outDir: string;
  code?: string;
  days: number;
  latency: 'none' | 'realistic';
}

export interface MonitorBenchResult {
  at: string;
  latency: string;
  simulatedDays: number;
  run: StageMeasure & { visits: number; visitsPerSec: number; cpuMsPerVisit: number; peakPssMiB: number };
}

const MiB = 1024 * 1024;

export async function runMonitorBench(
  o: MonitorBenchOptions,
): Promise<{ jsonFile: string; result: MonitorBenchResult }> {
  mkdirSync(o.outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'govscan-bench-monitor-'));
  const world = await startWorld(o.latency);
  try {
    const db = join(work, 'monitor.db');
    const args = [
      'monitor',
      '--db',
      db,
      '--log',
      join(work, 'monitor.log'),
      '--simulate-days',
      String(o.days),
      '--json',
      ...(o.code ? ['--code', o.code] : []),
      ...['--proxy', world.proxy, '--ca-file', world.caFile, '--resolver', world.resolver, '--allow-private'],
    ];
    const m = await measure(`monitor, ${o.days} simulated days`, args);
    const visits = (m.output as { visits?: number; failures?: number }).visits ?? 0;
    const result: MonitorBenchResult = {
      at: new Date().toISOString(),
      latency: o.latency,
      simulatedDays: o.days,
      run: {
        ...m,
        visits,
        visitsPerSec: +(visits / (m.wallMs / 1000)).toFixed(1),
        cpuMsPerVisit: visits ? +(m.cpuMs / visits).toFixed(2) : 0,
        peakPssMiB: Math.round(m.peakPssBytes / MiB),
      },
    };
    const jsonFile = join(o.outDir, 'bench-monitor.json');
    writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
    return { jsonFile, result };
  } finally {
    world.child.kill();
    rmSync(work, { recursive: true, force: true });
  }
}
