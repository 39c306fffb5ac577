// The audit stage: stores axe rows, interactions and the re-detected (combined) results per site
// under its own run, leaves the crawl run's rows alone, and resumes after being stopped without duplicating rows.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectionContext, runIndicators } from '../indicators/index.js';
import { type AuditStageOptions, runAuditStage } from '../src/audit/stage.js';
import { parseConfig } from '../src/config/config.js';
import { replaySite } from '../src/pipeline/replay.js';
import {
  createRun,
  type Db,
  getRun,
  loadEffectiveResults,
  loadResults,
  openDb,
  saveSite,
  setRunState,
} from '../src/store/db.js';
import { resultsRunOf } from '../src/store/results.js';
import type { FetchStatus, SiteArtifacts } from '../src/types.js';
import { PAGES, startAuditTestServer, type TestServer } from './audit-pages.js';
import { runRows } from './helpers/db-digest.js';

const cfg = parseConfig({
  network: { allowPrivateNetworks: true },
  audit: { reactionWaitMs: 1000, answerWaitMs: 1500 },
});
let server: TestServer;
beforeAll(async () => {
  server = await startAuditTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** A finished crawl run with the given sites (path → homepage served by the test server). */
function crawlRun(db: Db, sites: { code: string; path: string; status?: FetchStatus }[]): number {
  const runId = createRun(db, {
    kind: 'crawl',
    config: cfg,
    options: {},
    siteCodes: sites.map((s) => s.code),
    toolVersion: 'test',
  });
  for (const s of sites) {
    const url = server.url(s.path);
    const at = '2026-11-20T08:00:00.000Z';
    const ok = (s.status ?? 'ok') === 'ok';
    const site: SiteArtifacts = {
      locality: {
        code: s.code,
        name: `测试${s.code}`,
        province: '四川省',
        kind: 'prefecture_city',
        portalUrl: url,
        urlSource: 'test',
      },
      startedAt: at,
      finishedAt: at,
      siteStatus: s.status ?? 'ok',
      pages: [
        {
          url,
          finalUrl: url,
          role: 'home',
          status: s.status ?? 'ok',
          headers: { 'content-type': 'text/html; charset=utf-8' },
          ...(ok ? { httpStatus: 200, body: PAGES[s.path] } : { error: 'timed out' }),
          fetchedAt: at,
          crawler: 'http',
          depth: 0,
        },
      ],
      probes: {},
      linkChecks: [],
      interactions: [],
    };
    saveSite(db, runId, site, runIndicators(site, detectionContext(site)));
  }
  setRunState(db, runId, 'done');
  return runId;
}

const base: AuditStageOptions = { lighthouse: false, axe: true, verify: true, toolVersion: 'test' };
const count = (db: Db, sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;

describe('govscan audit stage', () => {
  it('stores rows under the audit run, leaves the crawl run alone, resumes after a stop without duplicates', async () => {
    const db = openDb(':memory:');
    const crawl = crawlRun(db, [
      { code: '510100', path: '/working' },
      { code: '510300', path: '/gone', status: 'timeout' }, // unreachable: not audited
      { code: '510500', path: '/bare' },
    ]);
    const crawlRows = runRows(db, crawl);
    // First invocation: stopped (as by Ctrl-C) once the first site is stored.
    const stop = new AbortController();
    const first = await runAuditStage(db, cfg, { ...base, signal: stop.signal, onSite: () => stop.abort() });
    expect(first).toMatchObject({ crawlRunId: crawl, total: 2, audited: 1, alreadyDone: 0, interrupted: true });
    expect(getRun(db, first.auditRunId)?.state).toBe('interrupted');
    expect(count(db, 'SELECT COUNT(*) n FROM audit_sites WHERE run_id = ?', first.auditRunId)).toBe(1);

    const second = await runAuditStage(db, cfg, { ...base, resume: true });
    expect(second).toMatchObject({
      auditRunId: first.auditRunId,
      total: 2,
      audited: 1,
      alreadyDone: 1,
      interrupted: false,
    });
    expect(getRun(db, first.auditRunId)?.state).toBe('done');

    const audit = first.auditRunId;
    expect(db.prepare('SELECT code FROM audit_sites WHERE run_id = ? ORDER BY code').all(audit)).toEqual([
      { code: '510100' },
      { code: '510500' },
    ]);
    expect(count(db, "SELECT COUNT(*) n FROM axe_results WHERE run_id = ? AND status = 'ok'", audit)).toBe(2);
    expect(count(db, 'SELECT COUNT(*) n FROM lighthouse_results')).toBe(0); // --no-lighthouse
    // Four interactions per audited site, under the audit run; none for the unreachable site.
    const rows = db
      .prepare(
        'SELECT code, COUNT(*) n, COUNT(DISTINCT capability) caps FROM interactions WHERE run_id = ? GROUP BY code ORDER BY code',
      )
      .all(audit);
    expect(rows).toEqual([
      { code: '510100', n: 4, caps: 4 },
      { code: '510500', n: 4, caps: 4 },
    ]);
    // The crawl run's rows (artifacts, interactions, results, evidence) are byte-identical.
    expect(runRows(db, crawl)).toEqual(crawlRows);
    // Screenshots are stored PNG blobs.
    const shots = db
      .prepare(
        'SELECT b.media_type, b.size FROM interactions i JOIN blobs b ON b.hash = i.screenshot_hash WHERE i.run_id = ?',
      )
      .all(audit) as { media_type: string; size: number }[];
    expect(shots.length).toBeGreaterThanOrEqual(4);
    expect(shots.every((s) => s.media_type === 'image/png' && s.size > 1000)).toBe(true);

    // The crawl run's results as readers see them (the audit run's combined view) carry the browser's verdicts.
    const verdict = (code: string, id: string) =>
      (loadEffectiveResults(db, crawl, code).find((r) => r.id === id)?.value as { verified?: string } | undefined)
        ?.verified;
    expect(loadResults(db, audit, '510100').length).toBe(loadResults(db, crawl, '510100').length);
    // Replay re-detects from the crawl's snapshots plus the audit's interactions: the same results.
    expect(replaySite(db, crawl, '510100').differences).toEqual([]);
    expect(verdict('510100', 'accessibility_mode')).toBe('verified');
    expect(verdict('510100', 'elderly_mode')).toBe('verified');
    expect(verdict('510100', 'smart_qa')).toBe('verified');
    expect(verdict('510100', 'site_search')).toBe('verified');
    // The assistant was asked the fixed question; its reply's first line is the stored evidence.
    const qa = loadEffectiveResults(db, crawl, '510100').find((r) => r.id === 'smart_qa');
    expect(qa?.value).toMatchObject({ answered: true, reply: expect.stringMatching(/^您好！办理居住证/) });

    // Auditing the same crawl run again: a new audit run of four interactions, which readers now use;
    // the crawl run is still untouched.
    const again = await runAuditStage(db, cfg, { ...base, axe: false, sites: ['510500'] });
    expect(again.audited).toBe(1);
    const sql = 'SELECT COUNT(*) n FROM interactions WHERE run_id = ? AND code = ?';
    expect(count(db, sql, again.auditRunId, '510500')).toBe(4);
    expect(resultsRunOf(db, crawl, '510500')).toBe(again.auditRunId);
    expect(resultsRunOf(db, crawl, '510100')).toBe(audit);
    expect(runRows(db, crawl)).toEqual(crawlRows);
    db.close();
  });

  it('refuses bad input with a message naming it', async () => {
    const db = openDb(':memory:');
    await expect(runAuditStage(db, cfg, base)).rejects.toThrow(/no finished crawl run/);
    const crawl = crawlRun(db, [{ code: '510100', path: '/working' }]);
    await expect(runAuditStage(db, cfg, { ...base, sites: ['999999'] })).rejects.toThrow(/999999 not in crawl run/);
    await expect(runAuditStage(db, cfg, { ...base, crawlRunId: crawl + 5 })).rejects.toThrow(/run \d+ does not exist/);
    await expect(runAuditStage(db, cfg, { ...base, resume: true })).rejects.toThrow(/no unfinished audit run/);
    await expect(runAuditStage(db, cfg, { ...base, axe: false, verify: false })).rejects.toThrow(/nothing to do/);
    db.close();
  });

  it('runs Lighthouse and stores four scores in 0..1 and the metrics', async () => {
    const db = openDb(':memory:');
    crawlRun(db, [{ code: '510100', path: '/working' }]);
    // A lock of its own: a govscan audit running elsewhere on the machine holds the machine-wide one.
    const lockFile = join(tmpdir(), `govscan-test-lh-${process.pid}.lock`);
    const r = await runAuditStage(db, cfg, {
      ...base,
      lighthouse: true,
      axe: false,
      verify: false,
      lighthouseOptions: { lockFile },
    });
    expect(r.withErrors).toBe(0);
    const row = db.prepare('SELECT * FROM lighthouse_results WHERE run_id = ?').get(r.auditRunId) as Record<
      string,
      number | string | null
    >;
    expect(row.status).toBe('ok');
    for (const k of ['performance', 'accessibility', 'best_practices', 'seo']) {
      expect(typeof row[k], k).toBe('number');
      expect(row[k] as number).toBeGreaterThanOrEqual(0);
      expect(row[k] as number).toBeLessThanOrEqual(1);
    }
    for (const k of ['lcp_ms', 'fcp_ms', 'si_ms', 'tbt_ms', 'cls']) expect(typeof row[k], k).toBe('number');
    expect(row.lcp_ms as number).toBeGreaterThan(0);
    expect(row.lighthouse_version).toBe('12.8.2');
    expect(row.form_factor).toBe('mobile');
    const lhr = db.prepare('SELECT media_type FROM blobs WHERE hash = ?').get(row.lhr_hash) as { media_type: string };
    expect(lhr.media_type).toBe('application/json');
    expect(count(db, 'SELECT COUNT(*) n FROM interactions')).toBe(0); // --no-verify leaves interactions alone
    db.close();
  });
});
