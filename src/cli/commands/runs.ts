import type { Command } from 'commander';
import { scoredConfigs } from '../../scoring/index.js';
import { type Db, listRuns } from '../../store/db.js';
import { guardDb } from '../../store/errors.js';
import { vantageOf } from '../../store/runs.js';
import { finishedSiteCount } from '../../store/sites.js';
import { action, DEFAULT_DB, printJson } from '../common.js';
import { openExistingDb } from './scoring-common.js';

export function register(program: Command): void {
  program
    .command('runs')
    .description(
      'list the runs in the database (id, kind, state, time, sites, config and scoring hashes, and where each ran from: vantage, resolver, allow-list header, User-Agent)',
    )
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(
      action((opts: { db: string; json?: boolean }) => {
        const db = openExistingDb(opts.db);
        try {
          const runs = guardDb(opts.db, 'listing its runs', true, () => listRunSummaries(db));
          if (opts.json) return printJson(runs);
          process.stdout.write(
            `${['id', 'kind', 'state', 'started', 'finished', 'sites', 'config', 'scored with', 'vantage', 'resolver', 'allow-list header', 'user agent'].join('\t')}\n`,
          );
          for (const r of runs)
            process.stdout.write(
              `${[
                r.id,
                r.kind,
                r.state,
                r.startedAt,
                r.finishedAt ?? '—',
                `${r.sitesDone}/${r.sitesPlanned}`,
                r.configHash.slice(0, 12),
                r.scoredWith.map((h) => h.slice(0, 12)).join(',') || '—',
                // Runs stored before vantage was recorded show "—" (not recorded), never a guess.
                r.vantage?.vantage ?? '—',
                r.vantage?.resolver ?? '—',
                r.vantage ? (r.vantage.allowListHeader ?? 'none') : '—',
                r.vantage?.userAgent ?? '—',
              ].join('\t')}\n`,
            );
          process.stderr.write(
            runs.length
              ? `${runs.length} runs\n`
              : `no runs in ${opts.db} yet: run \`govscan crawl\` or \`govscan check\`\n`,
          );
        } finally {
          db.close();
        }
      }),
    );
}

function listRunSummaries(db: Db) {
  return listRuns(db).map((r) => ({
    id: r.id,
    kind: r.kind,
    state: r.state,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    sitesPlanned: (JSON.parse(r.site_codes) as string[]).length,
    sitesDone: finishedSiteCount(db, r.id),
    configHash: r.config_hash,
    toolVersion: r.tool_version,
    note: r.note,
    scoredWith: scoredConfigs(db, r.id).map((c) => c.hash),
    vantage: vantageOf(r),
  }));
}
