import type { Command } from 'commander';
import { DEFAULT_DB } from '../common.js';
import { addLevelOptions } from '../level.js';

/** The options that say which sites a read command (score, export, report) covers, worded once. */
export function withSiteScope(cmd: Command): Command {
  return addLevelOptions(
    cmd.option('--db <file>', 'SQLite database', DEFAULT_DB),
    'sites',
    ' (ranks are always within a level)',
  ).option('--province <name>', 'only sites of this province (substring, e.g. 四川)');
}
