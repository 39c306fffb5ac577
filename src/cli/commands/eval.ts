import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import type { LabelsReport } from '../../eval/evaluate.js';
import type { SourcesFile } from '../../eval/labels.js';
import { action, EXIT, OUTPUT_DIR, printJson, REPO_ROOT, UsageError } from '../common.js';

interface EvalOpts {
  out?: string;
  code?: string;
  limit?: string;
  config?: string;
  thresholds?: string;
  progress: boolean;
  // hand-labelled evaluation
  labels?: string;
  pages?: string;
  map?: string;
  sources?: string;
  min?: string;
  minKappa?: string;
  minPositives: string;
  asOf?: string;
  json?: boolean;
}

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

/** A path as the user can paste it into a shell. */
function shellArg(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command that fills a missing pages cache, for corpora published as git pointers. */
function fetchHint(sources: SourcesFile, pagesDir: string): string | undefined {
  if (!['repo', 'commit', 'path'].every((c) => sources.header.includes(c))) return undefined;
  const args = `corpus fetch --sources ${shellArg(sources.path)} --out ${shellArg(pagesDir)}`;
  return [
    'Fill the pages cache first (git show at the pinned commits, each file checked against CHECKSUMS.sha256):',
    `  govscan ${args}`,
    `  (from this repository: node src/cli/govscan.mjs ${args})`,
    'Add --repos DIR to use local git copies (DIR/<owner>+<name>/repo, DIR/<owner>+<name>, DIR/<owner>/<name>/.git or DIR/<owner>/<name>)',
    'instead of cloning each repository from GitHub.',
  ].join('\n');
}

function fraction(v: string | undefined, flag: string, lo: number): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || x < lo || x > 1)
    throw new UsageError(`${flag} must be a number from ${lo} to 1 (got ${JSON.stringify(v)})`);
  return x;
}

/** `eval --labels`: offline, so the crawler and the fixture world are never loaded. */
async function labelsEval(opts: EvalOpts): Promise<number> {
  const { evaluateLabels } = await import('../../eval/evaluate.js');
  const { DEFAULT_MAP, EvalInputError } = await import('../../eval/labels.js');
  const { formatLabelsReport, formatLabelsSummary, labelsReportJson } = await import('../../eval/report.js');
  if (!opts.pages) throw new UsageError('--labels needs --pages DIR (the folder that holds the labelled files)');
  for (const [flag, v] of [
    ['--code', opts.code],
    ['--limit', opts.limit],
    ['--config', opts.config],
    ['--thresholds', opts.thresholds],
  ] as const)
    if (v !== undefined) throw new UsageError(`${flag} is for the fixture-world eval; it does not apply with --labels`);
  const minPositives = Number(opts.minPositives);
  if (!Number.isInteger(minPositives) || minPositives < 0)
    throw new UsageError(`--min-positives must be a whole number ≥ 0 (got ${JSON.stringify(opts.minPositives)})`);
  const thresholds = {
    min: fraction(opts.min, '--min', 0),
    minKappa: fraction(opts.minKappa, '--min-kappa', -1),
    minPositives,
  };
  let asOf = new Date();
  if (opts.asOf !== undefined) {
    asOf = new Date(/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf) ? `${opts.asOf}T00:00:00Z` : opts.asOf);
    if (Number.isNaN(asOf.getTime()))
      throw new UsageError(`--as-of must be a date, e.g. 2025-06-30 (got ${JSON.stringify(opts.asOf)})`);
  }
  const out = opts.out ?? join(OUTPUT_DIR, 'eval-labels');
  let report: LabelsReport;
  try {
    report = evaluateLabels({
      labelsPath: opts.labels!,
      pagesDir: opts.pages,
      mapPath: opts.map ?? DEFAULT_MAP,
      sourcesPath: opts.sources,
      asOf,
      thresholds,
      govscanVersion: pkg.version,
      fetchHint,
    });
  } catch (e) {
    if (e instanceof EvalInputError) throw new UsageError(e.message);
    throw e;
  }
  // Show the map path relative to the repository when it is the built-in one.
  if (!opts.map) report.mapFile = `${relative(REPO_ROOT, DEFAULT_MAP)} (built-in)`;
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'labels-report.md'), formatLabelsReport(report));
  writeFileSync(join(out, 'labels-report.json'), labelsReportJson(report));
  if (opts.json) printJson(report);
  else {
    process.stdout.write(formatLabelsSummary(report));
    const n = report.disagreements.length;
    const md = join(out, 'labels-report.md');
    process.stdout.write(
      n
        ? `\n${n} disagreement${n === 1 ? '' : 's'}, each with its evidence and the label's notes: ${md} (and .json)\n`
        : `\nNo disagreements. Report: ${md} (and .json)\n`,
    );
  }
  return report.pass ? EXIT.ok : EXIT.failed;
}

export function register(program: Command): void {
  program
    .command('eval')
    .description(
      'accuracy: crawl the fixture world, compare every indicator with its ground truth, save a per-indicator table; exit 1 below thresholds.\n' +
        'With --labels: no crawl, no network; run the page-level detectors on hand-labelled saved pages and compare with the labels.',
    )
    .option('--out <dir>', 'where the report goes (default output/eval; output/eval-labels with --labels)')
    .option('--code <prefix>', 'only sites whose code starts with this (default: all 337)')
    .option('--limit <n>', 'only the first n sites')
    .option('--config <file>', 'config JSON')
    .option('--thresholds <file>', 'precision/recall thresholds JSON (default fixtures/eval/thresholds.json)')
    .option('--no-progress', 'no progress output')
    .option(
      '--labels <file>',
      'hand-labelled sample: LABELS.csv with a file column, 0/1 label columns and notes (see src/eval/README.md)',
    )
    .option('--pages <dir>', 'with --labels: the folder holding the labelled files')
    .option(
      '--map <file>',
      'with --labels: label column → indicator map (JSON; default src/eval/maps/realpages.json, for ../shared/realpages)',
    )
    .option(
      '--sources <file>',
      "with --labels: SOURCES.csv giving each file's url and raw_or_rendered (default: SOURCES.csv beside LABELS.csv, if any)",
    )
    .option('--min <x>', 'with --labels: minimum precision and recall per label (0..1)')
    .option('--min-kappa <x>', "with --labels: minimum Cohen's kappa per label")
    .option('--min-positives <n>', 'with --labels: labels with fewer positives are reported, not judged', '5')
    .option('--as-of <date>', 'with --labels: reference date for freshness-dependent detectors (default: today)')
    .option('--json', 'with --labels: print the report as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 all thresholds met (or, with --labels, no --min/--min-kappa given), 1 some indicator or label below its\n' +
        'threshold, 2 bad input (with --labels: a missing page, a bad label cell, an unmapped column, an unknown indicator id).\n' +
        '\nExample:\n  govscan eval --labels ../shared/realpages/LABELS.csv --pages output/realpages --min 0.95 --min-kappa 0.9',
    )
    .action(
      action(async (opts: EvalOpts) => {
        if (opts.labels !== undefined) return labelsEval(opts);
        for (const [flag, v] of [
          ['--pages', opts.pages],
          ['--sources', opts.sources],
          ['--min', opts.min],
          ['--min-kappa', opts.minKappa],
          ['--as-of', opts.asOf],
          ['--json', opts.json],
        ] as const)
          if (v !== undefined) throw new UsageError(`${flag} only applies with --labels`);
        if (opts.map !== undefined) throw new UsageError('--map only applies with --labels');
        const { compareWithTruth, formatEvalReport, loadThresholds } = await import(
          '../../../fixtures/eval/compare.js'
        );
        const { filterLocalities, loadRegistry } = await import('../../registry/registry.js');
        const { loadResults, siteStatuses } = await import('../../store/db.js');
        const { crawlFixtureWorld } = await import('../fixture-run.js');
        const thresholds = loadThresholds(opts.thresholds);
        let sites = filterLocalities(loadRegistry(), { code: opts.code });
        if (opts.limit) sites = sites.slice(0, Number(opts.limit));
        if (!sites.length) throw new UsageError('no site matches --code/--limit');
        const outDir = opts.out ?? join(OUTPUT_DIR, 'eval');
        mkdirSync(outDir, { recursive: true });
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const dbFile = join(outDir, `eval-${stamp}.db`);
        const crawl = {
          sites,
          configFile: opts.config,
          dbFile,
          logFile: join(outDir, `eval-${stamp}.log`),
          showProgress: opts.progress,
          options: { eval: true },
        };
        return crawlFixtureWorld(crawl, async (r, world) => {
          if (r.interrupted) return EXIT.interrupted;
          const statusRows = siteStatuses(r.db, r.runId);
          const results = statusRows.map((row) => ({
            code: row.code,
            siteStatus: row.site_status as never,
            indicators: loadResults(r.db, r.runId, row.code),
          }));
          const manifest = {
            ...world.manifest,
            sites: world.manifest.sites.filter((s) => sites.some((l) => l.code === s.code)),
          };
          const report = compareWithTruth(manifest, results, thresholds);
          const text = formatEvalReport(report);
          writeFileSync(join(outDir, 'eval-report.md'), `${text}\n`);
          writeFileSync(join(outDir, 'eval-report.json'), `${JSON.stringify(report, null, 2)}\n`);
          process.stdout.write(`${text}\n`);
          process.stdout.write(`\nsaved ${join(outDir, 'eval-report.md')} and .json; crawl database ${dbFile}\n`);
          return report.pass ? EXIT.ok : EXIT.failed;
        });
      }),
    );
}
