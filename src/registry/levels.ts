/** Which registry level a site belongs to, and the level filter of sites/crawl/score/export/report. */
import { COUNTY_KINDS, type Level, type LevelChoice, type LocalityKind } from '../types.js';

/** A site's level follows from its kind (the two registries' kinds do not overlap); ad-hoc sites have none. */
export function levelOf(kind: LocalityKind): Level | 'adhoc' {
  if (kind === 'adhoc') return 'adhoc';
  return (COUNTY_KINDS as readonly string[]).includes(kind) ? 'county' : 'prefecture';
}

export const LEVEL_ZH: Record<Level | 'adhoc', string> = { prefecture: '地市级', county: '县级', adhoc: '名录外' };

/**
 * Sites of the chosen level. Ad-hoc sites belong to no level and pass every choice, so the
 * default (`prefecture`) keeps today's output of a `govscan check <url>` run.
 */
export function inLevel(kind: LocalityKind, choice: LevelChoice): boolean {
  const l = levelOf(kind);
  return choice === 'all' || l === 'adhoc' || l === choice;
}
