import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import type { Command } from 'commander';
import { SITES_QUEUE } from '../../queue/names.js';
import { DEFAULT_LEASE_MS, DEFAULT_STALLED_CHECK_MS, runWorker } from '../../queue/worker.js';
import { fileLogger } from '../../util/log.js';
import { interruptScope } from '../../util/signals.js';
import { action, EXIT, OUTPUT_DIR, UsageError } from '../common.js';
import { positiveNumber, redisUrl } from '../queue-options.js';

interface WorkerOpts {
  queue: string;
  concurrency: string;
  leaseSecs: string;
  stalledCheckSecs: string;
  log?: string;
  quiet?: boolean;
}

export function register(program: Command): void {
  program
    .command('worker')
    .description(`take site jobs from the queue (${SITES_QUEUE} on Redis), crawl them, send their artifacts back`)
    .requiredOption('--queue <redis-url>', 'the Redis server of the queue, e.g. redis://host:6379')
    .option('--concurrency <n>', 'sites crawled at once by this worker', '96')
    .option(
      '--lease-secs <s>',
      'a site stays locked this long without renewal before another worker may take it (worker killed)',
      String(DEFAULT_LEASE_MS / 1000),
    )
    .option(
      '--stalled-check-secs <s>',
      'how often to look for sites of dead workers',
      String(DEFAULT_STALLED_CHECK_MS / 1000),
    )
    .option('--log <file>', 'JSON-lines log file (default output/logs/worker-DATE.log)')
    .option('--quiet', 'no line per site on stderr')
    .addHelpText(
      'after',
      '\nRuns until SIGINT/SIGTERM: then the sites in flight go back to the queue for another worker, and it exits 0.\n' +
        'A site whose worker is killed (kill -9) is taken by another worker within lease + stalled check.',
    )
    .action(
      action(async (opts: WorkerOpts) => {
        const url = redisUrl(opts.queue);
        if (url === 'local')
          throw new UsageError('a worker needs the URL of a running Redis (--queue local is for crawl)');
        const concurrency = positiveNumber('--concurrency', opts.concurrency, true);
        const leaseMs = positiveNumber('--lease-secs', opts.leaseSecs) * 1000;
        const stalledCheckMs = positiveNumber('--stalled-check-secs', opts.stalledCheckSecs) * 1000;
        const log = fileLogger(
          opts.log ?? join(OUTPUT_DIR, 'logs', `worker-${new Date().toISOString().slice(0, 10)}.log`),
        );
        const interrupt = interruptScope({
          stopping: 'the sites in flight go back to the queue',
          onForce: () => 'sites in flight are taken by another worker when their lease ends',
        });
        setMaxListeners(0, interrupt.signal);
        try {
          process.stderr.write(
            `worker: ${SITES_QUEUE} on ${url.replace(/\/\/[^@/]*@/, '//…@')}, ${concurrency} sites at once\n`,
          );
          const r = await runWorker({
            redisUrl: url,
            concurrency,
            leaseMs,
            stalledCheckMs,
            signal: interrupt.signal,
            log,
            onSiteDone: (s) => {
              if (!opts.quiet)
                process.stderr.write(`worker: ${s.code} ${s.status} (${Math.round(s.bytes / 1024)} KiB)\n`);
            },
          });
          process.stderr.write(`worker: stopped after ${r.sites} site(s)\n`);
          return EXIT.ok;
        } finally {
          interrupt.dispose();
        }
      }),
    );
}
