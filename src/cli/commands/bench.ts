import { join } from 'node:path';
import type { Command } from 'commander';
import { monitorBenchText, runMonitorBench } from '../../bench/monitor.js';
import { runQueueBench } from '../../bench/queue.js';
import { MAIN_PARTS, type MainPart, runBench } from '../../bench/run.js';
import { DEFAULT_REGISTRY } from '../../registry/registry.js';
import { action, EXIT, OUTPUT_DIR, UsageError } from '../common.js';
import { checkedLevel } from '../level.js';

export function register(program: Command): void {
  program
    .command('bench')
    .description(
      'benchmark: crawl all 337 fixture sites with latency injection, a browser-on-every-page baseline and the audit stage (or one part, --only); write output/bench/ (latest.json gathers the parts)',
    )
    .option('--out <dir>', 'results folder', join(OUTPUT_DIR, 'bench'))
    .option('--code <prefix>', 'only sites whose code starts with this (default: all 337)')
    .option('--limit <n>', 'only the first n sites in the main run')
    .option('--baseline-sites <n>', 'sites in the browser-on-every-page baseline', '12')
    .option('--audit-sites <n>', 'sites in the Lighthouse/axe sample (enough to see the steady state)', '12')
    .option('--latency <profile>', 'none | realistic', 'realistic')
    .option(
      '--only <part>',
      'only this part: core | baseline | audit | county (all 2,840 county portals) | scale (crawl --queue with 1, 2 and 4 workers; "queue" too) | monitor (the availability monitor over simulated days)',
    )
    .option('--days <n>', 'with --only monitor: the long simulated period, days (the short one is 1 day)', '7')
    .option('--visits-per-day <n>', 'with --only monitor: the bench schedule (production default 24)', '4')
    .option('--fail-after <secs>', 'with --only monitor: a visit fails after this many seconds (production 15)', '3')
    .option(
      '--registry <file>',
      'with --only monitor: the registry the monitor uses (all its portals)',
      DEFAULT_REGISTRY,
    )
    .option(
      '--level <level>',
      'portals of this level: prefecture | county | all (default: prefecture for the main bench, all with --only monitor)',
    )
    .option(
      '--sites-per-worker <n>',
      'with --only scale: sites per worker in a run (n workers crawl n times as many)',
      '16',
    )
    .option('--worker-concurrency <n>', 'with --only scale: sites each worker crawls at once (its "machine size")', '2')
    .option('--workers <list>', 'with --only scale: worker counts to compare', '1,2,4')
    .action(
      action(
        async (opts: {
          out: string;
          code?: string;
          limit?: string;
          baselineSites: string;
          auditSites: string;
          latency: string;
          only?: string;
          days: string;
          visitsPerDay: string;
          failAfter: string;
          registry: string;
          level?: string;
          sitesPerWorker: string;
          workerConcurrency: string;
          workers: string;
        }) => {
          const int = (v: string, name: string) => {
            const n = Number(v);
            if (!Number.isInteger(n) || n < 1)
              throw new UsageError(`${name} must be a positive whole number (got "${v}")`);
            return n;
          };
          if (opts.latency !== 'none' && opts.latency !== 'realistic')
            throw new UsageError('--latency must be none or realistic');
          const only = opts.only === 'queue' ? 'scale' : opts.only;
          const parts: readonly string[] = [...MAIN_PARTS, 'scale', 'monitor'];
          if (only !== undefined && !parts.includes(only))
            throw new UsageError(`--only must be one of ${parts.join(', ')} (got "${opts.only}")`);
          if (only === 'scale') {
            const q = await runQueueBench({
              outDir: opts.out,
              code: opts.code,
              sitesPerWorker: int(opts.sitesPerWorker, '--sites-per-worker'),
              workerConcurrency: int(opts.workerConcurrency, '--worker-concurrency'),
              workerCounts: opts.workers.split(',').map((w) => int(w.trim(), '--workers')),
              latency: opts.latency,
            });
            for (const r of q.result.runs)
              process.stdout.write(
                `${r.workers} worker(s): ${r.sites} sites in ${r.wallSec} s; ${r.sitesPerMin} sites/min while all were busy (${r.wallSitesPerMin} over the wall time, the last ${r.drain.sites} finishing in a ${r.drain.sec} s drain), ${r.cpuSecPerSite} CPU-s per site (coordinator ${r.cpuSec.coordinator} s, workers ${r.cpuSec.workers} s, Redis ${r.cpuSec.redis} s), exit ${r.exitCode}\n`,
              );
            process.stdout.write(
              `per host, all workers together: at most ${q.result.maxPerHostConcurrency} request(s) at once, shortest pause ${q.result.minPerHostGapMs} ms (with rendered pages' own resources: ${q.result.withPageResources.maxPerHostConcurrency} at once)\n`,
            );
            process.stdout.write(`wrote ${q.jsonFile} and ${join(opts.out, 'latest.json')} (scaleOut)\n`);
            return q.result.runs.every((r) => r.exitCode === 0) ? EXIT.ok : EXIT.failed;
          }
          if (only === 'monitor') {
            const failAfter = Number(opts.failAfter);
            if (!(failAfter > 0))
              throw new UsageError(`--fail-after must be a positive number (got "${opts.failAfter}")`);
            const m = await runMonitorBench({
              outDir: opts.out,
              registry: opts.registry,
              level: checkedLevel({ level: opts.level ?? 'all' }),
              code: opts.code,
              days: int(opts.days, '--days'),
              visitsPerDay: int(opts.visitsPerDay, '--visits-per-day'),
              failAfterSecs: failAfter,
              latency: opts.latency,
            });
            process.stdout.write(`${monitorBenchText(m.result)}\nwrote ${m.jsonFile}\n`);
            const r = m.result;
            return r.short.exitCode === 0 && r.long.exitCode === 0 && r.restart.ok ? EXIT.ok : EXIT.failed;
          }
          const { jsonFile, mdFile, result } = await runBench({
            outDir: opts.out,
            parts: only ? [only as MainPart] : ['core', 'baseline', 'audit'],
            code: opts.code,
            limit: opts.limit ? int(opts.limit, '--limit') : undefined,
            level: checkedLevel({ level: opts.level ?? 'prefecture' }),
            baselineSites: int(opts.baselineSites, '--baseline-sites'),
            auditSites: int(opts.auditSites, '--audit-sites'),
            latency: opts.latency,
          });
          const { main, county, audit } = result;
          const said = [
            main && `core ${main.wallMin} min, ${main.peakPssMiB} MiB PSS`,
            result.speedupVsBaseline !== undefined && `${result.speedupVsBaseline}× baseline`,
            audit && `audit ${audit.secsPerSite} s/site`,
            county &&
              `county ${county.sites} sites in ${county.wallMin} min, ${county.cpuSecPerSite} CPU-s/site, ${county.peakPssMiB} MiB PSS`,
          ].filter(Boolean);
          process.stdout.write(`${said.join('; ')}\n`);
          process.stdout.write(`wrote ${mdFile}\n      ${jsonFile}\n`);
          const measured = [result.main, result.county, result.baseline, result.audit].filter((m) => m !== undefined);
          return measured.every((m) => m.exitCode === 0) ? EXIT.ok : EXIT.failed;
        },
      ),
    );
}
