// One-way data flow: the audit run owns its rows (the crawl run's stay byte-identical) and every
// reader sees the combined view; read commands never write; one definition of the newest finished run.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runAuditStage } from '../src/audit/stage.js';
import { register as registerDiff } from '../src/cli/commands/diff.js';
import { register as registerExport } from '../src/cli/commands/export.js';
import { register as registerMonitor } from '../src/cli/commands/monitor.js';
import { register as registerReplay } from '../src/cli/commands/replay.js';
import { register as registerReport } from '../src/cli/commands/report.js';
import { register as registerRuns } from '../src/cli/commands/runs.js';
import { register as registerScore } from '../src/cli/commands/score.js';
import { parseConfig } from '../src/config/config.js';
import { loadExportSites } from '../src/export/index.js';
import { exportJson } from '../src/export/json.js';
import { diffRuns, loadWeights, resolveRun, scoreRun } from '../src/scoring/index.js';
import { saveAuditedSite } from '../src/store/audits.js';
import {
  createRun,
  type Db,
  getRun,
  loadEffectiveResults,
  loadResults,
  newestFinishedRun,
  openDb,
  saveSite,
  setRunState,
} from '../src/store/db.js';
import { recordVisit, registerMonitoredSites } from '../src/store/monitor.js';
import { resultsRunOf } from '../src/store/results.js';
import { MIGRATIONS } from '../src/store/schema.js';
import type { IndicatorResult } from '../src/types.js';
import { auditRun, CHENGDU_VERIFIED } from './audit-rows.fixtures.js';
import { runCli } from './helpers/cli.js';
import { allTables, runRows } from './helpers/db-digest.js';
import { tempDirForTests } from './helpers/temp-dir.js';
import { artifacts, buildRun, SITES } from './scoring.fixtures.js';

const dir = tempDirForTests('govscan-flow-');

/** The audit's verdict: Chengdu's smart_qa, absent in the crawl, present once verified in a browser. */
const verdict = (r: IndicatorResult): IndicatorResult =>
  r.id === 'smart_qa' ? { ...r, status: 'present', value: { verified: 'verified' }, reason: 'verified by acting' } : r;

function audited(dbFile: string) {
  const db = openDb(dbFile);
  const a = buildRun(db, 'a').runId;
  const b = buildRun(db, 'b').runId;
  // Mianyang (absent smart_qa in the crawl) is audited; its crawl rows must not change.
  const before = runRows(db, b);
  const audit = auditRun(db, b, [SITES.mianyang.code]);
  const redetect = (site: { locality: { code: string } }) => loadResults(db, b, site.locality.code).map(verdict);
  saveAuditedSite(
    db,
    {
      auditRunId: audit,
      crawlRunId: b,
      code: SITES.mianyang.code,
      url: SITES.mianyang.portalUrl,
      startedAt: 'x',
      finishedAt: 'y',
      steps: { lighthouse: 'skipped', axe: 'skipped', verify: 'ok' },
      interactions: CHENGDU_VERIFIED,
    },
    redetect,
  );
  setRunState(db, audit, 'done');
  return { db, a, b, audit, before };
}

describe('the audit run owns its rows', () => {
  const { db, a, b, audit, before } = audited(join(dir, 'audit.db'));
  const smartQa = (rs: IndicatorResult[]) => rs.find((r) => r.id === 'smart_qa')?.status;

  it('leaves the crawl run byte-identical and stores interactions and combined results under the audit run', () => {
    expect(runRows(db, b)).toEqual(before);
    expect(smartQa(loadResults(db, b, SITES.mianyang.code))).toBe('absent');
    expect(smartQa(loadResults(db, audit, SITES.mianyang.code))).toBe('present');
    expect((db.prepare('SELECT COUNT(*) n FROM interactions WHERE run_id = ?').get(audit) as { n: number }).n).toBe(4);
  });

  it('every reader sees the combined view: results, scores, diff, export', () => {
    expect(resultsRunOf(db, b, SITES.mianyang.code)).toBe(audit);
    expect(resultsRunOf(db, b, SITES.chengdu.code)).toBe(b);
    expect(smartQa(loadEffectiveResults(db, b, SITES.mianyang.code))).toBe('present');
    const score = (run: number) => scoreRun(db, run, loadWeights()).sites.find((s) => s.code === SITES.mianyang.code)!;
    expect(score(b).indicators.find((i) => i.indicator === 'smart_qa')?.status).toBe('present');
    const d = diffRuns(db, a, b, loadWeights()).changed.find((c) => c.code === SITES.mianyang.code)!;
    expect(d.indicators.find((i) => i.id === 'smart_qa')?.to?.status).toBe('present');
    const scores = scoreRun(db, b, loadWeights());
    const sites = loadExportSites(db, b, scores.sites);
    expect(JSON.stringify(exportJson(getRun(db, b)!, scores, sites, []))).toContain('verified by acting');
  });
});

/** Commands in-process (as in diff.test.ts): spawning the bin per call is slow on a busy machine. */
const cli = (dbFile: string, ...args: string[]) =>
  runCli(
    [registerRuns, registerDiff, registerScore, registerExport, registerReport, registerReplay, registerMonitor],
    [...args, '--db', dbFile],
  );

describe('read commands never write', () => {
  const file = join(dir, 'read.db');
  const { db, a, b } = audited(file);

  it('export, report, diff, runs, replay and monitor --status leave every table as it was (and commit nothing)', async () => {
    const slot = Date.now() - 3_600_000;
    registerMonitoredSites(db, [SITES.mianyang.code], slot - 1);
    recordVisit(db, {
      code: SITES.mianyang.code,
      slotMs: slot,
      outcome: 'failed',
      timings: { totalMs: 15_000 },
      vantage: 'v',
    });
    const tables = allTables(db);
    // data_version changes for this connection when any other connection commits to the file.
    const version = db.pragma('data_version', { simple: true });
    const out = join(dir, 'out');
    const e = await cli(file, 'export', '--out', out);
    expect(e.stderr + e.status).toBe(e.stderr + 0);
    const note =
      `note: run ${b} has no stored scores with weights .*: scored in memory, not stored; ` +
      `\`govscan score --run ${b}\``;
    expect(e.stderr).toMatch(new RegExp(note));
    expect((await cli(file, 'report', '--out', join(out, 'r.html'))).status).toBe(0);
    expect((await cli(file, 'diff', String(a), String(b))).status).toBe(0);
    expect((await cli(file, 'runs')).status).toBe(0);
    // Differs (fixture results are not detection's): only that it writes nothing matters here.
    await cli(file, 'replay', String(b), SITES.mianyang.code);
    const status = await cli(file, 'monitor', '--status', '--json');
    expect(JSON.parse(status.stdout)).toMatchObject([
      { code: SITES.mianyang.code, visits: 1, failures: 1, veto: null },
    ]);
    expect(db.pragma('data_version', { simple: true })).toBe(version);
    expect(allTables(db)).toEqual(tables);
    expect((db.prepare('SELECT COUNT(*) n FROM site_scores').get() as { n: number }).n).toBe(0);

    // score writes; afterwards export finds them current and says nothing about them.
    expect((await cli(file, 'score')).status).toBe(0);
    expect(db.pragma('data_version', { simple: true })).not.toBe(version);
    expect((await cli(file, 'export', '--out', out, '--format', 'csv')).stderr).not.toMatch(/note:/);
    // A later audit changes the results those scores came from: export says the stored ones are out of date.
    const later = auditRun(db, b, [SITES.beijing.code]);
    saveAuditedSite(
      db,
      {
        auditRunId: later,
        crawlRunId: b,
        code: SITES.beijing.code,
        url: SITES.beijing.portalUrl,
        startedAt: 'x',
        finishedAt: 'y',
        steps: { lighthouse: 'skipped', axe: 'skipped', verify: 'ok' },
        interactions: [],
      },
      (site) => loadResults(db, b, site.locality.code).map(verdict),
    );
    expect((await cli(file, 'export', '--out', out, '--format', 'csv')).stderr).toMatch(/no longer match its results/);
  });
});

describe('one newest finished run', () => {
  it('is the newest done crawl or check run, for scoring and for the audit stage alike', async () => {
    const db = openDb(':memory:');
    const run = (kind: 'crawl' | 'check' | 'audit', state: 'done' | 'interrupted' | 'running') => {
      const id = createRun(db, { kind, config: {}, options: {}, siteCodes: [SITES.beijing.code], toolVersion: 't' });
      if (kind !== 'audit') saveSite(db, id, artifacts(SITES.beijing, 'timeout'), []);
      if (state !== 'running') setRunState(db, id, state);
      return id;
    };
    run('crawl', 'done');
    const check = run('check', 'done'); // audit and scoring both default to this one
    run('crawl', 'interrupted');
    run('audit', 'done');
    run('crawl', 'running');
    expect(newestFinishedRun(db)?.id).toBe(check);
    expect(resolveRun(db).id).toBe(check);
    const cfg = parseConfig({});
    await expect(
      runAuditStage(db, cfg, { lighthouse: true, axe: true, verify: true, toolVersion: 't' }),
    ).rejects.toThrow(`crawl run ${check} has no site with a reachable homepage`);
    db.close();
  });
});

const latestSmartQa = (db: Db) =>
  db
    .prepare("SELECT status, run_id FROM latest_indicators WHERE code = ? AND indicator = 'smart_qa'")
    .get(SITES.mianyang.code);

describe('migration 004-audit-results', () => {
  it('an old database (audit verdicts written into the crawl run) opens, migrates, and reads as before', () => {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    // Every migration but 004: the later ones only add columns that today's writers (buildRun) fill.
    for (const m of MIGRATIONS.filter((x) => x.id !== '004-audit-results')) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.id, 'then');
    }
    // Written as govscan before 004 did: the audit rewrote the crawl run's results (Mianyang's smart_qa present).
    const crawl = buildRun(old, 'b').runId;
    const audit = auditRun(old, crawl, [SITES.mianyang.code]);
    const my = SITES.mianyang.code;
    old.prepare('INSERT INTO audit_sites VALUES (?,?,?,?,?,?,?)').run(audit, my, crawl, 'u', 's', 'f', '{}');
    old
      .prepare("UPDATE indicator_results SET status = 'present' WHERE run_id = ? AND code = ? AND indicator = ?")
      .run(crawl, my, 'smart_qa');
    old.close();

    const db = openDb(file);
    const applied = db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[];
    expect(applied.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(resultsRunOf(db, crawl, SITES.mianyang.code)).toBe(crawl); // the audit stored no results of its own
    expect(latestSmartQa(db)).toEqual({ status: 'present', run_id: crawl });
    db.close();
  });

  it('the analysts’ view shows an audit’s combined result as its crawl run’s, and a newer crawl over it', () => {
    const { db, b, audit } = audited(join(dir, 'view.db'));
    const row = () => latestSmartQa(db);
    expect(audit).toBeGreaterThan(b);
    expect(row()).toEqual({ status: 'present', run_id: b });
    const c = buildRun(db, 'b').runId; // a newer crawl, not audited: its own (absent) result is the latest
    expect(row()).toEqual({ status: 'absent', run_id: c });
    db.close();
  });
});
