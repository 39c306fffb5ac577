/**
 * The queue mode with a real redis-server (started by src/queue/redis-server.ts) and real worker
 * processes on the fixture world: a coordinator and two workers store what a one-machine crawl
 * stores; a worker killed with SIGKILL mid-site loses nothing (another takes the site after the
 * lease); a coordinator killed mid-run finishes with --resume; and the provincial hosts the sites
 * share never see two requests at once, or too short a pause, from the two workers together.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureWorld, startFixtureWorld } from '../fixtures/index.js';
import { CATALOGUE } from '../indicators/discover.js';
import { register as registerCrawl } from '../src/cli/commands/crawl.js';
import { type LocalRedis, startLocalRedis } from '../src/queue/redis-server.js';
import { CLI_BIN, runCli } from './helpers/cli.js';
import { worldCrawlArgs } from './helpers/world-cli.js';

// The first ten Sichuan cities (`--code 51 --limit 10`); six link the provincial 政务服务网
// (www.sczwfw.gov.cn), four the provincial 数据开放 host (data.sc.gov.cn): hosts several workers share.
const CODES = ['510100', '510300', '510400', '510500', '510600', '510700', '510800', '510900', '511000', '511100'];
const SHARED_HOSTS = ['www.sczwfw.gov.cn', 'data.sc.gov.cn'];
const DELAY_MS = 60;
/**
 * Short leases, so that a dead worker's site moves on within seconds; not too short, or a worker
 * starved of CPU on a busy machine misses its lock renewals and loses its sites to the other (still
 * correct, only slower).
 */
const WORKER_FLAGS = ['--lease-secs', '8', '--stalled-check-secs', '2', '--concurrency', '3'];

let world: FixtureWorld;
let redis: LocalRedis;
let dir: string;
let cfgFile: string;
let reference: ReturnType<typeof results>;
const children = new Set<ChildProcess>();

function start(args: string[]): ChildProcess {
  const child = spawn(process.execPath, [CLI_BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  Object.defineProperty(child, 'stderrText', { get: () => stderr });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
const stderrOf = (c: ChildProcess) => (c as ChildProcess & { stderrText: string }).stderrText;

function exited(c: ChildProcess): Promise<number | null> {
  return c.exitCode !== null || c.signalCode !== null
    ? Promise.resolve(c.exitCode)
    : new Promise((r) => c.once('exit', (code) => r(code)));
}

const crawlArgs = (db: string, extra: string[] = []) =>
  worldCrawlArgs(world, { db, config: cfgFile, limit: CODES.length, extra: ['--json', ...extra] }).map((a) =>
    a === '510' ? '51' : a,
  );

function worker(log: string): ChildProcess {
  return start(['worker', '--queue', redis.url, '--log', log, '--quiet', ...WORKER_FLAGS]);
}

/** Everything a detector decides, per site (fetch times legitimately differ between runs). */
function results(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  const rows = db
    .prepare('SELECT code, indicator, status, value_json, confidence FROM indicator_results ORDER BY code, indicator')
    .all();
  const sites = db.prepare('SELECT code, site_status FROM site_runs ORDER BY code').all();
  const runs = db.prepare('SELECT id, state FROM runs').all();
  db.close();
  return { rows, sites, runs };
}

function sitesStored(dbFile: string): number {
  if (!existsSync(dbFile)) return 0;
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) n FROM site_runs').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // schema not there yet
  }
}

function logEvents(file: string): { event: string; code?: string }[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

async function until(what: string, ok: () => boolean, timeoutMs = 120_000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function stopAll(): Promise<void> {
  await Promise.all(
    [...children].map((c) => {
      c.kill('SIGTERM');
      return exited(c);
    }),
  );
}

beforeAll(async () => {
  [world, redis] = await Promise.all([
    startFixtureWorld({ sites: CODES, asOf: new Date('2026-11-20T00:00:00Z') }),
    startLocalRedis(),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'govscan-queue-'));
  cfgFile = join(dir, 'config.json');
  writeFileSync(
    cfgFile,
    JSON.stringify({
      crawl: {
        pagesPerSite: 6,
        linkChecksPerSite: 2,
        siteConcurrency: 4,
        perHostDelayMs: DELAY_MS,
        renderHomepage: false,
        requestTimeoutSecs: 3,
      },
    }),
  );
  // The one-machine reference and the coordinators run in this process (spawning is slow on a busy
  // machine), except the one that is killed; the workers are child processes.
  const ref = await runCli([registerCrawl], crawlArgs(join(dir, 'reference.db')));
  expect(ref.status, ref.stderr).toBe(0);
  reference = results(join(dir, 'reference.db'));
  expect(reference.sites).toHaveLength(CODES.length);
  expect(reference.rows.length).toBe(CODES.length * CATALOGUE.length);
}, 180_000);

afterEach(stopAll);

afterAll(async () => {
  await stopAll();
  await Promise.all([world?.close(), redis?.stop()]);
});

describe('crawl --queue with worker processes', () => {
  it('two workers store what one machine stores, and shared hosts stay polite across them', async () => {
    const before = world.stats().hosts;
    const logs = [join(dir, 'w1.log'), join(dir, 'w2.log')];
    logs.map(worker);
    const db = join(dir, 'queued.db');
    const coord = await runCli([registerCrawl], crawlArgs(db, ['--queue', redis.url]));
    expect(coord.status, coord.stderr).toBe(0);
    const got = results(db);
    expect(got.runs).toEqual([{ id: 1, state: 'done' }]);
    expect(got.sites).toEqual(reference.sites);
    expect(got.rows).toEqual(reference.rows);

    // Both workers took part …
    const byWorker = logs.map((l) => logEvents(l).filter((e) => e.event === 'site-done').length);
    expect(
      byWorker.every((n) => n > 0),
      `sites per worker: ${byWorker}`,
    ).toBe(true);
    expect(byWorker[0]! + byWorker[1]!).toBe(CODES.length);
    // … and the shared hosts, measured at the world's proxy, saw one request at a time with the pause between.
    const after = world.stats().hosts;
    for (const host of SHARED_HOSTS) {
      const h = after[host]!;
      expect(h.requests - (before[host]?.requests ?? 0), host).toBeGreaterThanOrEqual(4);
      expect(h.maxConcurrent, host).toBe(1);
      expect(h.minGapMs!, host).toBeGreaterThanOrEqual(DELAY_MS - 2);
    }
    // No host at all saw two requests at once that the crawlers scheduled (a rendered homepage's own
    // scripts and images load in parallel, as in any browser, and are counted apart).
    const crowded = Object.entries(world.stats().crawlerHosts).filter(([, p]) => p.maxConcurrent > 1);
    expect(crowded).toEqual([]);
  }, 180_000);

  it('a worker killed with SIGKILL mid-site: another takes its sites after the lease, each stored once', async () => {
    const log1 = join(dir, 'kill-w1.log');
    const log2 = join(dir, 'kill-w2.log');
    const w1 = worker(log1);
    const db = join(dir, 'killed-worker.db');
    const coord = runCli([registerCrawl], crawlArgs(db, ['--queue', redis.url]));
    await until('worker 1 to take a site', () => logEvents(log1).some((e) => e.event === 'site-taken'));
    w1.kill('SIGKILL');
    await exited(w1);
    const taken = logEvents(log1)
      .filter((e) => e.event === 'site-taken')
      .map((e) => e.code!);
    const doneBy1 = new Set(
      logEvents(log1)
        .filter((e) => e.event === 'site-done')
        .map((e) => e.code),
    );
    const lost = taken.filter((c) => !doneBy1.has(c));
    expect(lost.length).toBeGreaterThan(0); // killed mid-site
    worker(log2);
    const c = await coord;
    expect(c.status, c.stderr).toBe(0);
    const doneBy2 = new Set(
      logEvents(log2)
        .filter((e) => e.event === 'site-done')
        .map((e) => e.code),
    );
    for (const c of lost) expect(doneBy2.has(c), `site ${c} redone by worker 2`).toBe(true);
    const got = results(db);
    expect(got.runs).toEqual([{ id: 1, state: 'done' }]);
    expect(got.sites).toEqual(reference.sites); // every site once, none lost
    expect(got.rows).toEqual(reference.rows);
  }, 180_000);

  it('a coordinator killed mid-run carries on with --resume', async () => {
    worker(join(dir, 'resume-w1.log'));
    worker(join(dir, 'resume-w2.log'));
    const db = join(dir, 'resumed.db');
    const first = start(crawlArgs(db, ['--queue', redis.url]));
    await until('three sites stored', () => sitesStored(db) >= 3 || first.exitCode !== null);
    first.kill('SIGKILL');
    await exited(first);
    expect(sitesStored(db)).toBeLessThan(CODES.length);
    const resumed = start(crawlArgs(db, ['--queue', redis.url, '--resume']));
    expect(await exited(resumed), stderrOf(resumed)).toBe(0);
    const got = results(db);
    expect(got.runs).toEqual([{ id: 1, state: 'done' }]);
    expect(got.sites).toEqual(reference.sites);
    expect(got.rows).toEqual(reference.rows);
  }, 180_000);
});
