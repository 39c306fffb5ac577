import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_LIMITS, DEFAULT_SPLIT_ABOVE, writeReport, writeReportDirectory } from '../../report/index.js';
import { guardDb } from '../../store/errors.js';
import { action, configFrom, DEFAULT_DB, OUTPUT_DIR, UsageError } from '../common.js';
import { loadScored, READ_ONLY_HELP, type ScoringOptions, shownIn } from './scoring-common.js';
import { withSiteScope } from './site-scope.js';

export function register(program: Command): void {
  withSiteScope(program.command('report'))
    .description(
      'write one self-contained HTML report (charts, map, sortable table, a page per site with evidence); for large runs a directory: index.html and a page per site',
    )
    .option('--run <id>', 'run id (default: the newest finished crawl)')
    .option(
      '--out <path>',
      'HTML file, or the directory of a split report (default: output/report-run<N>.html or output/report-run<N>/)',
    )
    .option('--split', 'write a directory (index.html + sites/<code>.html) whatever the number of sites')
    .option('--single', 'write one file whatever the number of sites')
    .option(
      '--split-above <n>',
      `write a directory when more sites than this are shown (one file costs ~150 KB per site; default: config report.splitAbove, else ${DEFAULT_SPLIT_ABOVE})`,
    )
    .option('--weights <file>', 'scoring weights JSON (default: config `scoring`, else the built-in weights)')
    .option('--config <file>', 'config JSON (for its `scoring` entry)')
    .option(
      '--screenshots-per-site <n>',
      'screenshots inlined per site (0 = none)',
      String(DEFAULT_LIMITS.screenshotsPerSite),
    )
    .option(
      '--max-screenshot-kb <n>',
      'largest screenshot inlined, KB',
      String(DEFAULT_LIMITS.maxScreenshotBytes / 1000),
    )
    .option(
      '--screenshots-total-mb <n>',
      'budget for all inlined screenshots, MB',
      String(DEFAULT_LIMITS.maxScreenshotTotalBytes / 1e6),
    )
    .addHelpText('after', READ_ONLY_HELP)
    .action(
      action(
        (
          opts: ScoringOptions & {
            province?: string;
            out?: string;
            split?: boolean;
            single?: boolean;
            splitAbove?: string;
            screenshotsPerSite: string;
            maxScreenshotKb: string;
            screenshotsTotalMb: string;
          },
        ) => {
          const limits = {
            ...DEFAULT_LIMITS,
            screenshotsPerSite: nonNegative(opts.screenshotsPerSite, '--screenshots-per-site'),
            maxScreenshotBytes: nonNegative(opts.maxScreenshotKb, '--max-screenshot-kb') * 1000,
            maxScreenshotTotalBytes: nonNegative(opts.screenshotsTotalMb, '--screenshots-total-mb') * 1e6,
          };
          if (opts.split && opts.single) throw new UsageError('--split and --single exclude each other');
          const splitAbove =
            opts.splitAbove !== undefined
              ? nonNegative(opts.splitAbove, '--split-above')
              : opts.config
                ? configFrom({ config: opts.config }).report.splitAbove
                : DEFAULT_SPLIT_ABOVE;
          const { db, run, scores: all } = loadScored(opts, { store: false });
          // Ranks stay those of the whole level: --province only chooses the sites shown (a report per province).
          const scores = { ...all, sites: shownIn(all.sites, opts.province) };
          const split = opts.split || (!opts.single && scores.sites.length > splitAbove);
          try {
            guardDb(opts.db ?? DEFAULT_DB, `reading run ${run.id} for the report`, false, () => {
              if (split) {
                const out = writeReportDirectory(
                  db,
                  run,
                  scores,
                  opts.out ?? join(OUTPUT_DIR, `report-run${run.id}`),
                  limits,
                );
                process.stdout.write(`${out.index}\n`);
                process.stderr.write(
                  `report of run ${run.id}: ${scores.sites.length} sites, index.html ${mb(out.indexBytes)} MB + ${out.pages} site pages in sites/ (${mb(out.pageBytesTotal)} MB, largest ${(out.pageBytesMax / 1e3).toFixed(0)} KB)\n`,
                );
                return;
              }
              const { file, bytes } = writeReport(
                db,
                run,
                scores,
                opts.out ?? join(OUTPUT_DIR, `report-run${run.id}.html`),
                limits,
              );
              process.stdout.write(`${file}\n`);
              process.stderr.write(`report of run ${run.id}: ${scores.sites.length} sites, ${mb(bytes)} MB\n`);
            });
          } finally {
            db.close();
          }
        },
      ),
    );
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);

function nonNegative(v: string, option: string): number {
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0) throw new UsageError(`${option} must be a number ≥ 0 (got "${v}")`);
  return x;
}
