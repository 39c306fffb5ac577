import { afterAll, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffRuns, loadWeights } from '../src/scoring/index.js';
import { formatDiff, register as registerDiff } from '../src/cli/commands/diff.js';
import { register as registerRuns } from '../src/cli/commands/runs.js';
import { register as registerScore } from '../src/cli/commands/score.js';
import { register as registerExport } from '../src/cli/commands/export.js';
import { openDb } from '../src/store/db.js';
import { SITES, buildRun } from './scoring.fixtures.js';

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
    expect(my.total).toEqual({ from: 77.17, to: 61.17, delta: -16 });
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
  it('reverses cleanly: what was removed is added', () => {
    const r = diffRuns(db, b, a, loadWeights());
    expect(r.added.map((s) => s.code)).toEqual([SITES.guangzhou.code]);
    expect(r.changed[0]!.total!.delta).toBe(16);
  });
  it('formats a readable summary', () => {
    const text = formatDiff(d);
    expect(text).toContain('- 440100 广州市 (广东省): only in run 1');
    expect(text).toContain('tier 积极发展 → 稳步发展');
    expect(text).toContain('interaction_channel: present (mailbox,hotline12345,consult) → present (mailbox)');
    expect(text.trim().split('\n').pop()).toBe('0 added, 1 removed, 1 changed, 4 unchanged');
  });
  it('rejects an unknown run', () => {
    expect(() => diffRuns(db, a, 99, loadWeights())).toThrow(/run 99 does not exist/);
  });
});

/** Run commands in-process (spawning tsx per call is slow on a busy 2-core machine); one real spawn checks the bin. */
async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const program = new Command('govscan').exitOverride();
  for (const register of [registerRuns, registerDiff, registerScore, registerExport]) register(program);
  let stdout = '', stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'govscan', ...args, '--db', dbFile]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const status = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { status, stdout, stderr };
}

describe('CLI: runs, diff, score, export', () => {
  it('the govscan bin lists both runs as JSON', () => {
    const runs = JSON.parse(execFileSync('node', ['src/cli/govscan.mjs', 'runs', '--json', '--db', dbFile], { encoding: 'utf8' }));
    expect(runs.map((r: { id: number; sitesDone: number }) => [r.id, r.sitesDone])).toEqual([[a, 6], [b, 5]]);
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
    expect(s.stdout.split('\n')[2]).toMatch(/^1\t1\t99\.10\t领先发展/);
    const runs = JSON.parse((await cli('runs', '--json')).stdout);
    expect(runs[1].scoredWith).toHaveLength(1);
    const e = await cli('export', '--format', 'csv', '--out', join(dir, 'x'), '--province', '四川');
    expect(e.status).toBe(0);
    expect(e.stdout.trim().split('\n').map((p) => p.slice(join(dir, 'x').length + 1))).toEqual([`govscan-run${b}.csv`, 'data-dictionary.md', 'data-dictionary.json']);
    const w = await cli('score', '--weights', join(dir, 'missing.json'));
    expect(w.status).toBe(2);
    expect(w.stderr).toMatch(/invalid scoring weights .*missing\.json/);
    expect((await cli('export', '--format', 'pdf')).status).toBe(2);
    expect((await cli('export', '--tier', '顶级')).stderr).toMatch(/--tier must be one of 领先发展/);
  });
});
