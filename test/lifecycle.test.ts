/**
 * How a crawl process ends, through the CLI as cron and a terminal run it: Ctrl-C (to the process
 * or its whole process group) exits 4 with the run `interrupted` and the lock released, a second
 * Ctrl-C leaves at once the same way, `--continue` then finishes the run; and a run with nothing
 * to fetch (every site already stored, every site refused by policy) ends on its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureWorld, startFixtureWorld } from '../fixtures/index.js';
import { worldCrawlArgs } from './helpers/world-cli.js';

const CLI = join(__dirname, '..', 'src', 'cli', 'govscan.mjs');
// Ordinary portals of one province (none hostile).
const CODES = ['510100', '510300', '510400', '510500', '510600', '510700'];
/** A run that does not end on its own within this is a hang (the defect), not slowness. */
const HANG_GUARD_MS = 150_000;

let world: FixtureWorld;
let dir: string;
let cfgFile: string;
/** The same budgets without rendering, for runs that only need to be stored. */
let quickCfgFile: string;

interface Ended {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Spawn the CLI without blocking this process (the fixture world serves from this event loop). */
function start(args: string[], detached = false): { child: ChildProcess; ended: Promise<Ended>; stderr: () => string } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const ended = new Promise<Ended>((resolve) => {
    const guard = setTimeout(() => {
      stderr += `\n[test] still running after ${HANG_GUARD_MS} ms: killed\n`;
      child.kill('SIGKILL');
    }, HANG_GUARD_MS);
    child.on('exit', (status, signal) => {
      clearTimeout(guard);
      resolve({ status, signal, stderr });
    });
  });
  return { child, ended, stderr: () => stderr };
}
const run = (args: string[]) => start(args).ended;

function crawlArgs(db: string, extra: string[] = [], config = cfgFile): string[] {
  return worldCrawlArgs(world, { db, config, limit: CODES.length, extra });
}

function query<T>(dbFile: string, sql: string): T[] {
  if (!existsSync(dbFile)) return [];
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } catch {
    return []; // schema not there yet
  } finally {
    db.close();
  }
}
const runs = (db: string) => query<{ id: number; state: string }>(db, 'SELECT id, state FROM runs ORDER BY id');
const sitesStored = (db: string) => query<{ n: number }>(db, 'SELECT COUNT(*) n FROM site_runs')[0]?.n ?? 0;
/** The crawl exited 0, leaving run 1 done and its lock released. */
function expectRunDone(end: Ended, db: string): void {
  expect(end.status, end.stderr).toBe(0);
  expect(runs(db)).toEqual([{ id: 1, state: 'done' }]);
  expect(existsSync(`${db}.lock`)).toBe(false);
}
function setState(dbFile: string, state: string): void {
  const db = new Database(dbFile);
  db.prepare('UPDATE runs SET state = ?').run(state);
  db.close();
}

async function until(what: string, ok: () => boolean, ms = 120_000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  world = await startFixtureWorld({ sites: CODES, asOf: new Date('2026-11-20T00:00:00Z') });
  dir = mkdtempSync(join(tmpdir(), 'govscan-lifecycle-'));
  cfgFile = join(dir, 'config.json');
  // Homepages are rendered, so Chromium (and Playwright's own signal handling) is in the process.
  const crawl = { pagesPerSite: 10, linkChecksPerSite: 4, siteConcurrency: 2, perHostDelayMs: 0 };
  writeFileSync(cfgFile, JSON.stringify({ crawl: { ...crawl, renderHomepage: true } }));
  quickCfgFile = join(dir, 'quick.json');
  writeFileSync(quickCfgFile, JSON.stringify({ crawl: { ...crawl, renderHomepage: false } }));
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('Ctrl-C during a crawl', () => {
  for (const [how, detached] of [
    ['the process', false],
    ['its process group, as a terminal sends it', true],
  ] as const) {
    it(`SIGINT to ${how}: exit 4, run interrupted, lock released; --continue finishes the run`, async () => {
      const db = join(dir, `sigint-${detached ? 'group' : 'process'}.db`);
      const crawl = start(crawlArgs(db), detached);
      await until('two sites stored', () => sitesStored(db) >= 2);
      process.kill(detached ? -crawl.child.pid! : crawl.child.pid!, 'SIGINT');
      const end = await crawl.ended;
      expect(end.signal, end.stderr).toBeNull();
      expect(end.status, end.stderr).toBe(4);
      expect(end.stderr).toMatch(/SIGINT: stopping/);
      expect(end.stderr).toMatch(/interrupted; continue with: govscan crawl --resume 1/);
      expect(runs(db)).toEqual([{ id: 1, state: 'interrupted' }]);
      expect(existsSync(`${db}.lock`)).toBe(false);
      const stored = sitesStored(db);
      expect(stored).toBeLessThan(CODES.length);

      const cont = await run(crawlArgs(db, ['--continue']));
      expectRunDone(cont, db);
      expect(sitesStored(db)).toBe(CODES.length);
    }, 400_000);
  }

  it('a second Ctrl-C leaves at once: exit 4, run interrupted, lock released', async () => {
    // A portal that never answers keeps its site in flight after the first Ctrl-C.
    const hung: http.ServerResponse[] = [];
    const server = http.createServer((_req, res) => void hung.push(res));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as AddressInfo).port;
    try {
      const registry = join(dir, 'hanging.csv');
      writeFileSync(
        registry,
        `code,name,province,kind,portal_url,url_source\n510100,成都市,四川省,prefecture_city,http://127.0.0.1:${port}/,test\n`,
      );
      const cfg = join(dir, 'slow.json');
      writeFileSync(
        cfg,
        JSON.stringify({
          crawl: { requestTimeoutSecs: 300, timePerSiteSecs: 600, maxRetries: 0, renderHomepage: false },
        }),
      );
      const db = join(dir, 'double.db');
      const crawl = start(
        ['crawl', '--registry', registry, '--db', db, '--config', cfg, '--allow-private', '--no-progress'],
        true,
      );
      await until('the portal asked', () => hung.length > 0);
      process.kill(-crawl.child.pid!, 'SIGINT');
      await until('the first Ctrl-C acknowledged', () => /SIGINT: stopping/.test(crawl.stderr()), 30_000);
      process.kill(-crawl.child.pid!, 'SIGINT');
      const end = await crawl.ended;
      expect(end.signal, end.stderr).toBeNull();
      expect(end.status, end.stderr).toBe(4);
      expect(end.stderr).toMatch(/SIGINT again: leaving now; run 1 marked interrupted/);
      expect(runs(db)).toEqual([{ id: 1, state: 'interrupted' }]);
      expect(existsSync(`${db}.lock`)).toBe(false);
    } finally {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    }
  }, 200_000);
});

/** One finished crawl of all CODES, shared by the tests that need a stored run (made once). */
let finished: Promise<string> | undefined;
function finishedCrawl(): Promise<string> {
  finished ??= (async () => {
    const db = join(dir, 'finished.db');
    const first = await run(crawlArgs(db, [], quickCfgFile));
    if (first.status !== 0) throw new Error(`crawl of ${db} failed (exit ${first.status}): ${first.stderr}`);
    return db;
  })();
  return finished;
}

describe('a run with nothing to fetch ends on its own', () => {
  it('--resume and --continue of a run whose every site is already stored (killed after its last site)', async () => {
    const db = join(dir, 'all-stored.db');
    copyFileSync(await finishedCrawl(), db);
    expect(sitesStored(db)).toBe(CODES.length);
    // The state a run killed right after storing its last site leaves behind.
    setState(db, 'running');
    const resumed = await run(crawlArgs(db, ['--resume']));
    expectRunDone(resumed, db);
    expect(resumed.stderr).toMatch(new RegExp(`run 1: ${CODES.length}/${CODES.length} sites stored .*nothing new`));

    setState(db, 'interrupted');
    const continued = await run(crawlArgs(db, ['--continue']));
    expectRunDone(continued, db);
    expect(sitesStored(db)).toBe(CODES.length);
  }, 400_000);

  it('a run whose every site is refused by policy (private addresses without --allow-private)', async () => {
    const registry = join(dir, 'private.csv');
    writeFileSync(
      registry,
      'code,name,province,kind,portal_url,url_source\n' +
        '510100,成都市,四川省,prefecture_city,http://127.0.0.1:9/,test\n' +
        '510300,自贡市,四川省,prefecture_city,http://10.0.0.1/,test\n',
    );
    const db = join(dir, 'denied.db');
    const end = await run(['crawl', '--registry', registry, '--db', db, '--no-progress', '--json']);
    expectRunDone(end, db);
    expect(query<{ site_status: string }>(db, 'SELECT site_status FROM site_runs ORDER BY code')).toEqual([
      { site_status: 'policy_denied' },
      { site_status: 'policy_denied' },
    ]);

    // …and resuming that run once it is stored ends too.
    setState(db, 'running');
    const resumed = await run(['crawl', '--registry', registry, '--db', db, '--no-progress', '--resume']);
    expectRunDone(resumed, db);
  }, 400_000);
});

describe('Ctrl-C during an audit', () => {
  it('exits 4 with the audit run interrupted and the audit lock released', async () => {
    const db = join(dir, 'audit.db');
    copyFileSync(await finishedCrawl(), db);
    const cfg = join(dir, 'audit.json');
    writeFileSync(cfg, JSON.stringify({ audit: { reactionWaitMs: 1500, answerWaitMs: 2000, verifyConcurrency: 1 } }));
    const audit = start(
      [
        'audit',
        '--db',
        db,
        '--config',
        cfg,
        '--no-lighthouse',
        '--proxy',
        world.proxyUrl,
        '--ca-file',
        world.caFile,
        '--allow-private',
        '--no-progress',
      ],
      true,
    );
    await until(
      'one site audited',
      () => (query<{ n: number }>(db, 'SELECT COUNT(*) n FROM audit_sites')[0]?.n ?? 0) >= 1,
      180_000,
    );
    process.kill(-audit.child.pid!, 'SIGINT');
    const end = await audit.ended;
    expect(end.signal, end.stderr).toBeNull();
    expect(end.status, end.stderr).toBe(4);
    expect(end.stderr).toMatch(/SIGINT: stopping; the sites in flight are dropped/);
    expect(query<{ kind: string; state: string }>(db, "SELECT kind, state FROM runs WHERE kind = 'audit'")).toEqual([
      { kind: 'audit', state: 'interrupted' },
    ]);
    expect(existsSync(`${db}.audit.lock`)).toBe(false);
  }, 400_000);
});

describe('src/util/signals.ts, the one owner of the signals', () => {
  const SIGNALS_TS = join(__dirname, '..', 'src', 'util', 'signals.ts');
  const CHILD = join(__dirname, 'helpers', 'signals-child.mjs');
  function child(mode: 'run' | 'disposed') {
    const c = spawn(process.execPath, ['--import', 'tsx', CHILD, SIGNALS_TS, mode], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    c.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    c.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const ended = new Promise<number | null>((r) => c.on('exit', (code) => r(code)));
    return { c, ended, out: () => out, err: () => err };
  }

  it('takes other listeners off while a run is registered: first signal aborts the run, second cleans up and exits 4', async () => {
    const p = child('run');
    await until('child ready', () => p.out().includes('ready'), 30_000);
    p.c.kill('SIGINT');
    await until('run aborted', () => p.out().includes('run aborted'), 10_000);
    p.c.kill('SIGINT');
    expect(await p.ended).toBe(4);
    expect(p.out()).not.toMatch(/foreign listener ran|earlier listener ran/);
    expect(p.out()).toContain('onForce ran');
    expect(p.err()).toContain('SIGINT: stopping; test run stops');
    expect(p.err()).toContain('SIGINT again: leaving now; test run cleaned up');
  });

  it('gives the signals back to their earlier listeners once the last run ends', async () => {
    const p = child('disposed');
    await until('child ready', () => p.out().includes('ready'), 30_000);
    p.c.kill('SIGINT');
    expect(await p.ended).toBe(0);
    expect(p.out()).toContain('earlier listener ran');
    expect(p.out()).not.toMatch(/run aborted|foreign listener ran/);
  });
});
