import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createRun, finishedSiteCodes, getBlob, listRuns, loadResults, loadSiteArtifacts, openDb, putBlob, saveSite, setRunState, unfinishedRun,
} from '../src/store/db.js';
import { acquireLock, LockHeldError } from '../src/util/lock.js';
import { CHENGDU, sampleArtifacts, sampleResults } from './helpers/artifacts.js';

describe('store', () => {
  it('stores a site atomically and loads back exactly the same artifacts and results', () => {
    const db = openDb(':memory:');
    const run = createRun(db, { kind: 'crawl', config: { a: 1 }, options: {}, siteCodes: [CHENGDU.code], toolVersion: 't' });
    const artifacts = sampleArtifacts();
    const gbkRaw = Buffer.from([0xd5, 0xfe, 0xb8, 0xae]); // 政府 in GBK: the snapshot keeps the bytes as received
    artifacts.pages[0]!.raw = gbkRaw;
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    artifacts.pages[0]!.screenshot = png;
    saveSite(db, run, artifacts, sampleResults());
    const back = loadSiteArtifacts(db, run, CHENGDU.code)!;
    const { screenshot: _png, raw: _raw, ...homeWithoutBytes } = artifacts.pages[0]!;
    expect(back.pages[0]).toEqual(homeWithoutBytes);
    expect(getBlob(db, back.pages[0]!.bodyHash!)).toEqual(gbkRaw);
    expect(getBlob(db, back.pages[0]!.screenshotHash!)).toEqual(png);
    expect(back.pages[1]).toEqual(artifacts.pages[1]);
    expect(back.probes).toEqual(artifacts.probes);
    expect(back.linkChecks).toEqual(artifacts.linkChecks);
    expect(loadResults(db, run, CHENGDU.code)).toEqual(sampleResults());
    expect(finishedSiteCodes(db, run)).toEqual(new Set([CHENGDU.code]));

    // Saving the same site again replaces it rather than duplicating rows.
    saveSite(db, run, sampleArtifacts(), sampleResults());
    expect((db.prepare('SELECT COUNT(*) n FROM pages').get() as { n: number }).n).toBe(2);
    expect((db.prepare('SELECT COUNT(*) n FROM indicator_results').get() as { n: number }).n).toBe(2);
  });

  it('content-addresses blobs (one copy per content) and compresses them', () => {
    const db = openDb(':memory:');
    const big = '政府网站'.repeat(10_000);
    const h1 = putBlob(db, big, 'text/plain');
    const h2 = putBlob(db, big, 'text/plain');
    expect(h1).toBe(h2);
    const row = db.prepare('SELECT size, length(data) AS stored FROM blobs').get() as { size: number; stored: number };
    expect(row.stored).toBeLessThan(row.size / 10);
    expect(getBlob(db, h1)!.toString('utf8')).toBe(big);
  });

  it('keeps run history, finds unfinished runs, and the analysts’ view shows the newest value', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'govscan-store-')), 'g.db');
    const db = openDb(file);
    const r1 = createRun(db, { kind: 'crawl', config: {}, options: {}, siteCodes: [CHENGDU.code], toolVersion: 't' });
    saveSite(db, r1, sampleArtifacts(), sampleResults());
    setRunState(db, r1, 'done');
    const r2 = createRun(db, { kind: 'crawl', config: {}, options: {}, siteCodes: [CHENGDU.code], toolVersion: 't' });
    const changed = sampleResults().map((r) => (r.id === 'open_data_platform' ? { ...r, status: 'present' as const } : r));
    saveSite(db, r2, sampleArtifacts(), changed);
    expect(unfinishedRun(db, 'crawl')?.id).toBe(r2);
    expect(listRuns(db).map((r) => r.state)).toEqual(['done', 'running']);
    const latest = db.prepare(`SELECT status, run_id FROM latest_indicators WHERE indicator = 'open_data_platform'`).get();
    expect(latest).toEqual({ status: 'present', run_id: r2 });
    db.close();
    // Re-opening applies no migration twice.
    const again = openDb(file);
    expect((again.prepare('SELECT COUNT(*) n FROM schema_migrations').get() as { n: number }).n).toBeGreaterThanOrEqual(1);
    again.close();
  });
});

describe('lock', () => {
  it('refuses a second holder while the first is alive, and takes over a stale lock', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'govscan-lock-')), 'db.lock');
    const release = acquireLock(file);
    // Simulate another live process holding it: pid 1 always exists.
    release();
    writeFileSync(file, '1\n');
    expect(() => acquireLock(file)).toThrow(LockHeldError);
    // A dead pid: the lock is stale and is taken over.
    writeFileSync(file, '999999\n');
    const r2 = acquireLock(file);
    r2();
  });
});
