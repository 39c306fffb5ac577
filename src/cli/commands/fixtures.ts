/**
 * `govscan fixtures serve` — start the simulated web for manual exploration or a crawl;
 * `govscan fixtures manifest` — print or save its ground truth.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_SEED, type FixtureWorld, generateWorldOfLevel, startFixtureWorld } from '../../../fixtures/index.js';
import { INDICATOR_IDS } from '../../../indicators/values.js';
import { action, printJson, UsageError } from '../common.js';
import { checkedLevel } from '../level.js';

function parseSeed(v: string | undefined): number {
  if (v === undefined) return DEFAULT_SEED;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--seed must be a non-negative integer (got "${v}")`);
  return n;
}

function parseAsOf(v: string | undefined): Date {
  if (v === undefined) return new Date();
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--as-of must be a date such as 2026-11-22 (got "${v}")`);
  return d;
}

function parsePort(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`${name} must be a port number 0–65535 (got "${v}")`);
  return n;
}

/** The network flags (shared by crawl, check and audit) that point govscan at a running world. */
export function worldFlags(world: Pick<FixtureWorld, 'proxyUrl' | 'caFile' | 'resolver'>): string {
  return `--proxy ${world.proxyUrl} --ca-file ${world.caFile} --resolver ${world.resolver} --allow-private`;
}

/** What `fixtures serve` prints: where the world is and the exact commands that use it. */
export function serveBanner(world: Pick<FixtureWorld, 'proxyUrl' | 'caFile' | 'resolver' | 'manifest'>): string {
  const hostile = world.manifest.sites.filter((s) => s.hostile).length;
  const checkCode = world.manifest.sites.some((s) => s.code === '510100')
    ? '510100'
    : (world.manifest.sites[0]?.code ?? '510100');
  return [
    `fixture world (seed ${world.manifest.seed}, as of ${world.manifest.asOf.slice(0, 10)}): ${world.manifest.sites.length} sites (${hostile} hostile), ${world.manifest.extraHosts.length} extra hostile hosts`,
    `  proxy:    ${world.proxyUrl}`,
    `  DNS:      ${world.resolver} (UDP)`,
    `  CA file:  ${world.caFile}`,
    '',
    'Browse with Chromium through the proxy:',
    `  chromium --proxy-server=${world.proxyUrl} --ignore-certificate-errors --user-data-dir=$(mktemp -d) http://www.chengdu.gov.cn/`,
    'Fetch with curl:',
    `  curl -x ${world.proxyUrl} --cacert ${world.caFile} https://www.chengdu.gov.cn/`,
    'Crawl all sites / check one site through it:',
    `  govscan crawl ${worldFlags(world)}`,
    `  govscan check ${checkCode} ${worldFlags(world)}`,
    '',
    'Ctrl-C to stop.',
    '',
  ].join('\n');
}

export function register(program: Command): void {
  const fx = program
    .command('fixtures')
    .description(
      'the simulated web of all 3,177 portals (337 prefecture-level, 2,840 county-level; loopback only), with ground truth',
    );

  fx.command('serve')
    .description('serve the fixture world through a loopback HTTP proxy until Ctrl-C')
    .option('--port <n>', 'proxy port (default: any free port)')
    .option('--dns-port <n>', 'DNS (UDP) port (default: any free port)')
    .option('--seed <n>', `world seed (default ${DEFAULT_SEED})`)
    .option('--as-of <date>', "the world's today, e.g. 2026-11-22 (default: now)")
    .option('--latency <profile>', 'none | realistic', 'none')
    .option('--sites <codes>', 'comma-separated registry codes to serve (default: all)')
    .option('--level <level>', 'prefecture (the 337) | county | all (the 337 and 2,840 county portals)', 'all')
    .option('--stats <file>', 'on stop, write what the world served as JSON: requests, refused hosts, per-host pace')
    .action(
      action(
        async (opts: {
          level: string;
          stats?: string;
          port?: string;
          dnsPort?: string;
          seed?: string;
          asOf?: string;
          latency: string;
          sites?: string;
        }) => {
          if (opts.latency !== 'none' && opts.latency !== 'realistic')
            throw new UsageError(`--latency must be none or realistic (got "${opts.latency}")`);
          const world = await startFixtureWorld({
            seed: parseSeed(opts.seed),
            asOf: parseAsOf(opts.asOf),
            port: parsePort(opts.port, '--port'),
            dnsPort: parsePort(opts.dnsPort, '--dns-port'),
            latency: opts.latency,
            level: checkedLevel({ level: opts.level }),
            sites: opts.sites
              ?.split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          });
          process.stdout.write(serveBanner(world));
          await new Promise<void>((resolve) => {
            const stop = () => resolve();
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
          });
          const st = world.stats();
          await world.close();
          if (opts.stats) writeFileSync(opts.stats, `${JSON.stringify(st, null, 2)}\n`);
          const refused = Object.entries(st.refused);
          process.stderr.write(
            `served ${st.requests} requests; refused ${refused.length} unknown hosts${refused.length ? `: ${refused.map(([h, n]) => `${h}×${n}`).join(', ')}` : ''}\n`,
          );
        },
      ),
    );

  fx.command('manifest')
    .description('print (or save) the ground truth of the fixture world')
    .option('--seed <n>', `world seed (default ${DEFAULT_SEED})`)
    .option('--as-of <date>', "the world's today, e.g. 2026-11-22 (default: now)")
    .option('--site <code>', 'only this registry code')
    .option('--level <level>', 'prefecture (the 337) | county | all (the 337 and 2,840 county portals)', 'all')
    .option('--out <file>', 'write the JSON manifest to a file')
    .option('--json', 'print JSON instead of a summary')
    .action(
      action((opts: { seed?: string; asOf?: string; site?: string; level: string; out?: string; json?: boolean }) => {
        const level = checkedLevel({ level: opts.level });
        const world = generateWorldOfLevel(parseSeed(opts.seed), parseAsOf(opts.asOf), level);
        if (level === 'county') {
          const prefectures = new Set(world.registry.map((l) => l.code));
          world.manifest.sites = world.manifest.sites.filter((s) => !prefectures.has(s.code));
        }
        const manifest = opts.site
          ? { ...world.manifest, sites: world.manifest.sites.filter((s) => s.code === opts.site) }
          : world.manifest;
        if (opts.site && !manifest.sites.length) throw new UsageError(`--site: no site with code "${opts.site}"`);
        if (opts.out) {
          writeFileSync(opts.out, `${JSON.stringify(manifest, null, 2)}\n`);
          process.stderr.write(`wrote ${opts.out} (${manifest.sites.length} sites)\n`);
        }
        if (opts.json) return printJson(manifest);
        if (opts.out) return;
        for (const s of manifest.sites)
          process.stdout.write(
            `${s.code}\t${s.name}\t${s.host}\t${s.cms}${s.intensive ? '+集约化' : ''}\t${s.hostile ? `hostile:${s.hostile.kind}→${s.hostile.expectSiteStatus}` : 'ok'}\n`,
          );
        process.stdout.write('\nindicator\tpresent\tabsent\tunknown\n');
        for (const id of INDICATOR_IDS) {
          const n = { present: 0, absent: 0, unknown: 0 };
          for (const s of manifest.sites) n[s.indicators[id]!.status]++;
          process.stdout.write(`${id}\t${n.present}\t${n.absent}\t${n.unknown}\n`);
        }
        for (const x of manifest.extraHosts) process.stdout.write(`extra\t${x.url}\t${x.kind}→${x.expectSiteStatus}\n`);
      }),
    );
}
