import type { Command } from 'commander';
import { accessCell } from '../../export/table.js';
import { DEFAULT_COUNTIES, loadLevel } from '../../registry/counties.js';
import { DEFAULT_REGISTRY } from '../../registry/registry.js';
import { matchSite, type SiteMatch, SiteQueryError } from '../../registry/site-query.js';
import { loadResults, siteChallenges } from '../../store/db.js';
import { action, addNetworkOptions, DEFAULT_DB, EXIT, type NetworkOptions, printJson, UsageError } from '../common.js';
import { formatResults } from '../format-results.js';
import { checkedLevel, type LevelOptions } from '../level.js';
import { checkedConfigFrom } from '../preflight.js';

interface CheckOpts extends NetworkOptions, LevelOptions {
  registry: string;
  counties: string;
  config?: string;
  db: string;
  json?: boolean;
  evidence: string;
  name?: string;
  province?: string;
}

/** A code as the user can paste it into a shell (ad-hoc codes may carry ?, & or other specials). */
const shellWord = (s: string): string => (/^[\w.:/@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

const HELP = `
<site> is either
  a registry entry of the --level (default prefecture; county or all for the county registry): its
    6-digit code (510100; 330102 with --level county), its name (成都市, or the start of a name; a name several entries share is
    ambiguous and the error lists them), or its portal URL (compared without scheme and trailing
    slash; www. and the path count), or
  any other http(s) URL, with or without the scheme (https://fgw.chengdu.gov.cn/, www.xxx.gov.cn):
    an ad-hoc site, e.g. a department site. It is stored under the code
    adhoc:<host>[:port][/path] (e.g. adhoc:www.xxx.gov.cn), which replay, bundle, export and
    report take like a registry code; it is scored but never ranked among the registry's
    localities. Label it with --name and --province. Without a scheme, https is tried
    first (then http, as for any portal).
The network policy is the same for both: loopback/private addresses need --allow-private.

Examples:
  govscan check 510100
  govscan check https://www.xxx.gov.cn/ --name 某某县人民政府 --province 四川省
  govscan replay <run> adhoc:www.xxx.gov.cn

Exit codes: 0 done, 2 bad input (no such registry entry, not an http(s) URL, registry/config),
3 another run holds the lock, 4 interrupted.`;

export function register(program: Command): void {
  const cmd = program
    .command('check <site>')
    .description(
      "auditor's check: crawl one site now (a registry code, name or portal URL, or any http(s) URL as an ad-hoc site), print every indicator with its evidence, store it as a run",
    )
    .option('--registry <file>', 'registry CSV', DEFAULT_REGISTRY)
    .option('--counties <file>', 'county registry CSV', DEFAULT_COUNTIES)
    .option(
      '--level <level>',
      'look the site up among: prefecture | county | all (with county or all, a name several entries share is ambiguous: give the code)',
      'prefecture',
    )
    .option('--config <file>', 'config JSON')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--evidence <n>', 'evidence items shown per indicator', '3')
    .option('--name <name>', 'ad-hoc site only: its name (default: the host)')
    .option('--province <province>', 'ad-hoc site only: its province (default: none)')
    .option('--json', 'print JSON');
  addNetworkOptions(cmd)
    .addHelpText('after', HELP)
    .action(
      action(async (site: string, opts: CheckOpts) => {
        const config = await checkedConfigFrom(opts); // proxy, CA files, resolver: before any lock or run
        // A bad registry is a RegistryError: exit 2.
        const registry = loadLevel(checkedLevel(opts), { registry: opts.registry, counties: opts.counties });
        for (const [flag, v] of [
          ['--name', opts.name],
          ['--province', opts.province],
        ] as const)
          if (v !== undefined && !v.trim()) throw new UsageError(`${flag} must not be empty`);
        let match: SiteMatch;
        try {
          match = matchSite(registry, site, { allowAdhoc: true, labels: { name: opts.name, province: opts.province } });
        } catch (e) {
          if (e instanceof SiteQueryError) throw new UsageError(e.message);
          throw e;
        }
        const { locality } = match;
        if (match.adhoc && match.note) process.stderr.write(`note: ${match.note}\n`);
        if (!match.adhoc && (opts.name !== undefined || opts.province !== undefined))
          process.stderr.write(
            `note: --name/--province label ad-hoc sites only; ${locality.code} ${locality.name} keeps its registry name and province\n`,
          );
        // The crawler (crawlee, playwright) loads only once the input is known to be good.
        const { runCollection } = await import('../collection.js');
        const r = await runCollection({
          dbFile: opts.db,
          kind: 'check',
          config,
          sites: [locality],
          showProgress: false,
          options: match.adhoc
            ? {
                site,
                proxy: opts.proxy,
                adhoc: true,
                code: locality.code,
                url: locality.portalUrl,
                name: locality.name,
                province: locality.province,
              }
            : { site, proxy: opts.proxy },
        });
        const results = loadResults(r.db, r.runId, locality.code);
        const status = r.statuses && Object.keys(r.statuses)[0];
        const challenge = siteChallenges(r.db, r.runId).get(locality.code);
        r.db.close();
        if (r.interrupted) return EXIT.interrupted;
        if (opts.json)
          printJson({
            run: r.runId,
            site: locality,
            adhoc: match.adhoc,
            siteStatus: status,
            challenge,
            indicators: results,
          });
        else {
          const where = locality.province ? ` (${locality.province})` : '';
          const label = match.adhoc ? ' [ad hoc: not in the registry]' : '';
          process.stdout.write(
            `${locality.code} ${locality.name}${where} ${locality.portalUrl}${label} — site status ${status}, access ${accessCell(challenge)}\n\n`,
          );
          process.stdout.write(`${formatResults(results, { evidence: Number(opts.evidence) || 3 })}\n`);
          process.stderr.write(
            `stored as run ${r.runId} in ${opts.db}; replay with: govscan replay ${r.runId} ${shellWord(locality.code)}\n`,
          );
        }
      }),
    );
}
