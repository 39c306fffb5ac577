/**
 * govscan's command line (commander). Each command lives in ./commands/ and registers itself;
 * this file only assembles them.
 */

import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { COMMANDS } from './commands/index.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('govscan')
  .description(
    "Measure the internet service capability of China's local government portals:\n" +
      'crawl → evidence → indicators → SQLite → scores → tables and report.',
  )
  .version(pkg.version)
  .showHelpAfterError('(run with --help for usage)')
  .configureHelp({ sortSubcommands: false });

// `govscan sites | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// Load only the command being run; for the overview (`govscan`, `--help`) list them by summary.
const args = process.argv.slice(2);
const wanted = args[0] === 'help' ? args[1] : args.find((a) => !a.startsWith('-'));
const entry = COMMANDS.find((c) => c.name === wanted);
if (entry) (await entry.load())(program);
else for (const c of COMMANDS) program.command(c.name).description(c.summary);

program.exitOverride((err) => {
  // commander's own usage errors (unknown option, missing argument) → exit 2; --help/--version → 0.
  process.exit(err.exitCode === 0 ? 0 : 2);
});

await program.parseAsync(process.argv);
