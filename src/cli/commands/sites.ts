import type { Command } from 'commander';
import { DEFAULT_REGISTRY, filterLocalities, loadRegistry } from '../../registry/registry.js';
import { REGISTRY_KINDS } from '../../types.js';
import { action, printJson, UsageError } from '../common.js';

export function register(program: Command): void {
  program
    .command('sites')
    .description('list the localities in the registry, optionally filtered')
    .option('--province <name>', 'province (substring, e.g. 四川)')
    .option('--kind <kind>', `kind: ${REGISTRY_KINDS.join(' | ')}`)
    .option('--code <prefix>', 'code or code prefix (e.g. 51 for all of 四川)')
    .option('--name <text>', 'name (substring)')
    .option('--registry <file>', 'registry CSV', DEFAULT_REGISTRY)
    .option('--json', 'print JSON')
    .action(
      action(
        (opts: {
          province?: string;
          kind?: string;
          code?: string;
          name?: string;
          registry: string;
          json?: boolean;
        }) => {
          if (opts.kind && !(REGISTRY_KINDS as readonly string[]).includes(opts.kind))
            throw new UsageError(`--kind must be one of ${REGISTRY_KINDS.join(', ')} (got "${opts.kind}")`);
          const sites = filterLocalities(loadRegistry(opts.registry), opts);
          if (opts.json) return printJson(sites);
          for (const s of sites)
            process.stdout.write(`${s.code}\t${s.name}\t${s.province}\t${s.kind}\t${s.portalUrl}\n`);
          process.stderr.write(`${sites.length} localities\n`);
        },
      ),
    );
}
