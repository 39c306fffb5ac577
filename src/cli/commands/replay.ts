import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { exportBundle, readBundle, replayBundle, replaySite, type ReplayOutcome } from '../../pipeline/replay.js';
import { openDb } from '../../store/db.js';
import { action, DEFAULT_DB, EXIT, printJson, UsageError } from '../common.js';
import { formatResults } from '../format-results.js';

function report(o: ReplayOutcome, json?: boolean): number {
  if (json) printJson({ site: o.code, equal: o.equal, differences: o.differences, indicators: o.replayed });
  else {
    process.stdout.write(formatResults(o.replayed) + '\n');
    process.stdout.write(
      o.equal
        ? `replay of ${o.code}: identical to the stored results (${o.stored.length} indicators)\n`
        : `replay of ${o.code}: ${o.differences.length} indicators differ from the stored results:\n${o.differences.map((d) => `  ${d}`).join('\n')}\n`,
    );
  }
  return o.equal ? EXIT.ok : EXIT.failed;
}

const runId = (s: string): number => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`run must be a run id (got "${s}"); list runs with: govscan runs`);
  return n;
};

export function register(program: Command): void {
  program
    .command('replay [run] [site]')
    .description('re-run detection offline from stored snapshots (or an evidence bundle) and compare with the stored results')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--bundle <file>', 'replay an evidence bundle file instead of the database')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExit codes: 0 identical, 1 differences found, 2 bad input.')
    .action(
      action((run: string | undefined, site: string | undefined, opts: { db: string; bundle?: string; json?: boolean }) => {
        if (opts.bundle) {
          let data: Buffer;
          try {
            data = readFileSync(opts.bundle);
          } catch (e) {
            throw new UsageError(`cannot read bundle ${opts.bundle}: ${(e as Error).message}`);
          }
          return report(replayBundle(readBundle(data, opts.bundle)), opts.json);
        }
        if (!run || !site) throw new UsageError('give <run> <site>, or --bundle <file>');
        const db = openDb(opts.db);
        try {
          return report(replaySite(db, runId(run), site), opts.json);
        } finally {
          db.close();
        }
      }),
    );

  program
    .command('bundle <run> <site>')
    .description("export one site's evidence bundle (artifacts, snapshots, results, config) as one file that replays anywhere")
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('-o, --out <file>', 'output file (default <site>-run<run>.govscan.json.gz)')
    .action(
      action((run: string, site: string, opts: { db: string; out?: string }) => {
        const db = openDb(opts.db);
        try {
          const out = opts.out ?? `${site}-run${runId(run)}.govscan.json.gz`;
          writeFileSync(out, exportBundle(db, runId(run), site));
          process.stderr.write(`wrote ${out}; replay with: govscan replay --bundle ${out}\n`);
        } finally {
          db.close();
        }
      }),
    );
}
