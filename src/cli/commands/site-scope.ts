import type { Command } from 'commander';
import { DEFAULT_DB } from '../common.js';

/** The options that say which sites a read command (score, export, report) covers, worded once. */
export function withSiteScope(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option(
      '--level <level>',
      'sites of this level: prefecture | county | all (ranks are always within a level)',
      'prefecture',
    )
    .option('--prefecture <code>', 'only this prefecture-level unit (6-digit code) and its counties')
    .option('--province <name>', 'only sites of this province (substring, e.g. 四川)');
}
