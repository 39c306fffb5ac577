// Run govscan commands in-process: spawning the bin (tsx) per call is slow on a busy 2-core machine.
import { Command } from 'commander';
import { vi } from 'vitest';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Registers a command (or a group of them) on the program, as src/cli/commands/*.ts export it. */
export type Register = (program: Command) => void;

/**
 * Build a `govscan` program with the given commands, run `args` on it and return the exit status
 * (process.exitCode, reset to 0 afterwards) and everything written to stdout and stderr meanwhile.
 */
export async function runCli(registers: Register[], args: string[]): Promise<CliResult> {
  const program = new Command('govscan').exitOverride();
  for (const register of registers) register(program);
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    stdout += String(c);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    stderr += String(c);
    return true;
  });
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'govscan', ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const status = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { status, stdout, stderr };
}
