import type { Command } from 'commander';
import { valueSummary } from '../../export/summary.js';
import { diffRuns, type RunDiff, resolveRun, weightsFor } from '../../scoring/index.js';
import { guardDb } from '../../store/errors.js';
import { action, configFrom, DEFAULT_DB, printJson, UsageError } from '../common.js';
import { asUsage, openExistingDb, parseRunId } from './scoring-common.js';

export function register(program: Command): void {
  program
    .command('diff')
    .description('what changed per site between two runs: indicators, scores, tiers, sites added/removed')
    .argument('<runA>', 'older run id')
    .argument('<runB>', 'newer run id')
    .option(
      '--weights <file>',
      'scoring weights JSON used for both runs (default: config `scoring`, else the built-in weights)',
    )
    .option('--config <file>', 'config JSON (for its `scoring` entry)')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--json', 'print JSON')
    .action(
      action((a: string, b: string, opts: { db: string; weights?: string; config?: string; json?: boolean }) => {
        const idA = parseRunId(a, '<runA>')!;
        const idB = parseRunId(b, '<runB>')!;
        // A run against itself has nothing to show: almost always a typo for two different ids.
        if (idA === idB)
          throw new UsageError(`diff compares two different runs (got run ${idA} twice); list runs with: govscan runs`);
        const db = openExistingDb(opts.db);
        try {
          const runA = asUsage(() => resolveRun(db, idA), opts.db).id;
          const runB = asUsage(() => resolveRun(db, idB), opts.db).id;
          const weights = asUsage(() =>
            weightsFor(opts.weights, opts.config ? configFrom({ config: opts.config }) : undefined),
          );
          const d = guardDb(opts.db, `comparing runs ${runA} and ${runB}`, true, () =>
            diffRuns(db, runA, runB, weights),
          );
          if (opts.json) return printJson(d);
          process.stdout.write(formatDiff(d));
        } finally {
          db.close();
        }
      }),
    );
}

const signed = (x: number): string => `${x > 0 ? '+' : ''}${x}`;
const n = (x: number | string | null | undefined): string => (x === null || x === undefined ? '—' : String(x));
const side = (x: { status: string; value?: unknown } | null, id: string): string =>
  x ? `${x.status}${x.value !== undefined ? ` (${valueSummary(id, x.value as never, 60)})` : ''}` : '(none)';

export function formatDiff(d: RunDiff): string {
  const out: string[] = [`run ${d.runA} → run ${d.runB} · weights ${d.configHash.slice(0, 12)}`];
  for (const s of d.added) out.push(`+ ${s.code} ${s.name} (${s.province}): only in run ${d.runB}`);
  for (const s of d.removed) out.push(`- ${s.code} ${s.name} (${s.province}): only in run ${d.runA}`);
  for (const c of d.changed) {
    const head = [`~ ${c.code} ${c.name} (${c.province})`];
    if (c.siteStatus) head.push(`status ${c.siteStatus.from} → ${c.siteStatus.to}`);
    if (c.total)
      head.push(
        `total ${n(c.total.from)} → ${n(c.total.to)}${c.total.delta !== null ? ` (${c.total.delta > 0 ? '+' : ''}${c.total.delta})` : ''}`,
      );
    if (c.tier) head.push(`tier ${n(c.tier.from)} → ${n(c.tier.to)}`);
    if (c.rank) head.push(`rank ${n(c.rank.from)} → ${n(c.rank.to)}`);
    out.push(head.join(' · '));
    if (c.parts?.length) out.push(`    moved by: ${c.parts.map((p) => `${p.name} ${signed(p.delta)}`).join(', ')}`);
    for (const i of c.indicators) out.push(`    ${i.id}: ${side(i.from, i.id)} → ${side(i.to, i.id)}`);
  }
  out.push(
    `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchanged} unchanged`,
  );
  const s = d.shift;
  if (s.sites && s.meanTotalDelta !== 0)
    out.push(
      `mean total shift over ${s.sites} sites scored in both: ${signed(s.meanTotalDelta)} (${s.parts.map((p) => `${p.name} ${signed(p.meanDelta)}`).join(', ')})`,
    );
  return `${out.join('\n')}\n`;
}
