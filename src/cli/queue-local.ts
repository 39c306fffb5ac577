/**
 * `govscan crawl --queue local`: the queue mode on one machine, for a demo or a try-out. Starts a
 * redis-server here (src/queue/redis-server.ts) and `--workers` worker processes against it, and
 * stops them when the crawl ends. Production runs Redis and the workers itself and passes the URL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type LocalRedis, startLocalRedis } from '../queue/redis-server.js';

const CLI_BIN = fileURLToPath(new URL('./govscan.mjs', import.meta.url));

export interface LocalQueue {
  url: string;
  stop(): Promise<void>;
}

export async function startLocalQueue(workers: number, workerArgs: string[] = []): Promise<LocalQueue> {
  const redis: LocalRedis = await startLocalRedis();
  const children: ChildProcess[] = [];
  for (let i = 0; i < workers; i++)
    children.push(
      spawn(process.execPath, [CLI_BIN, 'worker', '--queue', redis.url, '--quiet', ...workerArgs], {
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
  process.stderr.write(`queue: local redis-server at ${redis.url}, ${workers} worker process(es)\n`);
  return {
    url: redis.url,
    stop: async () => {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((r) => {
              if (c.exitCode !== null || c.signalCode !== null) return r();
              c.once('exit', () => r());
              c.kill('SIGTERM');
            }),
        ),
      );
      await redis.stop();
    },
  };
}
