import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { exportBundle, readBundle, replayBundle, replaySite, type ReplayOutcome } from '../../pipeline/replay.js';
import { parseSiteQuery, siteKey } from '../../registry/site-query.js';
import { getRun, openDb, type Db } from '../../store/db.js';
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

/**
 * The stored code of <site> in a run: the code as given (a registry code, or an ad-hoc code such
 * as adhoc:www.example.gov.cn), else a URL matched against the portal URLs of the run's sites
 * (normalised as `govscan check` does: scheme and trailing slash ignored).
 */
function siteCode(db: Db, run: number, site: string): string {
  const stored = (code: string) => !!db.prepare('SELECT 1 FROM site_runs WHERE run_id = ? AND code = ?').get(run, code);
  if (stored(site)) return site;
  let url: URL | undefined;
  try {
    const q = parseSiteQuery(site);
    if (q.by === 'url') url = q.url;
  } catch {
    /* not a URL: fall through to the usual "no stored site" error */
  }
  if (url) {
    const key = siteKey(url);
    const rows = db
      .prepare('SELECT s.code, s.portal_url FROM site_runs sr JOIN sites s ON s.code = sr.code WHERE sr.run_id = ?')
      .all(run) as { code: string; portal_url: string }[];
    const hit = rows.find((r) => {
      try {
        return siteKey(new URL(r.portal_url)) === key;
      } catch {
        return false;
      }
    });
    if (hit) return hit.code;
  }
  if (!getRun(db, run)) throw new UsageError(`no run ${run} in the database; list runs with: govscan runs`);
  const codes = (db.prepare('SELECT code FROM site_runs WHERE run_id = ? ORDER BY code').all(run) as { code: string }[]).map((r) => r.code);
  throw new UsageError(
    `run ${run} has no stored site "${site}"` +
      (codes.length && codes.length <= 5 ? `; its sites: ${codes.join(', ')}` : codes.length ? ` (it has ${codes.length} sites)` : ' (it has no finished sites)'),
  );
}

/** A file name from a site code: ad-hoc codes carry ':' and may carry '/', '?' … */
const fileSafe = (code: string): string => code.replace(/[^\w.-]+/g, '_');

export function register(program: Command): void {
  program
    .command('replay [run] [site]')
    .addHelpText('after', '\n<site> is the stored site code (510100, or adhoc:<host>[/path] for a site checked by URL) or its portal URL.')
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
          const id = runId(run);
          return report(replaySite(db, id, siteCode(db, id, site)), opts.json);
        } finally {
          db.close();
        }
      }),
    );

  program
    .command('bundle <run> <site>')
    .description("export one site's evidence bundle (artifacts, snapshots, results, config) as one file that replays anywhere")
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('-o, --out <file>', 'output file (default <site>-run<run>.govscan.json.gz, with : / ? … in the code as _)')
    .action(
      action((run: string, site: string, opts: { db: string; out?: string }) => {
        const db = openDb(opts.db);
        try {
          const id = runId(run);
          const code = siteCode(db, id, site);
          const out = opts.out ?? `${fileSafe(code)}-run${id}.govscan.json.gz`;
          writeFileSync(out, exportBundle(db, id, code));
          process.stderr.write(`wrote ${out}; replay with: govscan replay --bundle ${out}\n`);
        } finally {
          db.close();
        }
      }),
    );
}
