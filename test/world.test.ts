/**
 * One crawl across the fixture world — every hostile site and a deterministic third of the others
 * (`npm run eval` crawls all 337 against the ground truth; this keeps `npm test` under 15 minutes
 * on 2 cores) — then what must hold for every crawled site: a terminal status (the expected one for hostile sites, never a crash), indicators
 * that depend on an unreachable page are unknown (never absent), and replaying the stored
 * snapshots gives exactly the stored results — also from an exported evidence bundle in
 * another process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureWorld, startFixtureWorld } from '../fixtures/index.js';
import { CATALOGUE } from '../indicators/discover.js';
import { fixtureConfig } from '../src/cli/fixture-run.js';
import { type CollectOutcome, collect } from '../src/pipeline/collect.js';
import { exportBundle, replaySite } from '../src/pipeline/replay.js';
import { loadRegistry } from '../src/registry/registry.js';
import { type Db, loadResults, openDb } from '../src/store/db.js';
import { FETCH_STATUSES, type Locality } from '../src/types.js';

const CLI = join(__dirname, '..', 'src', 'cli', 'govscan.mjs');
let world: FixtureWorld;
let db: Db;
let outcome: CollectOutcome;
let dir: string;
let sites: Locality[];

/** Every hostile site, 510100 (the bundle below) and every third other site in registry order. */
function sample(world: FixtureWorld): Locality[] {
  const hostile = new Set(world.manifest.sites.filter((s) => s.hostile).map((s) => s.code));
  return loadRegistry().filter((l, i) => hostile.has(l.code) || l.code === '510100' || i % 3 === 0);
}

beforeAll(async () => {
  world = await startFixtureWorld({});
  dir = mkdtempSync(join(tmpdir(), 'govscan-world-'));
  db = openDb(join(dir, 'world.db'));
  // Every site, with a smaller page budget and no politeness delay (loopback), to keep the suite quick.
  // Time budgets and timeouts stay the production ones: the hostile kinds (slow answers, a 48 MiB page)
  // must end in their own statuses, not in a budget cut (a 60 s budget under CI load did that).
  const config = fixtureConfig(world, undefined, {
    crawl: { pagesPerSite: 8, linkChecksPerSite: 4, perHostDelayMs: 0 },
  });
  sites = sample(world);
  outcome = await collect({ db, kind: 'crawl', config, sites });
}, 1_500_000);

afterAll(async () => {
  db?.close();
  await world?.close();
});

describe('crawling across the fixture world', () => {
  it('ends every crawled site in a terminal status', () => {
    expect(sites.length).toBeGreaterThan(120);
    expect(outcome.collected).toBe(sites.length);
    const rows = db.prepare('SELECT code, site_status FROM site_runs WHERE run_id = ?').all(outcome.runId) as {
      code: string;
      site_status: string;
    }[];
    expect(rows).toHaveLength(sites.length);
    for (const r of rows) expect(FETCH_STATUSES).toContain(r.site_status);
    const pages = db.prepare('SELECT status FROM pages WHERE run_id = ?').all(outcome.runId) as { status: string }[];
    for (const p of pages) expect(FETCH_STATUSES).toContain(p.status);
  });

  it('gives each hostile site its expected status, and unknown (never absent) for what could not be read', () => {
    const hostile = world.manifest.sites.filter((s) => s.hostile);
    expect(hostile.length).toBeGreaterThan(5);
    for (const s of hostile) {
      const got = db
        .prepare('SELECT site_status FROM site_runs WHERE run_id = ? AND code = ?')
        .get(outcome.runId, s.code) as { site_status: string };
      expect(`${s.code} ${s.hostile!.kind}: ${got.site_status}`).toBe(
        `${s.code} ${s.hostile!.kind}: ${s.hostile!.expectSiteStatus}`,
      );
      if (s.hostile!.expectSiteStatus !== 'ok') {
        const absent = loadResults(db, outcome.runId, s.code).filter(
          (r) => r.status === 'absent' && s.indicators[r.id as keyof typeof s.indicators]?.status === 'unknown',
        );
        expect(absent.map((r) => `${s.code} ${r.id}: ${r.reason}`)).toEqual([]);
      }
    }
  });

  it('replays the stored snapshots of every site to exactly the stored results', () => {
    const differing: string[] = [];
    const crawled = new Set(sites.map((l) => l.code));
    for (const s of world.manifest.sites.filter((x) => crawled.has(x.code))) {
      const r = replaySite(db, outcome.runId, s.code);
      if (!r.equal) differing.push(`${s.code}: ${r.differences.join('; ')}`);
    }
    expect(differing).toEqual([]);
  });

  it('exports an evidence bundle that replays identically in another process, without the database', () => {
    const file = join(dir, '510100.govscan.json.gz');
    writeFileSync(file, exportBundle(db, outcome.runId, '510100'));
    const r = spawnSync(process.execPath, [CLI, 'replay', '--bundle', file, '--json'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { equal: boolean; indicators: unknown[] };
    expect(out.equal).toBe(true);
    expect(out.indicators).toHaveLength(CATALOGUE.length);
  });
});
