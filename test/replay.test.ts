import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { register as registerReplay } from '../src/cli/commands/replay.js';
import { compareResults } from '../src/pipeline/replay.js';
import { createRun, loadResults, openDb, saveSite } from '../src/store/db.js';
import type { IndicatorResult } from '../src/types.js';
import { sampleArtifacts } from './helpers/artifacts.js';
import { runCli } from './helpers/cli.js';
import { tempDirForTests } from './helpers/temp-dir.js';

const result = (over: Partial<IndicatorResult> = {}): IndicatorResult => ({
  id: 'accessibility_mode',
  status: 'present',
  value: { via: 'link' },
  confidence: 0.9,
  reason: 'entry found',
  evidence: [{ kind: 'link', url: 'https://www.x.gov.cn/', snippet: '无障碍', rendered: false }],
  needsRender: false,
  ...over,
});

describe('compareResults', () => {
  it('treats a stored-and-loaded result as equal to the fresh one (false flags are not stored)', () => {
    const db = openDb(':memory:');
    const run = createRun(db, { kind: 'crawl', config: {}, options: {}, siteCodes: ['510100'], toolVersion: 't' });
    const fresh = [result()];
    saveSite(db, run, sampleArtifacts(), fresh);
    const loaded = loadResults(db, run, '510100');
    expect(loaded[0]!.evidence[0]).not.toHaveProperty('rendered');
    expect(compareResults(loaded, fresh)).toEqual([]);
  });

  it('reports a changed status, value, reason or a missing indicator', () => {
    expect(compareResults([result()], [result({ status: 'absent' })])[0]).toMatch(
      /^accessibility_mode: stored present .* replayed absent/,
    );
    expect(compareResults([result()], [result({ reason: 'other' })])[0]).toMatch(/reason\/evidence differ/);
    expect(
      compareResults([result()], [result({ evidence: [{ kind: 'link', url: 'u', rendered: true }] })]),
    ).toHaveLength(1);
    expect(compareResults([result()], [])).toEqual(['accessibility_mode: stored but not produced on replay']);
    expect(compareResults([], [result()])).toEqual(['accessibility_mode: produced on replay but not stored']);
  });
});

/** replay and bundle in-process (spawning tsx per call is slow on a busy machine). */
const cli = (...args: string[]) => runCli([registerReplay], args);

describe('replay and bundle: bad input exits 2 and names the database, run or site', () => {
  const dir = tempDirForTests('govscan-replay-');
  const file = join(dir, 'g.db');
  const db = openDb(file);
  const run = createRun(db, { kind: 'crawl', config: {}, options: {}, siteCodes: ['510100'], toolVersion: 't' });
  saveSite(db, run, sampleArtifacts(), [result()]);
  db.close();

  it('a missing, empty or non-SQLite database is bad input for replay and bundle, and is not created', async () => {
    const missing = join(dir, 'missing.db');
    for (const cmd of ['replay', 'bundle']) {
      const r = await cli(cmd, '1', '510100', '--db', missing);
      expect(r.status, cmd).toBe(2);
      expect(r.stderr, cmd).toContain(`no database at ${missing}`);
    }
    expect(existsSync(missing)).toBe(false);
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    const e = await cli('replay', '1', '510100', '--db', empty);
    expect(e.status).toBe(2);
    expect(e.stderr).toContain(`database ${empty} is empty (0 bytes)`);
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'id,name\n'.repeat(100));
    const t = await cli('bundle', '1', '510100', '--db', text);
    expect(t.status).toBe(2);
    expect(t.stderr).toContain(`${text} is not a SQLite database (SQLITE_NOTADB)`);
  });

  it('an unknown run or site, or a malformed run id, is bad input (exit 2)', async () => {
    const noRun = await cli('replay', '9', '510100', '--db', file);
    expect(noRun.status).toBe(2);
    expect(noRun.stderr).toContain(`no run 9 in ${file}; list runs with: govscan runs --db ${file}`);
    const noSite = await cli('bundle', String(run), '440100', '--db', file, '-o', join(dir, 'x.gz'));
    expect(noSite.status).toBe(2);
    expect(noSite.stderr).toContain(`run ${run} in ${file} has no stored site "440100"; its sites: 510100`);
    expect((await cli('replay', 'x', '510100', '--db', file)).status).toBe(2);
    expect((await cli('bundle', '0', '510100', '--db', file)).status).toBe(2);
    const digestWithoutBundle = await cli(
      'replay',
      String(run),
      '510100',
      '--db',
      file,
      '--expect-digest',
      'a'.repeat(64),
    );
    expect(digestWithoutBundle.status).toBe(2);
    expect(digestWithoutBundle.stderr).toContain('--expect-digest checks a bundle');
  });
});
