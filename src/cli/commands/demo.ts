import { join } from 'node:path';
import type { Command } from 'commander';
import { exportRun } from '../../export/index.js';
import { filterLocalities, loadRegistry } from '../../registry/registry.js';
import { writeReport } from '../../report/index.js';
import { type SiteScore, scoresFor, weightsFor } from '../../scoring/index.js';
import { getRun } from '../../store/db.js';
import { action, EXIT, OUTPUT_DIR, UsageError } from '../common.js';
import { auditSample, auditSummary } from '../demo-audit.js';
import { crawlFixtureWorld } from '../fixture-run.js';

interface DemoOpts {
  out: string;
  code?: string;
  limit?: string;
  config?: string;
  seed?: string;
  auditSample: string;
  progress: boolean;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'the main job end to end on the built-in fixture world: crawl → SQLite → browser audit of a sample → score → CSV/XLSX/JSON + data dictionary → report.html',
    )
    .option('--out <dir>', 'where the database, tables and report go', join(OUTPUT_DIR, 'demo'))
    .option('--code <prefix>', 'only sites whose code starts with this (default: all 337)')
    .option('--limit <n>', 'only the first n sites')
    .option('--config <file>', 'config JSON (crawl budgets, thresholds, scoring weights file)')
    .option('--seed <n>', 'fixture world seed')
    .option(
      '--audit-sample <n>',
      'sites the browser stage audits (Lighthouse, axe, verification by acting; ~10-20 s each); 0 skips it',
      '3',
    )
    .option('--no-progress', 'no progress output')
    .action(
      action(async (opts: DemoOpts) => {
        const limit = opts.limit === undefined ? undefined : Number(opts.limit);
        if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
          throw new UsageError(`--limit must be a positive whole number (got "${opts.limit}")`);
        const seed = opts.seed === undefined ? undefined : Number(opts.seed);
        if (seed !== undefined && !Number.isInteger(seed))
          throw new UsageError(`--seed must be a whole number (got "${opts.seed}")`);
        const sample = Number(opts.auditSample);
        if (!Number.isInteger(sample) || sample < 0)
          throw new UsageError(`--audit-sample must be a whole number ≥ 0 (got "${opts.auditSample}")`);
        let sites = filterLocalities(loadRegistry(), { code: opts.code });
        if (limit) sites = sites.slice(0, limit);
        if (!sites.length) throw new UsageError('no site matches --code');
        const dbFile = join(opts.out, 'govscan.db');

        process.stderr.write(
          `starting the fixture world (${sites.length} portals and their platforms, on loopback)…\n`,
        );
        const t0 = Date.now();
        const crawl = {
          sites,
          seed,
          configFile: opts.config,
          dbFile,
          logFile: join(opts.out, 'crawl.log'),
          showProgress: opts.progress,
          options: { demo: true },
        };
        return crawlFixtureWorld(crawl, async (r, _world, config) => {
          if (r.interrupted) return EXIT.interrupted;
          const crawlSecs = (Date.now() - t0) / 1000;
          // Before scoring: the audit run stores the audited sites' indicators re-detected with its verdicts.
          const audit = await auditSample(r.db, dbFile, config, r.runId, sample, opts.progress);
          if (audit.result?.interrupted) return EXIT.interrupted;
          const run = getRun(r.db, r.runId)!;
          const scores = scoresFor(r.db, r.runId, weightsFor(undefined, config));
          const exported = await exportRun({
            db: r.db,
            run,
            scores,
            formats: ['csv', 'xlsx', 'json'],
            outDir: opts.out,
          });
          const report = writeReport(r.db, run, scores, join(opts.out, 'report.html'));
          printSummary(scores.sites, r.statuses, crawlSecs);
          process.stdout.write(
            `${auditSummary(r.db, r.runId, audit, new Map(scores.sites.map((s) => [s.code, s.name]))).join('\n')}\n`,
          );
          process.stdout.write(
            `\nrun ${r.runId} stored in the SQLite database ${dbFile}\n` +
              `tables and data dictionary:\n${exported.paths.map((p) => `  ${p}`).join('\n')}\n` +
              `report: ${report.file}\n` +
              `next: open the report in a browser; audit one site with "govscan check 510100 --proxy …" (see "govscan fixtures serve"); ` +
              `compare runs with "govscan diff <runA> <runB> --db ${dbFile}"\n`,
          );
          return EXIT.ok;
        });
      }),
    );
}

function printSummary(sites: SiteScore[], statuses: Partial<Record<string, number>>, secs: number): void {
  const scored = sites
    .filter((s) => s.total !== null)
    .sort((a, b) => (a.nationalRank ?? 1e9) - (b.nationalRank ?? 1e9));
  const tiers = new Map<string, number>();
  for (const s of scored) tiers.set(s.tier ?? '-', (tiers.get(s.tier ?? '-') ?? 0) + 1);
  const out: string[] = [];
  out.push(
    `\ncollected ${sites.length} sites in ${secs.toFixed(0)} s — site status: ${Object.entries(statuses)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  out.push(
    `scored ${scored.length}; not scored (unreachable/blocked or too little known): ${sites.length - scored.length}`,
  );
  out.push(`tiers: ${[...tiers].map(([t, n]) => `${t} ${n}`).join(' · ')}`);
  out.push('\nrank  code    name              province          total  tier');
  const row = (s: SiteScore) =>
    `${String(s.nationalRank ?? '-').padStart(4)}  ${s.code}  ${s.name.padEnd(10, '　')}  ${s.province.padEnd(8, '　')}  ${s.total!.toFixed(2).padStart(6)}  ${s.tier ?? ''}`;
  for (const s of scored.slice(0, 10)) out.push(row(s));
  if (scored.length > 13) out.push('   …');
  for (const s of scored.slice(Math.max(10, scored.length - 3))) out.push(row(s));
  process.stdout.write(`${out.join('\n')}\n`);
}
