// The command list, in the order `govscan --help` shows them.
import type { Command } from 'commander';
import { register as sites } from './sites.js';
import { register as crawl } from './crawl.js';
import { register as check } from './check.js';
import { register as replay } from './replay.js';
import { register as demo } from './demo.js';
import { register as evaluate } from './eval.js';
import { register as bench } from './bench.js';
import { register as fixtures } from './fixtures.js';
import { register as audit } from './audit.js';
import { register as analyze } from './analyze.js';
import { register as score } from './score.js';
import { register as exportTables } from './export.js';
import { register as report } from './report.js';
import { register as runs } from './runs.js';
import { register as diff } from './diff.js';

export const COMMANDS: ((program: Command) => void)[] = [sites, crawl, check, analyze, score, exportTables, report, runs, diff, replay, audit, fixtures, demo, evaluate, bench];
