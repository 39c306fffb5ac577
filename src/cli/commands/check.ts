import type { Command } from 'commander';
import { DEFAULT_REGISTRY, findLocality, loadRegistry } from '../../registry/registry.js';
import { loadResults } from '../../store/db.js';
import { runCollection } from '../collection.js';
import { action, addNetworkOptions, configFrom, DEFAULT_DB, EXIT, printJson, UsageError, type NetworkOptions } from '../common.js';
import { formatResults } from '../format-results.js';

interface CheckOpts extends NetworkOptions {
  registry: string;
  config?: string;
  db: string;
  json?: boolean;
  evidence: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('check <site>')
    .description("auditor's check: crawl one site now (code, name or portal URL), print every indicator with its evidence, store it as a run")
    .option('--registry <file>', 'registry CSV', DEFAULT_REGISTRY)
    .option('--config <file>', 'config JSON')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--evidence <n>', 'evidence items shown per indicator', '3')
    .option('--json', 'print JSON');
  addNetworkOptions(cmd).action(
    action(async (site: string, opts: CheckOpts) => {
      const config = configFrom(opts);
      let locality;
      try {
        locality = findLocality(loadRegistry(opts.registry), site);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const r = await runCollection({
        dbFile: opts.db,
        kind: 'check',
        config,
        sites: [locality],
        showProgress: false,
        options: { site, proxy: opts.proxy },
      });
      const results = loadResults(r.db, r.runId, locality.code);
      const status = r.statuses && Object.keys(r.statuses)[0];
      r.db.close();
      if (r.interrupted) return EXIT.interrupted;
      if (opts.json) printJson({ run: r.runId, site: locality, siteStatus: status, indicators: results });
      else {
        process.stdout.write(`${locality.code} ${locality.name} (${locality.province}) ${locality.portalUrl} — site status ${status}\n\n`);
        process.stdout.write(formatResults(results, { evidence: Number(opts.evidence) || 3 }) + '\n');
        process.stderr.write(`stored as run ${r.runId} in ${opts.db}; replay with: govscan replay ${r.runId} ${locality.code}\n`);
      }
    }),
  );
}
