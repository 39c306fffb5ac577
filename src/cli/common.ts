/**
 * What every command shares: default paths, exit codes, JSON output, and turning
 * known errors (bad registry, bad config, usage) into one clear line and an exit code.
 */

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { type Config, ConfigError, loadConfig } from '../config/config.js';
import { DEFAULT_REGISTRY, RegistryError } from '../registry/registry.js';
import { DatabaseError } from '../store/errors.js';
import { REGISTRY_KINDS } from '../types.js';
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

/** The registry filters of the commands that go over many sites (crawl, monitor). */
export function addSiteFilterOptions(cmd: Command): Command {
  return cmd
    .option('--province <name>', 'only this province (substring)')
    .option('--kind <kind>', `only this kind: ${REGISTRY_KINDS.join(' | ')}`)
    .option('--code <prefix>', 'only codes with this prefix')
    .option('--name <text>', 'only names containing this')
    .option('--registry <file>', 'registry CSV', DEFAULT_REGISTRY);
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
  process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof LockHeldError) return EXIT.locked;
  if (err instanceof RegistryError || err instanceof ConfigError || err instanceof UsageError) return EXIT.badInput;
  if (err instanceof DatabaseError) return err.unusableInput ? EXIT.badInput : EXIT.failed;
  return EXIT.failed;
}

/** What `--json` callers get on stdout when a command fails (a program reading stdout gets JSON, always). */
export interface JsonError {
  error: { message: string; exitCode: number; kind: string };
}

export function jsonError(err: unknown, exitCode: number): JsonError {
  const message = err instanceof Error ? err.message : String(err);
  // The error's class says what went wrong (RegistryError, ConfigError, UsageError …), the exit code how bad.
  const kind = err instanceof Error ? err.name : 'Error';
  return { error: { message, exitCode, kind } };
}

/** Report a failed command: one line on stderr for people, and under --json `{"error": …}` on stdout for programs. */
export function reportError(err: unknown, exitCode: number, json: boolean, prefix = 'govscan'): void {
  process.stderr.write(`${prefix}: ${err instanceof Error ? err.message : String(err)}\n`);
  if (json) printJson(jsonError(err, exitCode));
}

/** Commander passes the command last: did the user ask for --json? */
function askedForJson(args: unknown[]): boolean {
  const cmd = args.at(-1) as
    | { opts?: () => Record<string, unknown>; optsWithGlobals?: () => Record<string, unknown> }
    | undefined;
  if (cmd && typeof cmd.opts === 'function') return Boolean((cmd.optsWithGlobals ?? cmd.opts).call(cmd).json);
  return Boolean((args.at(-1) as { json?: unknown } | undefined)?.json);
}

/** Wrap a command action: known errors become a one-line message (no stack) and an exit code; JSON under --json. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<number | undefined> | Promise<void> | number | void,
) {
  return async (...args: A): Promise<void> => {
    try {
      const code = await fn(...args);
      process.exitCode = typeof code === 'number' ? code : EXIT.ok;
    } catch (err) {
      const code = exitCodeFor(err);
      reportError(err, code, askedForJson(args));
      if (code === EXIT.failed && process.env.GOVSCAN_DEBUG && err instanceof Error)
        process.stderr.write(`${err.stack}\n`);
      process.exitCode = code;
    }
  };
}
