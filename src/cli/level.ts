/**
 * `--level prefecture|county|all` and `--prefecture <code>`: which registry the site commands go
 * over (sites, crawl) and which sites of a run the read commands show (score, export, report).
 * The default, `prefecture`, is the 337 localities: today's behaviour.
 */
import type { Command } from 'commander';
import { DEFAULT_COUNTIES } from '../registry/counties.js';
import { inLevel } from '../registry/levels.js';
import { LEVEL_CHOICES, type LevelChoice, type LocalityKind } from '../types.js';
import { UsageError } from './common.js';

export interface LevelOptions {
  level: string;
  prefecture?: string;
}

export function addLevelOptions(cmd: Command, what = 'sites', note = ''): Command {
  return cmd
    .option('--level <level>', `${what} of this level: ${LEVEL_CHOICES.join(' | ')}${note}`, 'prefecture')
    .option('--prefecture <code>', 'only this prefecture-level unit (6-digit code) and its counties');
}

/** --counties: the county registry file beside --registry (commands that read the registry). */
export function addCountiesOption(cmd: Command): Command {
  return cmd.option('--counties <file>', 'county registry CSV (for --level county|all)', DEFAULT_COUNTIES);
}

export function checkedLevel(opts: LevelOptions): LevelChoice {
  if (!(LEVEL_CHOICES as readonly string[]).includes(opts.level))
    throw new UsageError(`--level must be one of ${LEVEL_CHOICES.join(', ')} (got "${opts.level}")`);
  if (opts.prefecture !== undefined && !/^\d{6}$/.test(opts.prefecture))
    throw new UsageError(`--prefecture takes a 6-digit prefecture-level code, e.g. 330100 (got "${opts.prefecture}")`);
  return opts.level as LevelChoice;
}

/** Sites of a run that the read commands show for these options. */
export function selectLevel<T extends { kind: LocalityKind; code: string; prefectureCode?: string }>(
  sites: T[],
  opts: LevelOptions,
): T[] {
  const level = checkedLevel(opts);
  return sites.filter(
    (s) =>
      inLevel(s.kind, level) &&
      (!opts.prefecture || s.code === opts.prefecture || s.prefectureCode === opts.prefecture),
  );
}
