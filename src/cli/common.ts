/**
 * What every command shares: default paths, exit codes, JSON output, and turning
 * known errors (bad registry, bad config, usage) into one clear line and an exit code.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { RegistryError } from '../registry/registry.js';
import { DatabaseError } from '../store/errors.js';
import { LockHeldError } from '../util/lock.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUTPUT_DIR = process.env.GOVSCAN_OUTPUT ?? join(REPO_ROOT, 'output');
export const DEFAULT_DB = join(OUTPUT_DIR, 'govscan.db');

export const EXIT = {
  ok: 0,
  /** The job ran but its result is a failure (e.g. eval below threshold, some sites failed with --strict). */
  failed: 1,
  /** Bad input: usage, registry, config, file not found. Nothing was done. */
  badInput: 2,
  /** Another run holds the lock. */
  locked: 3,
  /** Interrupted (SIGINT/SIGTERM); the run can be resumed. */
  interrupted: 4,
} as const;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Options every data command understands. */
export interface CommonOptions {
  db?: string;
  config?: string;
  json?: boolean;
}

/** Network routing flags shared by every command that makes requests. */
export interface NetworkOptions {
  proxy?: string;
  caFile?: string[];
  resolver?: string;
  allowPrivate?: boolean;
}

export function addNetworkOptions(cmd: Command): Command {
  return cmd
    .option('--proxy <url>', 'send every request through this HTTP proxy (e.g. the fixture world)')
    .option('--ca-file <pem...>', 'extra CA certificates trusted when judging TLS validity')
    .option('--resolver <host:port>', 'DNS server for the DNS/IPv6 probes (default: system resolver)')
    .option('--allow-private', 'allow requests to loopback/private addresses (refused by default)');
}

export function configFrom(opts: CommonOptions & NetworkOptions): Config {
  return loadConfig(opts.config, {
    network: {
      proxy: opts.proxy,
      extraCaFiles: opts.caFile,
      resolver: opts.resolver,
      allowPrivateNetworks: opts.allowPrivate,
    },
  });
}

export function printJson(data: unknown): void {
  process.stdout.write(JSON.stringify(data, null, 2) + '\n');
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof LockHeldError) return EXIT.locked;
  if (err instanceof RegistryError || err instanceof ConfigError || err instanceof UsageError) return EXIT.badInput;
  if (err instanceof DatabaseError) return err.unusableInput ? EXIT.badInput : EXIT.failed;
  return EXIT.failed;
}

/** Wrap a command action: known errors become a one-line message (no stack) and an exit code. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void> | number | void) {
  return async (...args: A): Promise<void> => {
    try {
      const code = await fn(...args);
      process.exitCode = typeof code === 'number' ? code : EXIT.ok;
    } catch (err) {
      const code = exitCodeFor(err);
      const msg = err instanceof Error ? err.message : String(err);
      process.stderr.write(`govscan: ${msg}\n`);
      if (code === EXIT.failed && process.env.GOVSCAN_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
      process.exitCode = code;
    }
  };
}
