// The command list, in the order `govscan --help` shows them.
import type { Command } from 'commander';
import { register as sites } from './sites.js';

export const COMMANDS: ((program: Command) => void)[] = [sites];
