import { join } from 'node:path';
import type { Command } from 'commander';
import { EXPORT_FORMATS, type ExportFormat, exportRun, filterSites, type SiteFilter } from '../../export/index.js';
import type { SiteScore } from '../../scoring/index.js';
import { guardDbAsync } from '../../store/errors.js';
import { LOCALITY_KINDS } from '../../types.js';
import { action, DEFAULT_DB, OUTPUT_DIR, UsageError } from '../common.js';
import { loadScored, READ_ONLY_HELP, type ScoringOptions } from './scoring-common.js';
import { withSiteScope } from './site-scope.js';

export function register(program: Command): void {
  withSiteScope(program.command('export'))
    .description('write the indicator tables of a scored run (CSV with BOM, XLSX, JSON) and the data dictionary')
    .option('--run <id>', 'run id (default: the newest finished crawl)')
    .option('--format <list>', `comma-separated: ${EXPORT_FORMATS.join(',')}`, 'csv,xlsx,json')
    .option('--out <dir>', 'output directory (default: output/export-run<N>)')
    .option('--kind <kind>', `only this kind: ${LOCALITY_KINDS.join(' | ')}`)
    .option('--tier <name>', 'only this tier (e.g. 领先发展)')
    .option('--weights <file>', 'scoring weights JSON (default: config `scoring`, else the built-in weights)')
    .option('--config <file>', 'config JSON (for its `scoring` entry)')
    .addHelpText('after', READ_ONLY_HELP)
    .action(
      action(
        async (
          opts: ScoringOptions & { format: string; out?: string; province?: string; kind?: string; tier?: string },
        ) => {
          const formats = opts.format
            .split(',')
            .map((f) => f.trim().toLowerCase())
            .filter(Boolean);
          const bad = formats.filter((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
          if (bad.length || !formats.length)
            throw new UsageError(`--format takes ${EXPORT_FORMATS.join(', ')} (got "${opts.format}")`);
          if (opts.kind && !(LOCALITY_KINDS as readonly string[]).includes(opts.kind))
            throw new UsageError(`--kind must be one of ${LOCALITY_KINDS.join(', ')} (got "${opts.kind}")`);
          const { db, run, scores } = loadScored(opts, { store: false });
          try {
            const tiers = scores.weights.tiers.levels.map((l) => l.name);
            if (opts.tier && !tiers.includes(opts.tier))
              throw new UsageError(`--tier must be one of ${tiers.join(', ')} (got "${opts.tier}")`);
            const filter = { province: opts.province, kind: opts.kind, tier: opts.tier };
            checkFilterSelects(scores.sites, filter, run.id);
            const { paths, sites } = await guardDbAsync(opts.db ?? DEFAULT_DB, `exporting run ${run.id}`, false, () =>
              exportRun({
                db,
                run,
                scores,
                formats: formats as ExportFormat[],
                outDir: opts.out ?? join(OUTPUT_DIR, `export-run${run.id}`),
                filter,
              }),
            );
            for (const p of paths) process.stdout.write(`${p}\n`);
            process.stderr.write(
              `exported ${sites} sites of run ${run.id} (weights ${scores.configHash.slice(0, 12)})\n`,
            );
          } finally {
            db.close();
          }
        },
      ),
    );
}

/**
 * A filter that selects no site must not pass silently. --province / --kind describe which
 * localities to export: matching none of the run's sites is a typo or the wrong run, so it is
 * bad input (exit 2, nothing written). --tier is an outcome: an empty tier is a true answer, so
 * the empty tables are written, with a warning.
 */
function checkFilterSelects(sites: SiteScore[], f: SiteFilter, runId: number): void {
  const where = filterSites(sites, { province: f.province, kind: f.kind });
  if ((f.province || f.kind) && !where.length) {
    const named = [f.province && `--province ${f.province}`, f.kind && `--kind ${f.kind}`].filter(Boolean).join(' ');
    const provinces = [...new Set(sites.map((s) => s.province))];
    throw new UsageError(
      `no site of run ${runId} matches ${named}; nothing was written. ` +
        (provinces.length
          ? `The run's provinces: ${provinces.slice(0, 40).join(', ')}; kinds: ${[...new Set(sites.map((s) => s.kind))].join(', ')}`
          : `Run ${runId} has no finished sites`),
    );
  }
  if (f.tier && !filterSites(where, { tier: f.tier }).length)
    process.stderr.write(
      `warning: no site of run ${runId}${f.province || f.kind ? ' among those selected' : ''} is in tier ${f.tier} (--tier ${f.tier}): the tables have no rows\n`,
    );
}
