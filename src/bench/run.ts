/**
 * The benchmark (`npm run bench`): the core collection of all 337 fixture sites with realistic
 * latency injection, measured as a user would see it — wall time, CPU time, pages/s, peak memory
 * of the whole govscan process tree (PSS and RSS, Chromium included), time per stage — plus a
 * browser-on-every-page baseline on a sample of sites and the Lighthouse/axe stage on a few.
 * The fixture world runs in its own process: it plays the network and is not counted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { REUSABLE_PAGE_STATUSES } from '../../crawlers/site/link-checks.js';
import { runCounts } from '../store/sites.js';
import type { LevelChoice } from '../types.js';
import { type ChallengeCost, challengeCost, challengeCostMarkdown } from './challenge-cost.js';
import { watchTree } from './proc-tree.js';

const CLI = fileURLToPath(new URL('../cli/govscan.mjs', import.meta.url));

export interface BenchOptions {
  outDir: string;
  /** Registry code prefix for the main run ('' = all 337). */
  code?: string;
  limit?: number;
  /** Registry level of the main run (default prefecture: the 337). */
  level?: LevelChoice;
  /** Sites in the browser-on-every-page baseline. */
  baselineSites: number;
  /** Sites in the Lighthouse/axe stage sample. */
  auditSites: number;
  latency: 'none' | 'realistic';
}

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

interface World {
  proxy: string;
  resolver: string;
  caFile: string;
  child: ChildProcess;
}

export async function startWorld(latency: string): Promise<World> {
  const child = spawn(process.execPath, [CLI, 'fixtures', 'serve', '--latency', latency], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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
        resolve({ proxy, resolver, caFile, child });
      }
    });
    child.on('exit', (c) => reject(new Error(`fixture world exited early (${c})`)));
  });
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

function pageCounts(
  dbFile: string,
  runId: number,
): { http: number; browser: number; probe: number; linkChecks: number; linkCheckRequests: number; sites: number } {
  const db = new Database(dbFile, { readonly: true });
  try {
    const c = runCounts(db, runId, REUSABLE_PAGE_STATUSES);
    const by = c.pagesByCrawler;
    const links = c.linkChecks;
    const reused = c.reusedLinks;
    const sites = c.sites;
    return {
      http: by.http ?? 0,
      browser: by.browser ?? 0,
      probe: by.probe ?? 0,
      linkChecks: links,
      linkCheckRequests: links - reused,
      sites,
    };
  } finally {
    db.close();
  }
}

const MiB = 1024 * 1024;

type Counts = ReturnType<typeof pageCounts>;
export interface BenchResult {
  at: string;
  machine: { cpus: number; cpuModel?: string; memGiB: number; node: string };
  latency: string;
  main: StageMeasure & { pages: Counts; pagesPerSec: number; wallMin: number; peakPssMiB: number; peakRssMiB: number };
  baseline: StageMeasure & { pages: Counts; pagesPerSec: number; peakPssMiB: number };
  speedupVsBaseline: number;
  challenges: ChallengeCost;
  audit: StageMeasure & { sites: number; secsPerSite: number; peakPssMiB: number };
  targets: { coreWallMin: number; corePeakPssMiB: number; speedup: number; auditSecsPerSite: number };
}

export async function runBench(o: BenchOptions): Promise<{ jsonFile: string; mdFile: string; result: BenchResult }> {
  mkdirSync(o.outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'govscan-bench-'));
  const world = await startWorld(o.latency);
  const net = [
    '--proxy',
    world.proxy,
    '--ca-file',
    world.caFile,
    '--resolver',
    world.resolver,
    '--allow-private',
    '--no-progress',
    '--json',
  ];
  const scope = [
    ...(o.level ? ['--level', o.level] : []),
    ...(o.code ? ['--code', o.code] : []),
    ...(o.limit ? ['--limit', String(o.limit)] : []),
  ];
  /** `govscan crawl` into the given database, logging beside it. */
  const crawlArgs = (db: string, ...more: string[]) => [
    'crawl',
    '--db',
    db,
    '--log',
    db.replace(/\.db$/, '.log'),
    ...more,
  ];
  try {
    // 1. The core collection: HTTP first, the browser for the homepage only.
    const mainDb = join(work, 'main.db');
    const main = await measure('core collection', crawlArgs(mainDb, ...scope, ...net));
    const mainRun = (main.output as { run?: number }).run ?? 1;
    const mainPages = pageCounts(mainDb, mainRun);
    const challenges = challengeCost(mainDb, mainRun);

    // 2. Baseline: the browser for every page, on a sample (a full baseline would take an hour).
    const baseCfg = join(work, 'baseline.json');
    writeFileSync(baseCfg, JSON.stringify({ crawl: { browserForAllPages: true } }));
    const baseDb = join(work, 'baseline.db');
    const baseline = await measure(
      'browser-on-every-page baseline',
      crawlArgs(baseDb, '--config', baseCfg, '--limit', String(o.baselineSites), ...net),
    );
    const basePages = pageCounts(baseDb, (baseline.output as { run?: number }).run ?? 1);

    // 3. Lighthouse + axe + verification on a few reachable sites of the main run.
    const audit = await measure('audit stage (Lighthouse, axe, verification)', [
      'audit',
      '--db',
      mainDb,
      '--run',
      String(mainRun),
      '--limit',
      String(o.auditSites),
      ...net.filter((a) => a !== '--json'),
    ]);

    const fetched = (p: typeof mainPages) => p.http + p.browser + p.probe + p.linkCheckRequests;
    const mainRate = fetched(mainPages) / (main.wallMs / 1000);
    const baseRate = fetched(basePages) / (baseline.wallMs / 1000);
    const result: BenchResult = {
      at: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memGiB: +(totalmem() / 1024 ** 3).toFixed(1),
        node: process.version,
      },
      latency: o.latency,
      main: {
        ...main,
        pages: mainPages,
        pagesPerSec: +mainRate.toFixed(1),
        wallMin: +(main.wallMs / 60000).toFixed(2),
        peakPssMiB: Math.round(main.peakPssBytes / MiB),
        peakRssMiB: Math.round(main.peakRssBytes / MiB),
      },
      baseline: {
        ...baseline,
        pages: basePages,
        pagesPerSec: +baseRate.toFixed(2),
        peakPssMiB: Math.round(baseline.peakPssBytes / MiB),
      },
      speedupVsBaseline: +(mainRate / baseRate).toFixed(1),
      challenges,
      audit: {
        ...audit,
        sites: o.auditSites,
        secsPerSite: +(audit.wallMs / 1000 / Math.max(1, o.auditSites)).toFixed(1),
        peakPssMiB: Math.round(audit.peakPssBytes / MiB),
      },
      targets: {
        coreWallMin: 5,
        corePeakPssMiB: 2048,
        speedup: 5,
        auditSecsPerSite: 12,
      },
    };
    const stamp = result.at.replace(/[:.]/g, '-');
    const jsonFile = join(o.outDir, `bench-${stamp}.json`);
    const mdFile = join(o.outDir, `bench-${stamp}.md`);
    writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
    const md = summaryMarkdown(result);
    writeFileSync(mdFile, md);
    writeFileSync(join(o.outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(o.outDir, 'latest.md'), md);
    return { jsonFile, mdFile, result };
  } finally {
    world.child.kill('SIGTERM');
    await new Promise((r) => world.child.once('exit', r));
    rmSync(work, { recursive: true, force: true });
  }
}

function summaryMarkdown(r: BenchResult): string {
  const ok = (b: boolean) => (b ? 'met' : '**not met**');
  const out = (r.main.output ?? {}) as {
    stageMs?: { crawl: number; detect: number; store: number };
    statuses?: unknown;
  };
  const stage = out.stageMs ?? { crawl: NaN, detect: NaN, store: NaN };
  return [
    `# govscan benchmark — ${r.at}`,
    '',
    `Machine: ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memGiB} GiB, Node ${r.machine.node}. Fixture world with latency profile "${r.latency}", in its own process (not counted).`,
    '',
    '| measure | result | target | |',
    '|---|---|---|---|',
    `| core collection wall time (${r.main.pages.sites} sites) | ${r.main.wallMin} min | ≤ ${r.targets.coreWallMin} min | ${ok(r.main.wallMin <= r.targets.coreWallMin)} |`,
    `| peak memory, whole process tree (PSS) | ${r.main.peakPssMiB} MiB (RSS summed ${r.main.peakRssMiB} MiB) | ≤ ${r.targets.corePeakPssMiB} MiB | ${ok(r.main.peakPssMiB <= r.targets.corePeakPssMiB)} |`,
    `| speed vs browser-on-every-page baseline | ${r.speedupVsBaseline}× (${r.main.pagesPerSec} vs ${r.baseline.pagesPerSec} fetches/s) | ≥ ${r.targets.speedup}× | ${ok(r.speedupVsBaseline >= r.targets.speedup)} |`,
    `| Lighthouse + axe + verification per site | ${r.audit.secsPerSite} s | ≤ ${r.targets.auditSecsPerSite} s | ${ok(r.audit.secsPerSite <= r.targets.auditSecsPerSite)} |`,
    '',
    '## Core collection',
    `- fetches: ${r.main.pages.http} HTTP pages, ${r.main.pages.browser} rendered pages, ${r.main.pages.probe} probes, ${r.main.pages.linkCheckRequests} link-check requests (${r.main.pages.linkChecks} links checked; the rest were pages the crawl had fetched) → ${r.main.pagesPerSec} fetches/s`,
    `- CPU time ${(r.main.cpuMs / 1000).toFixed(0)} s over ${(r.main.wallMs / 1000).toFixed(0)} s wall (${(r.main.cpuMs / r.main.wallMs).toFixed(2)} cores busy on average); peak ${r.main.peakProcesses} processes`,
    `- time per stage (summed over concurrent sites): crawl ${(stage.crawl / 1000).toFixed(0)} s, detection ${(stage.detect / 1000).toFixed(1)} s, SQLite ${(stage.store / 1000).toFixed(1)} s`,
    `- site statuses: ${JSON.stringify(out.statuses ?? {})}`,
    '',
    ...challengeCostMarkdown(r.challenges),
    `## Baseline (browser on every page, ${r.baseline.pages.sites} sites)`,
    `- ${r.baseline.pages.browser} rendered pages + ${r.baseline.pages.probe} probes + ${r.baseline.pages.linkCheckRequests} link-check requests in ${(r.baseline.wallMs / 1000).toFixed(0)} s → ${r.baseline.pagesPerSec} fetches/s; peak PSS ${r.baseline.peakPssMiB} MiB`,
    '',
    `## Audit stage (${r.audit.sites} sites)`,
    `- ${(r.audit.wallMs / 1000).toFixed(0)} s wall, ${r.audit.secsPerSite} s per site, peak PSS ${r.audit.peakPssMiB} MiB, exit ${r.audit.exitCode}`,
    '',
  ].join('\n');
}
