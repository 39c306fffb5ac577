/**
 * A crawl killed with SIGKILL at several points and continued with --resume ends with exactly
 * the results of an uninterrupted run: nothing lost, nothing duplicated.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureWorld, startFixtureWorld } from '../fixtures/index.js';
import { CATALOGUE } from '../indicators/discover.js';
import { worldCrawlArgs } from './helpers/world-cli.js';

const CLI = join(__dirname, '..', 'src', 'cli', 'govscan.mjs');
// Eight ordinary portals of one province (none hostile), small budgets to keep the test quick.
const CODES = ['510100', '510300', '510400', '510500', '510600', '510700', '510800', '510900'];

let world: FixtureWorld;
let dir: string;
let cfgFile: string;

/** Run the CLI without blocking this process: the fixture world serves from this event loop. */
function run(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => resolve({ status, stderr }));
  });
}

function crawlArgs(db: string, extra: string[] = []): string[] {
  return [CLI, ...worldCrawlArgs(world, { db, config: cfgFile, limit: CODES.length, extra: ['--json', ...extra] })];
}

/** Results that must match: everything a detector decides (fetch times in evidence legitimately differ). */
function results(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  const rows = db
    .prepare(`SELECT code, indicator, status, value_json, confidence FROM indicator_results ORDER BY code, indicator`)
    .all();
  const sites = db.prepare('SELECT code, site_status FROM site_runs ORDER BY code').all();
  const runs = db.prepare('SELECT id, state FROM runs').all();
  db.close();
  return { rows, sites, runs };
}

function count(dbFile: string, table: 'runs' | 'site_runs'): number {
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(`SELECT COUNT(*) n FROM ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet, or schema not there yet
  }
}
const sitesDone = (dbFile: string) => count(dbFile, 'site_runs');

beforeAll(async () => {
  world = await startFixtureWorld({ sites: CODES, asOf: new Date('2026-11-20T00:00:00Z') });
  dir = mkdtempSync(join(tmpdir(), 'govscan-resume-'));
  cfgFile = join(dir, 'config.json');
  writeFileSync(
    cfgFile,
    JSON.stringify({
      crawl: { pagesPerSite: 12, linkChecksPerSite: 5, siteConcurrency: 2, perHostDelayMs: 0, renderHomepage: false },
    }),
  );
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('kill -9 and --resume', () => {
  it('ends with exactly the results of an uninterrupted run, at every kill point', async () => {
    const reference = join(dir, 'reference.db');
    const ref = await run(crawlArgs(reference));
    expect(ref.status, ref.stderr).toBe(0);
    const want = results(reference);
    expect(want.sites).toHaveLength(CODES.length);
    expect(want.rows.length).toBe(CODES.length * CATALOGUE.length);

    for (const killAfter of [0, 2, 5]) {
      const db = join(dir, `killed-${killAfter}.db`);
      const child = spawn(process.execPath, crawlArgs(db), { stdio: 'ignore' });
      // Kill when `killAfter` sites are stored (0: as soon as the run exists).
      await new Promise<void>((resolve, reject) => {
        const t0 = Date.now();
        const poll = setInterval(() => {
          const done = sitesDone(db);
          if ((killAfter === 0 && count(db, 'runs') > 0) || (killAfter > 0 && done >= killAfter)) {
            clearInterval(poll);
            child.kill('SIGKILL');
            resolve();
          } else if (Date.now() - t0 > 180_000) {
            clearInterval(poll);
            reject(new Error('crawl did not reach the kill point'));
          }
        }, 20);
        child.on('exit', () => {
          clearInterval(poll);
          resolve(); // finished before the kill point: the comparison below still holds
        });
      });
      await new Promise((r) =>
        child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r),
      );
      expect(sitesDone(db)).toBeLessThan(CODES.length + 1);

      const resumed = await run([...crawlArgs(db), '--resume']);
      expect(resumed.status, resumed.stderr).toBe(0);
      const got = results(db);
      expect(got.runs).toEqual([{ id: 1, state: 'done' }]);
      expect(got.sites).toEqual(want.sites);
      expect(got.rows).toEqual(want.rows);
    }
  }, 600_000);
});
