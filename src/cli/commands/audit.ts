import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AuditInputError, runAuditStage } from '../../audit/stage.js';
import { openDb, setRunState } from '../../store/db.js';
import { acquireLock } from '../../util/lock.js';
import { interruptScope } from '../../util/signals.js';
import { action, addNetworkOptions, DEFAULT_DB, EXIT, type NetworkOptions, printJson, UsageError } from '../common.js';
import { checkedConfigFrom } from '../preflight.js';
import { progress } from '../progress.js';

interface AuditOpts extends NetworkOptions {
  run?: string;
  site?: string[];
  limit?: string;
  resume?: boolean;
  continue?: boolean;
  lighthouse: boolean;
  axe: boolean;
  verify: boolean;
  config?: string;
  db: string;
  progress: boolean;
  json?: boolean;
}

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

export function register(program: Command): void {
  const cmd = program
    .command('audit')
    .description(
      'browser audit of a crawl run: Lighthouse, axe, and verifying 无障碍/关怀版/智能问答/search by using them',
    )
    .option('--run <id>', 'crawl run to audit (default: the newest finished crawl or check run)')
    .option('--site <code...>', 'only these site codes')
    .option('--limit <n>', 'only the first n reachable sites of the crawl run')
    .option('--resume', 'continue the newest unfinished audit run, skipping sites it finished')
    .option('--continue', 'for cron: continue the unfinished audit run if there is one, else start a new one')
    .option('--no-lighthouse', 'skip Lighthouse')
    .option('--no-axe', 'skip axe-core')
    .option('--no-verify', 'skip verification by acting')
    .option('--config <file>', 'config JSON (audit timeouts, question, search query …)')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--no-progress', 'no progress output')
    .option('--json', 'print the outcome as JSON');
  addNetworkOptions(cmd).addHelpText(
    'after',
    '\nOne Lighthouse audit at a time on the machine; expect ~10-20 s per site for Lighthouse and as much again for verification.\n' +
      "The audit is its own run: the crawl run is not changed. Its indicators are detected again from the crawl's\n" +
      'snapshots plus what the browser verified, stored under the audit run; score, export and report use them.\n' +
      "A step that fails on a site (Lighthouse timeout, page not loading) is stored as that site's result, not an error.\n" +
      'Exit codes: 0 done, 2 bad input, 3 another audit holds the lock, 4 interrupted (continue with --resume).',
  );
  cmd.action(
    action(async (opts: AuditOpts) => {
      const config = await checkedConfigFrom(opts); // proxy, CA files, resolver: before any lock or run
      const crawlRunId = opts.run === undefined ? undefined : Number(opts.run);
      if (crawlRunId !== undefined && !Number.isInteger(crawlRunId))
        throw new UsageError(`--run takes a run id (got "${opts.run}")`);
      if (opts.continue && opts.resume) throw new UsageError('use either --resume or --continue');
      const limit = opts.limit === undefined ? undefined : Number(opts.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
        throw new UsageError(`--limit must be a positive whole number (got "${opts.limit}")`);
      const release = acquireLock(`${opts.db}.audit.lock`); // LockHeldError → exit 3 (common.ts)
      const db = openDb(opts.db);
      let auditRunId: number | undefined;
      const interrupt = interruptScope({
        stopping: 'the sites in flight are dropped; continue with govscan audit --resume',
        onForce: () => {
          if (auditRunId !== undefined) setRunState(db, auditRunId, 'interrupted');
          release();
          return `${auditRunId !== undefined ? `audit run ${auditRunId} marked interrupted in ${opts.db}, ` : ''}lock ${opts.db}.audit.lock released`;
        },
      });
      let bar: ReturnType<typeof progress> | undefined;
      try {
        const r = await runAuditStage(db, config, {
          crawlRunId,
          sites: opts.site,
          limit,
          resume: opts.continue ? 'auto' : opts.resume,
          lighthouse: opts.lighthouse,
          axe: opts.axe,
          verify: opts.verify,
          toolVersion: pkg.version,
          signal: interrupt.signal,
          onStart: (s) => {
            auditRunId = s.auditRunId;
            bar = progress(`audit run ${s.auditRunId} (crawl run ${s.crawlRunId})`, s.total, opts.progress);
            bar.update(s.alreadyDone, s.alreadyDone ? `${s.alreadyDone} done before` : '');
          },
          onSite: (s) => bar?.update(s.done, s.note),
        }).catch((e: unknown) => {
          throw e instanceof AuditInputError ? new UsageError(e.message) : e;
        });
        bar?.stop();
        if (opts.json) printJson({ ...r, db: opts.db });
        else
          process.stderr.write(
            `audit run ${r.auditRunId} of crawl run ${r.crawlRunId}: ${r.audited + r.alreadyDone}/${r.total} sites` +
              `${r.withErrors ? `, ${r.withErrors} with a failed step` : ''}` +
              (r.interrupted ? ' — interrupted; continue with: govscan audit --resume\n' : '\n'),
          );
        return r.interrupted ? EXIT.interrupted : EXIT.ok;
      } finally {
        bar?.stop();
        interrupt.dispose();
        db.close();
        release();
      }
    }),
  );
}
