import { describe, expect, it } from 'vitest';
import { compareResults } from '../src/pipeline/replay.js';
import { loadResults, openDb, createRun, saveSite } from '../src/store/db.js';
import type { IndicatorResult } from '../src/types.js';
import { sampleArtifacts } from './helpers/artifacts.js';

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
    expect(compareResults([result()], [result({ status: 'absent' })])[0]).toMatch(/^accessibility_mode: stored present .* replayed absent/);
    expect(compareResults([result()], [result({ reason: 'other' })])[0]).toMatch(/reason\/evidence differ/);
    expect(compareResults([result()], [result({ evidence: [{ kind: 'link', url: 'u', rendered: true }] })])).toHaveLength(1);
    expect(compareResults([result()], [])).toEqual(['accessibility_mode: stored but not produced on replay']);
    expect(compareResults([], [result()])).toEqual(['accessibility_mode: produced on replay but not stored']);
  });
});
