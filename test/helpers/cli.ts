// Run govscan commands in-process: spawning the bin (tsx) per call is slow on a busy 2-core machine.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

/** The govscan bin, for tests that spawn it. */
export const CLI_BIN = fileURLToPath(new URL('../../src/cli/govscan.mjs', import.meta.url));

/**
 * Spawn the govscan bin without blocking this event loop (a test server may serve from it) and
 * collect its output. With `timeoutMs`, a run that has not ended by then is killed (a hang guard).
 */
export function spawnCli(
  args: string[],
  timeoutMs?: number,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const guard = timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(guard);
      resolve({ status, stdout, stderr });
    });
  });
}
