import type { Command } from 'commander';
import { DEFAULT_ATTEMPTS } from '../../queue/coordinator.js';
import { loadLevel } from '../../registry/counties.js';
import { filterLocalities } from '../../registry/registry.js';
import { runCollection } from '../collection.js';
import {
  action,
  addNetworkOptions,
  addSiteFilterOptions,
  DEFAULT_DB,
  type NetworkOptions,
  printJson,
  UsageError,
} from '../common.js';
import { addCountiesOption, addLevelOptions, checkedLevel } from '../level.js';
import { checkedConfigFrom } from '../preflight.js';
import { startLocalQueue } from '../queue-local.js';
import { positiveNumber, redisUrl } from '../queue-options.js';

interface CrawlOpts extends NetworkOptions {
  province?: string;
  kind?: string;
  code?: string;
  name?: string;
  limit?: string;
  registry: string;
  counties: string;
  level: string;
  prefecture?: string;
  config?: string;
  db: string;
  resume?: boolean | string;
  continue?: boolean;
  log?: string;
  progress: boolean;
  json?: boolean;
  queue?: string;
  workers: string;
  attempts: string;
}

export function register(program: Command): void {
  const cmd = addCountiesOption(
    addLevelOptions(
      addSiteFilterOptions(
        program
          .command('crawl')
          .description('collect: crawl the portals, detect indicators, store everything in SQLite (safe under cron)'),
      ),
      'portals',
    ),
  )
    .option('--limit <n>', 'only the first n matching sites')
    .option('--config <file>', 'config JSON (crawl budgets, politeness, thresholds)')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--resume [run]', 'continue the newest unfinished crawl run (or the given run id) with its stored config')
    .option('--continue', 'for cron: resume the unfinished crawl run if there is one, else start a new run')
    .option('--log <file>', 'JSON-lines log file (default output/logs/crawl-DATE.log)')
    .option('--no-progress', 'no progress output')
    .option('--json', 'print the outcome as JSON')
    .option(
      '--queue <redis-url>',
      'hand the sites to `govscan worker` processes through this Redis (BullMQ) and store what they send back; "local" starts a Redis and workers here',
    )
    .option('--workers <n>', 'with --queue local: worker processes to start', '2')
    .option(
      '--attempts <n>',
      'with --queue: tries per site before it is stored with status error',
      String(DEFAULT_ATTEMPTS),
    );
  addNetworkOptions(cmd).addHelpText(
    'after',
    '\nExit codes: 0 done, 2 bad input (registry/config/usage), 3 another run holds the lock, 4 interrupted (resume with --resume).\n' +
      'Unreachable or blocked sites are results, not errors: they are stored with their terminal status.',
  );
  cmd.action(
    action(async (opts: CrawlOpts) => {
      const level = checkedLevel(opts);
      const config = await checkedConfigFrom(opts); // proxy, CA files, resolver: before any lock or run
      const registry = loadLevel(level, { registry: opts.registry, counties: opts.counties }); // validated before any request
      let sites = filterLocalities(registry, opts);
      if (opts.limit !== undefined) {
        const n = Number(opts.limit);
        if (!Number.isInteger(n) || n < 1)
          throw new UsageError(`--limit must be a positive whole number (got "${opts.limit}")`);
        sites = sites.slice(0, n);
      }
      if (opts.continue && opts.resume !== undefined) throw new UsageError('use either --resume or --continue');
      const resume = opts.continue
        ? 'auto'
        : opts.resume === undefined
          ? undefined
          : opts.resume === true
            ? true
            : Number(opts.resume);
      if (typeof resume === 'number' && !Number.isInteger(resume))
        throw new UsageError(`--resume takes a run id (got "${opts.resume}")`);
      if (!resume && !sites.length) throw new UsageError('no site matches the filters');
      const queueUrl = opts.queue === undefined ? undefined : redisUrl(opts.queue);
      const attempts = positiveNumber('--attempts', opts.attempts, true);
      const local =
        queueUrl === 'local' ? await startLocalQueue(positiveNumber('--workers', opts.workers, true)) : undefined;
      const r = await runCollection({
        dbFile: opts.db,
        kind: 'crawl',
        config,
        sites,
        resume,
        logFile: opts.log,
        showProgress: opts.progress,
        options: {
          filters: {
            province: opts.province,
            kind: opts.kind,
            code: opts.code,
            name: opts.name,
            limit: opts.limit,
            ...(level !== 'prefecture' ? { level } : {}),
            ...(opts.prefecture ? { prefecture: opts.prefecture } : {}),
          },
          proxy: opts.proxy,
          ...(queueUrl ? { queue: queueUrl === 'local' ? 'local' : 'redis' } : {}),
        },
        ...(queueUrl ? { queue: { url: local?.url ?? queueUrl, attempts } } : {}),
      }).finally(() => local?.stop());
      r.db.close();
      const summary = {
        run: r.runId,
        sites: r.total,
        collectedNow: r.collected,
        collectedBefore: r.resumedPast,
        statuses: r.statuses,
        interrupted: r.interrupted,
        pages: r.pages,
        stageMs: r.stageMs,
        db: opts.db,
      };
      if (opts.json) printJson(summary);
      else
        process.stderr.write(
          `run ${r.runId}: ${r.collected + r.resumedPast}/${r.total} sites stored in ${opts.db} ` +
            `(${
              Object.entries(r.statuses)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ') || 'nothing new'
            })` +
            (r.interrupted ? ` — interrupted; continue with: govscan crawl --resume ${r.runId}\n` : '\n'),
        );
      return r.exitCode;
    }),
  );
}
