import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiff, register as registerDiff } from '../src/cli/commands/diff.js';
import { register as registerExport } from '../src/cli/commands/export.js';
import { register as registerRuns } from '../src/cli/commands/runs.js';
import { register as registerScore } from '../src/cli/commands/score.js';
import { parseConfig, userAgent } from '../src/config/config.js';
import { diffRuns, loadWeights } from '../src/scoring/index.js';
import { createRun, openDb } from '../src/store/db.js';
import { runCli } from './helpers/cli.js';
import { createRunWithVantage } from './helpers/runs.js';
import { buildRun, SITES } from './scoring.fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'govscan-diff-'));
const dbFile = join(dir, 'd.db');
const db = openDb(dbFile);
const a = buildRun(db, 'a').runId;
const b = buildRun(db, 'b').runId;
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('diffRuns', () => {
  const d = diffRuns(db, a, b, loadWeights());
  it('lists removed sites and the per-site indicator, score and tier changes', () => {
    expect(d.added).toEqual([]);
    expect(d.removed.map((s) => s.code)).toEqual([SITES.guangzhou.code]);
    expect(d.changed.map((c) => c.code)).toEqual([SITES.mianyang.code]);
    const my = d.changed[0]!;
    expect(my.total).toEqual({ from: 78.24, to: 63.15, delta: -15.09 });
    expect(my.tier).toEqual({ from: '积极发展', to: '稳步发展' });
    expect(my.indicators.map((i) => [i.id, i.from?.status, i.to?.status])).toEqual([
      ['homepage_freshness', 'present', 'absent'],
      ['interaction_channel', 'present', 'present'],
      ['open_data_datasets', 'present', 'absent'],
      ['open_data_platform', 'present', 'absent'],
    ]);
    expect(my.indicators[1]!.to!.value).toEqual({ channels: ['mailbox'], entries: [] });
    expect(d.unchanged).toBe(4);
  });
  it('explains a moved total by the parts that moved it, per site and on average', () => {
    const my = d.changed[0]!;
    const moved = my.parts!.reduce((sum, p) => sum + p.delta, 0);
    expect(Math.round(moved * 100) / 100).toBeCloseTo(my.total!.delta!, 1);
    expect(my.parts!.map((p) => p.id)).toContain('supply'); // the open-data indicators (服务供给) went absent
    // One site of the four scored in both moved; the mean is its move over four.
    expect(d.shift.sites).toBe(4);
    expect(d.shift.meanTotalDelta).toBeCloseTo(-15.09 / 4, 1);
  });
  it('reverses cleanly: what was removed is added', () => {
    const r = diffRuns(db, b, a, loadWeights());
    expect(r.added.map((s) => s.code)).toEqual([SITES.guangzhou.code]);
    expect(r.changed[0]!.total!.delta).toBe(15.09);
  });
  it('formats a readable summary', () => {
    const text = formatDiff(d);
    expect(text).toContain('- 440100 广州市 (广东省): only in run 1');
    expect(text).toContain('tier 积极发展 → 稳步发展');
    expect(text).toContain('interaction_channel: present (mailbox,hotline12345,consult) → present (mailbox)');
    expect(text).toMatch(/moved by: .*-\d/);
    const lines = text.trim().split('\n');
    expect(lines.at(-2)).toBe('0 added, 1 removed, 1 changed, 4 unchanged');
    expect(lines.at(-1)).toMatch(
      /^mean total shift over 4 sites scored in both: -3\.77 \(服务供给能力 -1\.55, 服务响应能力 -2\.22\)$/,
    );
  });
  it('rejects an unknown run', () => {
    expect(() => diffRuns(db, a, 99, loadWeights())).toThrow(/run 99 does not exist/);
  });
});

/** Run commands in-process (spawning tsx per call is slow on a busy 2-core machine); one real spawn checks the bin. */
const cli = (...args: string[]) => cliOn(dbFile, ...args);

const cliOn = (db: string, ...args: string[]) =>
  runCli([registerRuns, registerDiff, registerScore, registerExport], [...args, '--db', db]);

describe('CLI: runs, diff, score, export', () => {
  it('the govscan bin lists both runs as JSON', () => {
    const runs = JSON.parse(
      execFileSync('node', ['src/cli/govscan.mjs', 'runs', '--json', '--db', dbFile], { encoding: 'utf8' }),
    );
    expect(runs.map((r: { id: number; sitesDone: number }) => [r.id, r.sitesDone])).toEqual([
      [a, 6],
      [b, 5],
    ]);
  }, 180_000);
  it('diff --json, and exit code 2 for a bad run id', async () => {
    const ok = await cli('diff', String(a), String(b), '--json');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).changed).toHaveLength(1);
    const bad = await cli('diff', String(a), 'x');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/<runB> must be a run id/);
    expect((await cli('diff', String(a), '77')).status).toBe(2);
  });
  it('score prints the ranking of the newest run and stores it; export writes files; bad input exits 2', async () => {
    const s = await cli('score');
    expect(s.status).toBe(0);
    expect(s.stdout.split('\n')[2]).toMatch(/^1\t1\t99\.16\t领先发展/);
    const runs = JSON.parse((await cli('runs', '--json')).stdout);
    expect(runs[1].scoredWith).toHaveLength(1);
    const e = await cli('export', '--format', 'csv', '--out', join(dir, 'x'), '--province', '四川');
    expect(e.status).toBe(0);
    expect(
      e.stdout
        .trim()
        .split('\n')
        .map((p) => p.slice(join(dir, 'x').length + 1)),
    ).toEqual([`govscan-run${b}.csv`, 'data-dictionary.md', 'data-dictionary.json']);
    const w = await cli('score', '--weights', join(dir, 'missing.json'));
    expect(w.status).toBe(2);
    expect(w.stderr).toMatch(/invalid scoring weights .*missing\.json/);
    expect((await cli('export', '--format', 'pdf')).status).toBe(2);
    expect((await cli('export', '--tier', '顶级')).stderr).toMatch(/--tier must be one of 领先发展/);
  });
});

describe('CLI: a pointless comparison or an empty selection is said, not silently written', () => {
  it('diff of a run with itself is a usage error (exit 2)', async () => {
    const r = await cli('diff', String(a), String(a));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`diff compares two different runs (got run ${a} twice)`);
    expect(r.stdout).toBe('');
  });

  it('export: a --province or --kind that matches no site of the run exits 2 and writes nothing, naming the filter and the run’s provinces', async () => {
    const out = join(dir, 'none');
    const r = await cli('export', '--format', 'csv', '--out', out, '--province', '西藏');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`no site of run ${b} matches --province 西藏; nothing was written\\. The run's provinces: .*四川省`),
    );
    expect(existsSync(out)).toBe(false);
    const k = await cli('export', '--format', 'csv', '--out', out, '--province', '四川', '--kind', 'municipality');
    expect(k.status).toBe(2);
    expect(k.stderr).toContain(`no site of run ${b} matches --province 四川 --kind municipality`);
  });

  it('export: an empty tier is a true answer: the empty tables are written, with a warning naming the tier (exit 0)', async () => {
    const scores = JSON.parse((await cli('score', '--json')).stdout) as {
      sites: { tier: string | null }[];
      weights: { tiers: { levels: { name: string }[] } };
    };
    const empty = scores.weights.tiers.levels.map((l) => l.name).find((t) => !scores.sites.some((s) => s.tier === t))!;
    expect(empty).toBeDefined();
    const out = join(dir, 'tier');
    const r = await cli('export', '--format', 'csv', '--out', out, '--tier', empty);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `warning: no site of run ${b} is in tier ${empty} (--tier ${empty}): the tables have no rows`,
    );
    expect(
      readFileSync(join(out, `govscan-run${b}.csv`), 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(1); // the header only
  });

  it('runs shows where each run ran from, as text and JSON, and "—" for runs stored before that was recorded', async () => {
    const file = join(dir, 'vantage.db');
    const vdb = openDb(file);
    const cfg = parseConfig({
      network: {
        vantage: 'beijing-idc-1',
        resolver: '223.5.5.5:53',
        allowListHeader: { name: 'X-Scan', value: 'tok' },
      },
    });
    createRun(vdb, { kind: 'crawl', config: {}, options: {}, siteCodes: [], toolVersion: 't' });
    createRunWithVantage(vdb, cfg);
    vdb.close();
    const j = await cliOn(file, 'runs', '--json');
    const [before, now] = JSON.parse(j.stdout);
    expect(before.vantage).toBeNull();
    expect(now.vantage).toEqual({
      vantage: 'beijing-idc-1',
      resolver: '223.5.5.5:53',
      userAgent: userAgent(cfg),
      contactUrl: cfg.crawl.contactUrl,
      allowListHeader: 'X-Scan',
    });
    expect(j.stdout).not.toContain('"tok"');
    const [head, first, second] = (await cliOn(file, 'runs')).stdout.trim().split('\n');
    expect(head!.split('\t').slice(-4)).toEqual(['vantage', 'resolver', 'allow-list header', 'user agent']);
    expect(first!.split('\t').slice(-4)).toEqual(['—', '—', '—', '—']);
    expect(second!.split('\t').slice(-4)).toEqual(['beijing-idc-1', '223.5.5.5:53', 'X-Scan', userAgent(cfg)]);
  });

  it('score of a run with no finished sites says so (exit 0: an empty run is a fact, not a mistake)', async () => {
    const empty = createRun(db, { kind: 'crawl', config: {}, options: {}, siteCodes: ['510100'], toolVersion: 't' });
    const r = await cli('score', '--run', String(empty));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `warning: run ${empty} in ${dbFile} has no finished sites: there is nothing to score, the output is empty`,
    );
  });

  it('runs, score and diff on a missing, empty, non-SQLite or corrupt database: exit 2 naming the path', async () => {
    const missing = join(dir, 'missing.db');
    const m = await cliOn(missing, 'runs');
    expect(m.status).toBe(2);
    expect(m.stderr).toContain(`no database at ${missing}`);
    expect(existsSync(missing)).toBe(false);
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    const e = await cliOn(empty, 'score');
    expect(e.status).toBe(2);
    expect(e.stderr).toContain(`database ${empty} is empty (0 bytes)`);
    const csv = join(dir, 'sites.csv');
    writeFileSync(csv, 'code,name\n510100,成都市\n'.repeat(50));
    const n = await cliOn(csv, 'diff', '1', '2');
    expect(n.status).toBe(2);
    expect(n.stderr).toContain(`${csv} is not a SQLite database (SQLITE_NOTADB)`);
    const corrupt = join(dir, 'corrupt.db');
    copyFileSync(dbFile, corrupt);
    const bytes = readFileSync(corrupt);
    bytes.fill(0x41, 100, 4096); // the schema page
    writeFileSync(corrupt, bytes);
    const c = await cliOn(corrupt, 'runs');
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(
      new RegExp(`database ${corrupt} is corrupt \\(SQLITE_CORRUPT\\w*\\): restore it from a backup`),
    );
  });
});

/** Make a file read-only even for root (chattr +i; chmod does not stop root); undefined when this machine cannot. */
function makeReadOnly(file: string): (() => void) | undefined {
  if (process.getuid?.() !== 0) {
    chmodSync(file, 0o444);
    return () => chmodSync(file, 0o644);
  }
  const r = spawnSync('chattr', ['+i', file]);
  return r.status === 0 ? () => void spawnSync('chattr', ['-i', file]) : undefined;
}

describe('CLI: a read-only database', () => {
  it('score needs to write its scores: exit 2, naming the file and what to do', async (ctx) => {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const ro = join(dir, 'read-only.db');
    copyFileSync(dbFile, ro);
    const undo = makeReadOnly(ro);
    if (!undo) return ctx.skip(); // root without chattr support (some containers): nothing to test with
    try {
      const r = await cliOn(ro, 'score', '--run', String(a));
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`database ${ro} is read-only (SQLITE_READONLY`);
      expect(r.stderr).toContain(
        'make the file and its directory writable, or copy it somewhere writable and pass --db',
      );
    } finally {
      undo();
    }
  });
});
