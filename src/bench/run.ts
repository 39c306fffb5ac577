/**
 * The benchmark (`npm run bench`): the core collection of all 337 fixture sites with realistic
 * latency injection, measured as a user would see it — wall time, CPU time, pages/s, peak memory
 * of the whole govscan process tree (PSS and RSS, Chromium included), time per stage — plus a
 * browser-on-every-page baseline on a sample of sites and the Lighthouse/axe stage on a few.
 * The fixture world runs in its own process: it plays the network and is not counted.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REUSABLE_PAGE_STATUSES } from '../../crawlers/site/link-checks.js';
import { runCounts } from '../store/sites.js';
import type { LevelChoice } from '../types.js';
import { type ChallengeCost, challengeCost } from './challenge-cost.js';
import { benchMarkdown } from './summary.js';
import {
  benchMachine,
  type Machine,
  MiB,
  measure,
  mergeLatest,
  type StageMeasure,
  startWorld,
  stopWorld,
  worldFlags,
} from './world.js';

/** The parts of the main benchmark; `--only` runs one, none runs core, baseline and audit. */
export const MAIN_PARTS = ['core', 'baseline', 'audit', 'county'] as const;
export type MainPart = (typeof MAIN_PARTS)[number];

export interface BenchOptions {
  outDir: string;
  parts: readonly MainPart[];
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

type Counts = ReturnType<typeof pageCounts>;
type Collection = StageMeasure & {
  pages: Counts;
  pagesPerSec: number;
  wallMin: number;
  peakPssMiB: number;
  peakRssMiB: number;
  /** Sites per minute and CPU seconds per site, over the whole collection. */
  sitesPerMin: number;
  cpuSecPerSite: number;
};

export interface BenchResult {
  at: string;
  machine: Machine;
  latency: string;
  main?: Collection;
  baseline?: StageMeasure & { pages: Counts; pagesPerSec: number; peakPssMiB: number };
  speedupVsBaseline?: number;
  challenges?: ChallengeCost;
  audit?: StageMeasure & { sites: number; secsPerSite: number; peakPssMiB: number };
  /** The county-level collection (`--only county`): all 2,840 county portals on this machine. */
  county?: Collection & { sites: number };
  targets: {
    coreWallMin: number;
    corePeakPssMiB: number;
    speedup: number;
    auditSecsPerSite: number;
    countyWallMin: number;
    countyPeakPssMiB: number;
  };
}

export const TARGETS: BenchResult['targets'] = {
  coreWallMin: 5,
  corePeakPssMiB: 2048,
  speedup: 5,
  auditSecsPerSite: 12,
  countyWallMin: 30,
  countyPeakPssMiB: 2048,
};

const fetched = (p: Counts) => p.http + p.browser + p.probe + p.linkCheckRequests;

function collection(m: StageMeasure, pages: Counts): Collection {
  return {
    ...m,
    pages,
    pagesPerSec: +(fetched(pages) / (m.wallMs / 1000)).toFixed(1),
    wallMin: +(m.wallMs / 60000).toFixed(2),
    peakPssMiB: Math.round(m.peakPssBytes / MiB),
    peakRssMiB: Math.round(m.peakRssBytes / MiB),
    sitesPerMin: +(pages.sites / (m.wallMs / 60000)).toFixed(1),
    cpuSecPerSite: +(m.cpuMs / 1000 / Math.max(1, pages.sites)).toFixed(2),
  };
}

export async function runBench(o: BenchOptions): Promise<{ jsonFile: string; mdFile: string; result: BenchResult }> {
  mkdirSync(o.outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'govscan-bench-'));
  const world = await startWorld(o.latency);
  const net = [...worldFlags(world), '--no-progress', '--json'];
  const scope = (level = o.level) => [
    ...(level ? ['--level', level] : []),
    ...(o.code ? ['--code', o.code] : []),
    ...(o.limit ? ['--limit', String(o.limit)] : []),
  ];
  /** `govscan crawl` into the given database, logging beside it. */
  const crawlArgs = (db: string, ...more: string[]) => [
    ...['crawl', '--db', db, '--log', db.replace(/\.db$/, '.log')],
    ...more,
  ];
  const runOf = (m: StageMeasure) => (m.output as { run?: number }).run ?? 1;
  const has = (p: MainPart) => o.parts.includes(p);
  const result: BenchResult = {
    at: new Date().toISOString(),
    machine: benchMachine(),
    latency: o.latency,
    targets: TARGETS,
  };
  try {
    // 1. The core collection: HTTP first, the browser for the homepage only.
    const mainDb = join(work, 'main.db');
    let mainRun: number | undefined;
    if (has('core')) {
      const main = await measure('core collection', crawlArgs(mainDb, ...scope(), ...net));
      mainRun = runOf(main);
      result.main = collection(main, pageCounts(mainDb, mainRun));
      result.challenges = challengeCost(mainDb, mainRun);
    }

    // 2. The county-level collection: the same command over the 2,840 county portals.
    if (has('county')) {
      const db = join(work, 'county.db');
      const county = await measure('county-level collection', crawlArgs(db, ...scope('county'), ...net));
      const c = collection(county, pageCounts(db, runOf(county)));
      result.county = { ...c, sites: c.pages.sites };
    }

    // 3. Baseline: the browser for every page, on a sample (a full baseline would take an hour).
    if (has('baseline')) {
      const baseCfg = join(work, 'baseline.json');
      writeFileSync(baseCfg, JSON.stringify({ crawl: { browserForAllPages: true } }));
      const baseDb = join(work, 'baseline.db');
      const baseline = await measure(
        'browser-on-every-page baseline',
        crawlArgs(baseDb, '--config', baseCfg, '--limit', String(o.baselineSites), ...net),
      );
      const pages = pageCounts(baseDb, runOf(baseline));
      const baseRate = fetched(pages) / (baseline.wallMs / 1000);
      result.baseline = {
        ...baseline,
        pages,
        pagesPerSec: +baseRate.toFixed(2),
        peakPssMiB: Math.round(baseline.peakPssBytes / MiB),
      };
      if (result.main) result.speedupVsBaseline = +(result.main.pagesPerSec / baseRate).toFixed(1);
    }

    // 4. Lighthouse + axe + verification on a few reachable sites (of the core run, or crawled for it unmeasured).
    if (has('audit')) {
      if (mainRun === undefined) {
        const c = await measure('crawl for the audit', crawlArgs(mainDb, '--limit', String(o.auditSites), ...net));
        mainRun = runOf(c);
      }
      const audit = await measure('audit stage (Lighthouse, axe, verification)', [
        ...['audit', '--db', mainDb, '--run', String(mainRun), '--limit', String(o.auditSites)],
        ...net.filter((a) => a !== '--json'),
      ]);
      result.audit = {
        ...audit,
        sites: o.auditSites,
        secsPerSite: +(audit.wallMs / 1000 / Math.max(1, o.auditSites)).toFixed(1),
        peakPssMiB: Math.round(audit.peakPssBytes / MiB),
      };
    }

    const stamp = result.at.replace(/[:.]/g, '-');
    const jsonFile = join(o.outDir, `bench-${stamp}.json`);
    const mdFile = join(o.outDir, `bench-${stamp}.md`);
    writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
    const merged = mergeLatest(o.outDir, { ...result }) as unknown as BenchResult;
    writeFileSync(mdFile, benchMarkdown(result));
    writeFileSync(join(o.outDir, 'latest.md'), benchMarkdown(merged));
    return { jsonFile, mdFile, result };
  } finally {
    await stopWorld(world);
    rmSync(work, { recursive: true, force: true });
  }
}
