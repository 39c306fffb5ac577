import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareWithTruth, formatEvalReport, loadThresholds } from '../../../fixtures/eval/compare.js';
import { filterLocalities, loadRegistry } from '../../registry/registry.js';
import { loadResults } from '../../store/db.js';
import { runCollection } from '../collection.js';
import { action, EXIT, OUTPUT_DIR, UsageError } from '../common.js';
import { fixtureConfig, withFixtureWorld } from '../fixture-run.js';

interface EvalOpts {
  out: string;
  code?: string;
  limit?: string;
  config?: string;
  thresholds?: string;
  progress: boolean;
}

export function register(program: Command): void {
  program
    .command('eval')
    .description('accuracy: crawl the fixture world, compare every indicator with its ground truth, save a per-indicator table; exit 1 below thresholds')
    .option('--out <dir>', 'where the report and its database go', join(OUTPUT_DIR, 'eval'))
    .option('--code <prefix>', 'only sites whose code starts with this (default: all 337)')
    .option('--limit <n>', 'only the first n sites')
    .option('--config <file>', 'config JSON')
    .option('--thresholds <file>', 'precision/recall thresholds JSON (default fixtures/eval/thresholds.json)')
    .option('--no-progress', 'no progress output')
    .addHelpText('after', '\nExit codes: 0 all thresholds met, 1 some indicator below its threshold, 2 bad input.')
    .action(
      action(async (opts: EvalOpts) => {
        const thresholds = loadThresholds(opts.thresholds);
        let sites = filterLocalities(loadRegistry(), { code: opts.code });
        if (opts.limit) sites = sites.slice(0, Number(opts.limit));
        if (!sites.length) throw new UsageError('no site matches --code/--limit');
        mkdirSync(opts.out, { recursive: true });
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const dbFile = join(opts.out, `eval-${stamp}.db`);
        return withFixtureWorld({ sites: sites.map((s) => s.code) }, async (world) => {
          const r = await runCollection({
            dbFile,
            kind: 'crawl',
            config: fixtureConfig(world, opts.config),
            sites,
            showProgress: opts.progress,
            options: { eval: true, fixtureSeed: world.manifest.seed },
            logFile: join(opts.out, `eval-${stamp}.log`),
          });
          try {
            if (r.interrupted) return EXIT.interrupted;
            const statusRows = r.db.prepare('SELECT code, site_status FROM site_runs WHERE run_id = ?').all(r.runId) as { code: string; site_status: string }[];
            const results = statusRows.map((row) => ({
              code: row.code,
              siteStatus: row.site_status as never,
              indicators: loadResults(r.db, r.runId, row.code),
            }));
            const manifest = { ...world.manifest, sites: world.manifest.sites.filter((s) => sites.some((l) => l.code === s.code)) };
            const report = compareWithTruth(manifest, results, thresholds);
            const text = formatEvalReport(report);
            writeFileSync(join(opts.out, 'eval-report.md'), text + '\n');
            writeFileSync(join(opts.out, 'eval-report.json'), JSON.stringify(report, null, 2) + '\n');
            process.stdout.write(text + '\n');
            process.stdout.write(`\nsaved ${join(opts.out, 'eval-report.md')} and .json; crawl database ${dbFile}\n`);
            return report.pass ? EXIT.ok : EXIT.failed;
          } finally {
            r.db.close();
          }
        });
      }),
    );
}
