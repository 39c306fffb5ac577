import type { Command } from 'commander';
import { loadLevel } from '../../registry/counties.js';
import { DEFAULT_REGISTRY, filterLocalities } from '../../registry/registry.js';
import { REGISTRY_KINDS } from '../../types.js';
import { action, printJson, UsageError } from '../common.js';
import { addCountiesOption, addLevelOptions, checkedLevel } from '../level.js';

export function register(program: Command): void {
  const cmd = program
    .command('sites')
    .description('list the localities in the registry (prefecture or county level), optionally filtered')
    .option('--province <name>', 'province (substring, e.g. 四川)')
    .option('--kind <kind>', `kind: ${REGISTRY_KINDS.join(' | ')}`)
    .option('--code <prefix>', 'code or code prefix (e.g. 51 for all of 四川)')
    .option('--name <text>', 'name (substring)')
    .option('--registry <file>', 'registry CSV', DEFAULT_REGISTRY);
  addCountiesOption(addLevelOptions(cmd, 'localities'))
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nCounty rows the registry URL checks doubt are listed with their flag (doubtful, unreachable, waf, small_body) and note.',
    )
    .action(
      action(
        (opts: {
          province?: string;
          kind?: string;
          code?: string;
          name?: string;
          registry: string;
          counties: string;
          level: string;
          prefecture?: string;
          json?: boolean;
        }) => {
          if (opts.kind && !(REGISTRY_KINDS as readonly string[]).includes(opts.kind))
            throw new UsageError(`--kind must be one of ${REGISTRY_KINDS.join(', ')} (got "${opts.kind}")`);
          const level = checkedLevel(opts);
          const all = loadLevel(level, { registry: opts.registry, counties: opts.counties });
          const sites = filterLocalities(all, opts);
          if (opts.json) return printJson(sites);
          for (const s of sites) {
            const county = s.prefectureCode ? `\t${s.prefectureCode}` : '';
            const flag = s.urlFlag ? `\t[${s.urlFlag}] ${s.urlNote ?? ''}` : '';
            process.stdout.write(`${s.code}\t${s.name}\t${s.province}\t${s.kind}\t${s.portalUrl}${county}${flag}\n`);
          }
          const flagged = sites.filter((s) => s.urlFlag).length;
          process.stderr.write(`${sites.length} localities${flagged ? ` (${flagged} with a flagged URL)` : ''}\n`);
        },
      ),
    );
}
