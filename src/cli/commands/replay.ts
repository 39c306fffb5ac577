import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  BundleFormatError,
  type EvidenceBundle,
  makeBundle,
  type ReplayOutcome,
  readBundle,
  replayBundle,
  replaySite,
} from '../../pipeline/replay.js';
import { parseSiteQuery, siteKey } from '../../registry/site-query.js';
import { type Db, getRun, openDb } from '../../store/db.js';
import { guardDb } from '../../store/errors.js';
import { finishedSiteCodes, runSites, siteStored } from '../../store/sites.js';
import { action, DEFAULT_DB, EXIT, printJson, UsageError } from '../common.js';
import { formatResults } from '../format-results.js';

function report(o: ReplayOutcome, json?: boolean, bundle?: string): number {
  const what = `replay of ${o.code}`;
  const of = `run ${o.run}${bundle ? ` (bundle ${bundle})` : ''}`;
  if (json)
    printJson({
      site: o.code,
      run: o.run,
      verdict: o.verdict,
      equal: o.equal,
      differences: o.differences,
      tampered: o.tampered,
      unverified: o.unverified,
      indicators: o.replayed,
    });
  else if (o.verdict === 'tampered')
    process.stdout.write(
      `${what}: TAMPERED, not replayed: ${o.tampered.length} stored item(s) of ${of} fail their hash check:\n${o.tampered.map((t) => `  ${t}`).join('\n')}\n`,
    );
  else {
    process.stdout.write(`${formatResults(o.replayed)}\n`);
    process.stdout.write(
      o.equal
        ? `${what}: identical to the stored results of ${of} (${o.stored.length} indicators; every snapshot matches its hash)\n`
        : `${what}: ${o.differences.length} indicators differ from the stored results of ${of}:\n${o.differences.map((d) => `  ${d}`).join('\n')}\n`,
    );
  }
  if (o.verdict === 'tampered')
    process.stderr.write(`govscan: ${what}: TAMPERED: ${o.tampered.length} item(s) of ${of} fail their hash check\n`);
  if (o.unverified.length)
    process.stderr.write(
      `note: the raw bytes of ${o.unverified.length} page(s) were not stored (written by an older govscan): their text was checked against its own hash only\n`,
    );
  return o.equal ? EXIT.ok : EXIT.failed;
}

const runId = (s: string): number => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`run must be a run id (got "${s}"); list runs with: govscan runs`);
  return n;
};

/**
 * The stored code of <site> in a run: the code as given (a registry code, or an ad-hoc code such
 * as adhoc:www.example.gov.cn), else a URL matched against the portal URLs of the run's sites
 * (normalised as `govscan check` does: scheme and trailing slash ignored).
 */
function siteCode(db: Db, run: number, site: string): string {
  if (siteStored(db, run, site)) return site;
  let url: URL | undefined;
  try {
    const q = parseSiteQuery(site);
    if (q.by === 'url') url = q.url;
  } catch {
    /* not a URL: fall through to the usual "no stored site" error */
  }
  if (url) {
    const key = siteKey(url);
    const rows = runSites(db, run);
    const hit = rows.find((r) => {
      try {
        return siteKey(new URL(r.portal_url)) === key;
      } catch {
        return false;
      }
    });
    if (hit) return hit.code;
  }
  if (!getRun(db, run))
    throw new UsageError(`no run ${run} in ${db.name}; list runs with: govscan runs --db ${db.name}`);
  const codes = [...finishedSiteCodes(db, run)].sort();
  throw new UsageError(
    `run ${run} in ${db.name} has no stored site "${site}"` +
      (codes.length && codes.length <= 5
        ? `; its sites: ${codes.join(', ')}`
        : codes.length
          ? ` (it has ${codes.length} sites)`
          : ' (it has no finished sites)'),
  );
}

/** A file name from a site code: ad-hoc codes carry ':' and may carry '/', '?' … */
const fileSafe = (code: string): string => code.replace(/[^\w.-]+/g, '_');

export function register(program: Command): void {
  program
    .command('replay [run] [site]')
    .addHelpText(
      'after',
      '\n<site> is the stored site code (510100, or adhoc:<host>[/path] for a site checked by URL) or its portal URL.',
    )
    .description(
      're-run detection offline from stored snapshots (or an evidence bundle) and compare with the stored results',
    )
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--bundle <file>', 'replay an evidence bundle file instead of the database')
    .option(
      '--expect-digest <sha256>',
      'with --bundle: the digest `govscan bundle` printed when it made the bundle; a different one is TAMPERED',
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nEvery snapshot (page text, raw bytes, screenshots) and, for a bundle, its whole content is checked against its sha256 first.\n' +
        'Exit codes: 0 identical, 1 differences found or TAMPERED (a hash does not match; nothing is replayed), 2 bad input.',
    )
    .action(
      action(
        (
          run: string | undefined,
          site: string | undefined,
          opts: { db: string; bundle?: string; expectDigest?: string; json?: boolean },
        ) => {
          if (opts.bundle) {
            let data: Buffer;
            try {
              data = readFileSync(opts.bundle);
            } catch (e) {
              throw new UsageError(`cannot read bundle ${opts.bundle}: ${(e as Error).message}`);
            }
            let bundle: EvidenceBundle;
            try {
              bundle = readBundle(data, opts.bundle);
            } catch (e) {
              throw e instanceof BundleFormatError ? new UsageError(e.message) : e;
            }
            return report(
              replayBundle(bundle, { expectDigest: digestOption(opts.expectDigest) }),
              opts.json,
              opts.bundle,
            );
          }
          if (!run || !site) throw new UsageError('give <run> <site>, or --bundle <file>');
          if (opts.expectDigest) throw new UsageError('--expect-digest checks a bundle: use it with --bundle <file>');
          const id = runId(run);
          const db = openDb(opts.db, { mustExist: true });
          try {
            return guardDb(opts.db, `replaying run ${id}`, true, () =>
              report(replaySite(db, id, siteCode(db, id, site)), opts.json),
            );
          } finally {
            db.close();
          }
        },
      ),
    );

  program
    .command('bundle <run> <site>')
    .description(
      "export one site's evidence bundle (artifacts, snapshots, results, config) as one file that replays anywhere",
    )
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('-o, --out <file>', 'output file (default <site>-run<run>.govscan.json.gz, with : / ? … in the code as _)')
    .addHelpText(
      'after',
      '\nThe bundle carries the sha256 of every page text, raw bytes and screenshot, and a digest over its whole content.\n' +
        'The digest is printed on stdout: record it. `govscan replay --bundle FILE --expect-digest DIGEST` then reports any\n' +
        'later change as TAMPERED, even one that recomputed the hashes inside the file. Snapshots that fail their hash\n' +
        'check are not bundled (exit 1).',
    )
    .action(
      action((run: string, site: string, opts: { db: string; out?: string }) => {
        const id = runId(run);
        const db = openDb(opts.db, { mustExist: true });
        try {
          const { code, bundle } = guardDb(opts.db, `bundling run ${id}`, true, () => {
            const code = siteCode(db, id, site);
            return { code, bundle: makeBundle(db, id, code) };
          });
          const out = opts.out ?? `${fileSafe(code)}-run${id}.govscan.json.gz`;
          writeFileSync(out, bundle.data);
          process.stdout.write(`${bundle.digest}\n`);
          process.stderr.write(
            `wrote ${out} (digest sha256 ${bundle.digest}: record it); replay with: govscan replay --bundle ${out} --expect-digest ${bundle.digest}\n`,
          );
        } finally {
          db.close();
        }
      }),
    );
}

function digestOption(v: string | undefined): string | undefined {
  if (v !== undefined && !/^[0-9a-fA-F]{64}$/.test(v))
    throw new UsageError(`--expect-digest must be a sha256 (64 hex digits), got "${v}"`);
  return v;
}
