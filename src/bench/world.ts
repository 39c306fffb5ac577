/**
 * What every benchmark part shares: the fixture world in its own process (it plays the network
 * and is not counted), one govscan command measured as a user would see it (wall time, CPU and
 * peak memory of its whole process tree, Chromium included), and the results file the parts
 * write into (`latest.json`, one key per part, so parts run one at a time add up).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProxyStats } from '../../fixtures/server/proxy.js';
import { watchTree } from './proc-tree.js';

export const CLI = fileURLToPath(new URL('../cli/govscan.mjs', import.meta.url));
export const MiB = 1024 * 1024;

export interface Machine {
  cpus: number;
  cpuModel?: string;
  memGiB: number;
  node: string;
}

/** The machine a benchmark ran on, as every part records it. */
export function benchMachine(): Machine {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memGiB: +(totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
  };
}

export interface World {
  proxy: string;
  resolver: string;
  caFile: string;
  child: ChildProcess;
  /** Where the world writes what it served when stopped (`fixtures serve --stats`). */
  statsFile?: string;
}

export async function startWorld(latency: string, statsFile?: string): Promise<World> {
  const child = spawn(
    process.execPath,
    [CLI, 'fixtures', 'serve', '--latency', latency, ...(statsFile ? ['--stats', statsFile] : [])],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('fixture world did not start within 60 s')), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const proxy = /proxy:\s+(\S+)/.exec(out)?.[1];
      const resolver = /DNS:\s+(\S+)/.exec(out)?.[1];
      const caFile = /CA file:\s+(\S+)/.exec(out)?.[1];
      if (proxy && resolver && caFile) {
        clearTimeout(timer);
        resolve({ proxy, resolver, caFile, child, statsFile });
      }
    });
    child.on('exit', (c) => reject(new Error(`fixture world exited early (${c})`)));
  });
}

export const exited = (c: ChildProcess) =>
  new Promise<number | null>((r) =>
    c.exitCode !== null || c.signalCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code)),
  );

/** Stop the world; with a stats file, what it served (per-host pace measured where requests arrive). */
export async function stopWorld(world: World): Promise<ProxyStats | undefined> {
  world.child.kill('SIGTERM');
  await exited(world.child);
  if (!world.statsFile || !existsSync(world.statsFile)) return undefined;
  return JSON.parse(readFileSync(world.statsFile, 'utf8')) as ProxyStats;
}

/** The flags that point a govscan command at the world. */
export const worldFlags = (w: World) => [
  ...['--proxy', w.proxy, '--ca-file', w.caFile, '--resolver', w.resolver],
  '--allow-private',
];

export interface StageMeasure {
  label: string;
  wallMs: number;
  cpuMs: number;
  peakPssBytes: number;
  peakRssBytes: number;
  peakProcesses: number;
  exitCode: number | null;
  output: unknown;
}

export async function measure(label: string, args: string[]): Promise<StageMeasure> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const watch = watchTree(child.pid!);
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  const exitCode: number | null = await new Promise((r) => child.on('exit', (c) => r(c)));
  const peaks = watch.stop();
  let output: unknown = stdout.trim();
  try {
    output = JSON.parse(stdout);
  } catch {
    /* not JSON: keep the text */
  }
  return {
    label,
    wallMs: performance.now() - t0,
    cpuMs: peaks.cpuMs,
    peakPssBytes: peaks.peakPss,
    peakRssBytes: peaks.peakRss,
    peakProcesses: peaks.peakProcesses,
    exitCode,
    output,
  };
}

/** Put this part's results into `latest.json` beside the other parts' (a part run again replaces its own). */
export function mergeLatest(outDir: string, parts: Record<string, unknown>): Record<string, unknown> {
  const file = join(outDir, 'latest.json');
  let latest: Record<string, unknown> = {};
  if (existsSync(file))
    try {
      latest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      latest = {}; // a broken file is replaced, not a reason to lose this run
    }
  const merged = { ...latest, ...parts };
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}
