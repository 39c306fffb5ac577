import type { Command } from 'commander';
import { LEVEL_ZH, levelOf } from '../../registry/levels.js';
import { checkStoredScores, resolveRun, type SiteScore } from '../../scoring/index.js';
import { guardDb } from '../../store/errors.js';
import { action, DEFAULT_DB, EXIT, printJson } from '../common.js';
import { asUsage, loadScored, openExistingDb, parseRunId, type ScoringOptions, shownIn } from './scoring-common.js';
import { withSiteScope } from './site-scope.js';

export function register(program: Command): void {
  withSiteScope(program.command('score'))
    .description('score a run (default: the newest finished crawl) with a weights file, store and print the ranking')
    .option('--run <id>', 'run id (see `govscan runs`)')
    .option(
      '--weights <file>',
      'scoring weights JSON (default: config `scoring`, else src/scoring/weights.default.json)',
    )
    .option('--config <file>', 'config JSON (for its `scoring` entry)')
    .option('--limit <n>', 'print only the first n sites', (v) => Number(v))
    .option(
      '--check',
      're-score with every stored config of the run and compare with the stored scores (exit 1 if any differ)',
    )
    .option('--json', 'print the full scores as JSON')
    .action(
      action((opts: ScoringOptions & { province?: string; json?: boolean; limit?: number; check?: boolean }) => {
        if (opts.check) return checkRun(opts);
        const { db, run, scores: all } = loadScored(opts, { store: true });
        // Ranks stay those of the whole level: --province only chooses the rows shown.
        const scores = { ...all, sites: shownIn(all.sites, opts.province) };
        db.close();
        if (opts.json) return printJson(scores);
        const w = scores.weights;
        process.stdout.write(
          `run ${run.id} (${run.kind}, ${run.state}, ${run.started_at}) · weights "${w.name}" ${scores.configHash.slice(0, 12)}\n`,
        );
        process.stdout.write(
          `${[
            'rank',
            'prov',
            'total',
            'tier',
            ...w.dimensions.map((d) => d.name),
            'cover',
            'code',
            'name',
            'province',
            'flags',
          ].join('\t')}\n`,
        );
        const shown = opts.limit && opts.limit > 0 ? scores.sites.slice(0, opts.limit) : scores.sites;
        let level: string | undefined;
        for (const s of shown) {
          // Under --level county|all, each level is its own ranking: say where one starts.
          if ((opts.level ?? 'prefecture') !== 'prefecture' && levelOf(s.kind) !== level) {
            level = levelOf(s.kind);
            process.stdout.write(`# ${LEVEL_ZH[level as keyof typeof LEVEL_ZH]} (${level})\n`);
          }
          process.stdout.write(
            `${summaryLine(
              s,
              w.dimensions.map((d) => d.id),
            )}\n`,
          );
        }
        const scored = scores.sites.filter((s) => s.scored);
        const tiers = w.tiers.levels.map((l) => `${l.name} ${scores.sites.filter((s) => s.tier === l.name).length}`);
        process.stderr.write(
          `${scores.sites.length} sites: ${scored.length} scored, ${scores.sites.length - scored.length} without score (homepage not fetched), ` +
            `${scored.filter((s) => s.flags.includes('incomplete')).length} incomplete · ${tiers.join(' · ')}\n`,
        );
      }),
    );
}

/** --check: does re-scoring with the stored configs reproduce the stored numbers? */
function checkRun(opts: ScoringOptions & { json?: boolean }): number {
  const db = openExistingDb(opts.db);
  try {
    const run = asUsage(() => resolveRun(db, parseRunId(opts.run)), opts.db);
    const checks = guardDb(opts.db ?? DEFAULT_DB, `checking the stored scores of run ${run.id}`, true, () =>
      checkStoredScores(db, run.id),
    );
    if (opts.json) printJson({ run: run.id, checks });
    else {
      if (!checks.length)
        process.stdout.write(`run ${run.id} has no stored scores: run \`govscan score --run ${run.id}\` first\n`);
      for (const c of checks)
        process.stdout.write(
          `${c.same ? 'reproduced' : 'DIFFERS'}\t${c.hash.slice(0, 12)}\t${c.name}${c.same ? '' : `\t${c.differing.length} sites differ: ${c.differing.slice(0, 10).join(', ')}`}\n`,
        );
    }
    return checks.length && checks.every((c) => c.same) ? EXIT.ok : EXIT.failed;
  } finally {
    db.close();
  }
}

const fmt = (x: number | null): string => (x === null ? '—' : x.toFixed(2));

export function summaryLine(s: SiteScore, dimensionIds: string[]): string {
  return [
    s.nationalRank ?? '—',
    s.provincialRank ?? '—',
    s.scored ? fmt(s.total) : 'no score',
    s.tier ?? '—',
    ...dimensionIds.map((id) => fmt(s.dimensions.find((d) => d.id === id)?.points ?? null)),
    s.scored ? `${Math.round(s.coverage * 100)}%` : '—',
    s.code,
    s.name,
    s.province,
    [s.scored ? s.flags.join(',') : (s.noScoreReason ?? ''), s.urlFlag ? `url_${s.urlFlag}` : '']
      .filter(Boolean)
      .join(','),
  ].join('\t');
}
