/**
 * `govscan bench --only scale`: the queue mode on this machine. Fixture sites are crawled by a
 * coordinator (`crawl --queue`) with 1, 2 and 4 worker processes, each worker held to the same
 * fixed concurrency and given the same number of sites as if it were its own small machine
 * (n workers, n times the sites), against a real redis-server started here. The sites are spread
 * over the provinces as a full run spreads them (spreadRegistry). The fixture world measures what
 * each host saw from all workers together (requests in flight at once, pauses between them).
 * Reported: sites/min while every worker was busy (the rate a full collection runs at), the wall
 * rate with the drain at the end, and CPU-s per site summed over the coordinator, the workers
 * (from the moment they are ready; Chromium included) and Redis. All workers share this machine's
 * two cores: each is held to 2 sites at once (16 sites on 2 cores made every site slower, which
 * separate machines would not), so the run shows the queue's overhead and its scaling while the
 * cores are not saturated; throughput across machines is the workers' own.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostPace } from '../../fixtures/server/host-pace.js';
import { interleaveByProvince } from '../pipeline/schedule.js';
import { startLocalRedis } from '../queue/redis-server.js';
import { DEFAULT_REGISTRY, filterLocalities, loadRegistry } from '../registry/registry.js';
import { sampleTree, watchTree } from './proc-tree.js';
import { TARGETS } from './run.js';
import { benchMarkdown } from './summary.js';
import {
  benchMachine,
  CLI,
  exited,
  type Machine,
  MiB,
  mergeLatest,
  startWorld,
  stopWorld,
  worldFlags,
} from './world.js';

export interface QueueBenchOptions {
  outDir: string;
  code?: string;
  /** Sites per worker in a run: a run with n workers crawls n times as many (each worker a machine's share). */
  sitesPerWorker: number;
  /** Sites each worker crawls at once. */
  workerConcurrency: number;
  workerCounts: number[];
  latency: 'none' | 'realistic';
}

export interface QueueBenchRun {
  workers: number;
  sites: number;
  wallSec: number;
  /**
   * Throughput while every worker was busy: sites finished from the first site taken until the
   * last one was taken (the queue still held work), per minute of that window. A collection of
   * 3,177 sites runs at this rate; see `drain`.
   */
  sitesPerMin: number;
  /**
   * The run's end, after the last site was taken: slots fall idle one by one while the slowest
   * sites finish. It is a large part of a bench-sized run and a small one of a collection.
   */
  drain: { sec: number; sites: number };
  /** Sites over the whole wall time, drain included. */
  wallSitesPerMin: number;
  cpuSecPerSite: number;
  /** CPU-s of the coordinator, the workers and Redis, over the run. */
  cpuSec: { coordinator: number; workers: number; redis: number };
  peakPssMiB: number;
  exitCode: number | null;
}

/** What `latest.json` holds under `scaleOut`. */
export interface ScaleOut {
  at: string;
  machine: Machine;
  latency: string;
  workerConcurrency: number;
  runs: QueueBenchRun[];
  /**
   * Per host, measured where the requests arrive (the fixture world), over all runs: the most
   * requests in flight at once from all workers together and the shortest pause between two, for
   * what the crawlers schedule (pages, probes, link checks, the rendered homepage's document).
   */
  maxPerHostConcurrency: number;
  minPerHostGapMs: number | null;
  /** The same with what a rendered homepage loads itself (scripts, styles, images: in parallel, as any browser). */
  withPageResources: { maxPerHostConcurrency: number };
}

function pace(hosts: Record<string, HostPace>): { max: number; minGap: number | null } {
  const all = Object.values(hosts);
  const gaps = all.map((h) => h.minGapMs).filter((g): g is number => g !== null);
  return {
    max: Math.max(0, ...all.map((h) => h.maxConcurrent)),
    minGap: gaps.length ? Math.round(Math.min(...gaps)) : null,
  };
}

export async function runQueueBench(o: QueueBenchOptions): Promise<{ jsonFile: string; result: ScaleOut }> {
  mkdirSync(o.outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'govscan-bench-queue-'));
  const statsFile = join(work, 'world-stats.json');
  const [world, redis] = await Promise.all([startWorld(o.latency, statsFile), startLocalRedis()]);
  const net = worldFlags(world);
  let stopped = false;
  const runs: QueueBenchRun[] = [];
  try {
    for (const n of o.workerCounts) {
      const sites = o.sitesPerWorker * n;
      const registry = spreadRegistry(join(work, `sites-${n}.csv`), sites, o.code);
      const logs = Array.from({ length: n }, (_, i) => join(work, `w${n}-${i}.log`));
      const workers = logs.map((log) =>
        spawn(
          process.execPath,
          [
            CLI,
            'worker',
            ...['--queue', redis.url, '--concurrency', String(o.workerConcurrency), '--quiet'],
            ...['--log', log],
          ],
          { stdio: ['ignore', 'ignore', 'inherit'] },
        ),
      );
      const workerWatch = workers.map((w) => watchTree(w.pid!));
      // Start-up (loading govscan) is not per-site work: count CPU from the moment each worker is ready.
      await Promise.all(logs.map((log) => untilLogged(log, 'worker-ready')));
      const workerCpu0 = workers.map((w) => sampleTree(w.pid!).cpuMs);
      const redisCpu0 = sampleTree(redis.pid).cpuMs; // Redis has served earlier runs: count this run's share
      const db = join(work, `workers-${n}.db`);
      const t0 = performance.now();
      const coord = spawn(
        process.execPath,
        [
          CLI,
          'crawl',
          ...['--queue', redis.url, '--db', db, '--log', join(work, `coordinator-${n}.log`)],
          ...['--registry', registry, '--no-progress', '--json'],
          ...net,
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
      const coordWatch = watchTree(coord.pid!);
      const exitCode = await exited(coord);
      const wallMs = performance.now() - t0;
      const pace = sustained(logs);
      const c = coordWatch.stop();
      const ws = workerWatch.map((w) => w.stop());
      const redisCpu = sampleTree(redis.pid).cpuMs - redisCpu0;
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map(exited));
      const cpu = {
        coordinator: c.cpuMs / 1000,
        workers: ws.reduce((s, w, i) => s + w.cpuMs - workerCpu0[i]!, 0) / 1000,
        redis: redisCpu / 1000,
      };
      runs.push({
        workers: n,
        sites,
        wallSec: +(wallMs / 1000).toFixed(1),
        sitesPerMin: pace.sitesPerMin,
        drain: pace.drain,
        wallSitesPerMin: +(sites / (wallMs / 60000)).toFixed(1),
        cpuSecPerSite: +((cpu.coordinator + cpu.workers + cpu.redis) / sites).toFixed(2),
        cpuSec: {
          coordinator: +cpu.coordinator.toFixed(1),
          workers: +cpu.workers.toFixed(1),
          redis: +cpu.redis.toFixed(1),
        },
        peakPssMiB: Math.round((c.peakPss + ws.reduce((s, w) => s + w.peakPss, 0)) / MiB),
        exitCode,
      });
    }
    // The world's count of what each host saw covers all runs: stop it before reading.
    const stats = await stopWorld(world);
    stopped = true;
    if (!stats) throw new Error('the fixture world wrote no statistics (fixtures serve --stats)');
    const crawler = pace(stats.crawlerHosts);
    const result: ScaleOut = {
      at: new Date().toISOString(),
      machine: benchMachine(),
      latency: o.latency,
      workerConcurrency: o.workerConcurrency,
      runs,
      maxPerHostConcurrency: crawler.max,
      minPerHostGapMs: crawler.minGap,
      withPageResources: { maxPerHostConcurrency: pace(stats.hosts).max },
    };
    const jsonFile = join(o.outDir, 'bench-scale.json');
    writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
    const merged = mergeLatest(o.outDir, { scaleOut: result });
    writeFileSync(
      join(o.outDir, 'latest.md'),
      // The other parts' keys as they are in latest.json; this part's facts where none ran before.
      benchMarkdown({
        at: result.at,
        machine: result.machine,
        latency: o.latency,
        targets: TARGETS,
        ...merged,
      } as Parameters<typeof benchMarkdown>[0]),
    );
    return { jsonFile, result };
  } finally {
    await Promise.all([stopped ? undefined : stopWorld(world), redis.stop()]);
    rmSync(work, { recursive: true, force: true });
  }
}

/** The sustained rate and the drain of a run, from its workers' `site-taken` / `site-done` log events. */
export function sustained(logs: string[]): Pick<QueueBenchRun, 'sitesPerMin' | 'drain'> {
  const taken: number[] = [];
  const done: number[] = [];
  for (const file of logs)
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      const e = JSON.parse(line) as { at: string; event: string };
      if (e.event === 'site-taken') taken.push(Date.parse(e.at));
      else if (e.event === 'site-done') done.push(Date.parse(e.at));
    }
  if (!taken.length || !done.length) return { sitesPerMin: 0, drain: { sec: 0, sites: 0 } };
  const first = Math.min(...taken);
  const lastTaken = Math.max(...taken);
  const lastDone = Math.max(...done);
  const inWindow = done.filter((t) => t <= lastTaken).length;
  const windowMin = (lastTaken - first) / 60000;
  return {
    // Fewer sites than slots: no window where the queue still held work; the whole run is all there is.
    sitesPerMin: +(
      windowMin > 0 && inWindow ? inWindow / windowMin : done.length / ((lastDone - first) / 60000)
    ).toFixed(1),
    drain: { sec: +((lastDone - lastTaken) / 1000).toFixed(1), sites: done.length - inWindow },
  };
}

/**
 * The first `n` sites in the order a run visits them (provinces interleaved), as a registry file:
 * the registry's first `n` rows would be three or four provinces whose cities queue on their shared
 * provincial hosts, so politeness, not workers, would set the pace.
 */
function spreadRegistry(file: string, n: number, code?: string): string {
  const rows = readFileSync(DEFAULT_REGISTRY, 'utf8').split(/\r?\n/).filter(Boolean);
  const byCode = new Map(rows.slice(1).map((r) => [r.split(',')[0]!, r]));
  const chosen = interleaveByProvince(filterLocalities(loadRegistry(), { code })).slice(0, n);
  writeFileSync(file, `${[rows[0], ...chosen.map((l) => byCode.get(l.code)!)].join('\n')}\n`);
  return file;
}

async function untilLogged(file: string, event: string, timeoutMs = 120_000): Promise<void> {
  const t0 = Date.now();
  while (!(existsSync(file) && readFileSync(file, 'utf8').includes(`"event":"${event}"`))) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${file}: no ${event} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
