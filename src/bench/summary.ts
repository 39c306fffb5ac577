/** The benchmark's Markdown summary: one table row per measured target, then a section per part that ran. */
import { challengeCostMarkdown } from './challenge-cost.js';
import type { ScaleOut } from './queue.js';
import type { BenchResult } from './run.js';

const ok = (b: boolean) => (b ? 'met' : '**not met**');

type Collection = NonNullable<BenchResult['main']>;

function collectionLines(c: Collection): string[] {
  const out = (c.output ?? {}) as { stageMs?: { crawl: number; detect: number; store: number }; statuses?: unknown };
  const stage = out.stageMs ?? { crawl: NaN, detect: NaN, store: NaN };
  return [
    `- ${c.pages.sites} sites in ${c.wallMin} min: ${c.sitesPerMin} sites/min, ${c.cpuSecPerSite} CPU-s per site (whole process tree, Chromium included)`,
    `- fetches: ${c.pages.http} HTTP pages, ${c.pages.browser} rendered pages, ${c.pages.probe} probes, ${c.pages.linkCheckRequests} link-check requests (${c.pages.linkChecks} links checked; the rest were pages the crawl had fetched) → ${c.pagesPerSec} fetches/s`,
    `- CPU time ${(c.cpuMs / 1000).toFixed(0)} s over ${(c.wallMs / 1000).toFixed(0)} s wall (${(c.cpuMs / c.wallMs).toFixed(2)} cores busy on average); peak ${c.peakProcesses} processes, peak PSS ${c.peakPssMiB} MiB (RSS summed ${c.peakRssMiB} MiB)`,
    `- time per stage (summed over concurrent sites): crawl ${(stage.crawl / 1000).toFixed(0)} s, detection ${(stage.detect / 1000).toFixed(1)} s, SQLite ${(stage.store / 1000).toFixed(1)} s`,
    `- site statuses: ${JSON.stringify(out.statuses ?? {})}`,
    '',
  ];
}

export function benchMarkdown(r: BenchResult & { scaleOut?: ScaleOut }): string {
  const t = r.targets;
  const rows: string[] = [];
  if (r.main) {
    rows.push(
      `| core collection wall time (${r.main.pages.sites} sites) | ${r.main.wallMin} min | ≤ ${t.coreWallMin} min | ${ok(r.main.wallMin <= t.coreWallMin)} |`,
      `| peak memory, whole process tree (PSS) | ${r.main.peakPssMiB} MiB (RSS summed ${r.main.peakRssMiB} MiB) | ≤ ${t.corePeakPssMiB} MiB | ${ok(r.main.peakPssMiB <= t.corePeakPssMiB)} |`,
    );
  }
  if (r.speedupVsBaseline !== undefined && r.main && r.baseline)
    rows.push(
      `| speed vs browser-on-every-page baseline | ${r.speedupVsBaseline}× (${r.main.pagesPerSec} vs ${r.baseline.pagesPerSec} fetches/s) | ≥ ${t.speedup}× | ${ok(r.speedupVsBaseline >= t.speedup)} |`,
    );
  if (r.audit)
    rows.push(
      `| Lighthouse + axe + verification per site | ${r.audit.secsPerSite} s | ≤ ${t.auditSecsPerSite} s | ${ok(r.audit.secsPerSite <= t.auditSecsPerSite)} |`,
    );
  if (r.county)
    rows.push(
      `| county-level collection (${r.county.sites} sites) | ${r.county.wallMin} min, ${r.county.cpuSecPerSite} CPU-s/site | ≤ ${t.countyWallMin} min | ${ok(r.county.wallMin <= t.countyWallMin)} |`,
      `| county-level peak memory (PSS) | ${r.county.peakPssMiB} MiB | ≤ ${t.countyPeakPssMiB} MiB | ${ok(r.county.peakPssMiB <= t.countyPeakPssMiB)} |`,
    );
  if (r.scaleOut) {
    const one = r.scaleOut.runs.find((x) => x.workers === 1);
    for (const x of r.scaleOut.runs.filter((x) => x.workers > 1))
      rows.push(
        `| ${x.workers} queue workers vs linear, while all were busy | ${one ? (x.sitesPerMin / (one.sitesPerMin * x.workers)).toFixed(2) : '?'} (${x.sitesPerMin} sites/min; over the wall time with the drain: ${one ? (x.wallSitesPerMin / (one.wallSitesPerMin * x.workers)).toFixed(2) : '?'}) | ≥ 0.8 | ${ok(!!one && x.sitesPerMin >= 0.8 * one.sitesPerMin * x.workers)} |`,
      );
    rows.push(
      `| most requests one host saw at once, all workers (pages the crawlers scheduled) | ${r.scaleOut.maxPerHostConcurrency} | 1 | ${ok(r.scaleOut.maxPerHostConcurrency <= 1)} |`,
    );
  }
  return [
    `# govscan benchmark — ${r.at}`,
    '',
    `Machine: ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memGiB} GiB, Node ${r.machine.node}. Fixture world with latency profile "${r.latency}", in its own process (not counted, but on the same cores).`,
    '',
    '| measure | result | target | |',
    '|---|---|---|---|',
    ...rows,
    '',
    ...(r.main ? ['## Core collection', ...collectionLines(r.main)] : []),
    ...(r.challenges ? challengeCostMarkdown(r.challenges) : []),
    ...(r.county ? ['## County-level collection', ...collectionLines(r.county)] : []),
    ...(r.baseline
      ? [
          `## Baseline (browser on every page, ${r.baseline.pages.sites} sites)`,
          `- ${r.baseline.pages.browser} rendered pages + ${r.baseline.pages.probe} probes + ${r.baseline.pages.linkCheckRequests} link-check requests in ${(r.baseline.wallMs / 1000).toFixed(0)} s → ${r.baseline.pagesPerSec} fetches/s; peak PSS ${r.baseline.peakPssMiB} MiB`,
          '',
        ]
      : []),
    ...(r.audit
      ? [
          `## Audit stage (${r.audit.sites} sites)`,
          `- ${(r.audit.wallMs / 1000).toFixed(0)} s wall, ${r.audit.secsPerSite} s per site, peak PSS ${r.audit.peakPssMiB} MiB, exit ${r.audit.exitCode}`,
          '',
        ]
      : []),
    ...(r.scaleOut
      ? [
          `## Scale-out (queue workers, ${r.scaleOut.workerConcurrency} sites at once each)`,
          ...r.scaleOut.runs.map(
            (x) =>
              `- ${x.workers} worker(s): ${x.sites} sites in ${x.wallSec} s; ${x.sitesPerMin} sites/min while all were busy, ${x.wallSitesPerMin} over the wall time (the last ${x.drain.sites} sites in a ${x.drain.sec} s drain); ${x.cpuSecPerSite} CPU-s per site, peak PSS ${x.peakPssMiB} MiB, exit ${x.exitCode}`,
          ),
          `- per host, measured at the fixture world: at most ${r.scaleOut.maxPerHostConcurrency} request(s) in flight from all workers together, shortest pause ${r.scaleOut.minPerHostGapMs} ms (pages the crawlers scheduled); with the rendered homepages' own scripts, styles and images, which a browser loads in parallel as for any visitor: ${r.scaleOut.withPageResources.maxPerHostConcurrency}`,
          '',
        ]
      : []),
  ].join('\n');
}
