/**
 * A real redis-server for one machine: `--queue local`, the tests and the benchmark start Debian's
 * redis-server on loopback, on a free port, with its own temp dir (append-only file on, as in
 * production), and stop it afterwards. In production the user runs Redis and passes its URL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = process.env.GOVSCAN_REDIS_SERVER ?? '/usr/bin/redis-server';

export interface LocalRedis {
  url: string;
  port: number;
  dir: string;
  /** The server's process id (the benchmark counts its CPU). */
  pid: number;
  stop(): Promise<void>;
}

export class RedisMissingError extends Error {}

/** The command that installs Redis, named in every "missing" message (src/setup/bootstrap.mjs runs it as root). */
export const REDIS_INSTALL = 'apt-get update && apt-get install -y redis-server';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startLocalRedis(): Promise<LocalRedis> {
  if (!existsSync(REDIS_SERVER))
    throw new RedisMissingError(
      `redis-server is missing at ${REDIS_SERVER} (the queue mode needs it). Install Debian's redis-server as root: sudo sh -c '${REDIS_INSTALL}' (or run "npm run setup" as root)`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'govscan-redis-'));
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      REDIS_SERVER,
      [
        ...['--bind', '127.0.0.1', '--port', String(port), '--dir', dir],
        ...['--appendonly', 'yes', '--save', '', '--daemonize', 'no', '--protected-mode', 'yes'],
        // BullMQ requires that Redis never evicts its keys.
        ...['--maxmemory-policy', 'noeviction', '--loglevel', 'notice'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      await readyOrExit(child);
    } catch (e) {
      if (attempt < 3) continue; // the port was taken between probing and binding: try another
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      dir,
      pid: child.pid!,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

/** Resolves once the server accepts connections (it says so on stdout), rejects if it exits first. */
function readyOrExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/Ready to accept connections/i.test(out)) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready: ${out.trim()}`)));
    child.once('error', reject);
  });
}
