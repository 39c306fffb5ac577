import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyRule,
  checkStoredScores,
  DEFAULT_WEIGHTS_FILE,
  loadScores,
  loadWeights,
  parseWeights,
  type SiteScore,
  saveScores,
  scoredConfigs,
  scoreRun,
  storedWeights,
  WeightsError,
  weightsHash,
} from '../src/scoring/index.js';
import { createRun, openDb, saveSite } from '../src/store/db.js';
import { thrownProblems } from './helpers/problems.js';
import { artifacts, buildRun, GOOD, results, SITES } from './scoring.fixtures.js';

const byCode = (sites: SiteScore[], code: string): SiteScore => sites.find((s) => s.code === code)!;

describe('scoreRun with the default weights', () => {
  const weights = loadWeights();
  const { db, runId } = buildRun();
  const scores = scoreRun(db, runId, weights);

  it('gives full marks to a site where everything is present and measured at its best', () => {
    const cd = byCode(scores.sites, SITES.chengdu.code);
    expect(cd.dimensions.map((d) => [d.id, d.points])).toEqual([
      ['supply', 39.16], // (39.1 + 3 new weight-1 refs) · 40/43
      ['response', 40],
      ['intelligence', 20],
    ]);
    expect(cd.total).toBe(99.16);
    expect(cd.coverage).toBe(1);
    expect(cd.tier).toBe('领先发展');
    expect(cd.flags).toEqual([]);
  });

  it('applies ratio, threshold, log and fraction rules and flags vetoes', () => {
    const my = byCode(scores.sites, SITES.mianyang.code);
    // supply 4.5 + 7 + 6 + 4 + 4 + 4 + 4·log(100)/log(1001) + 0 = 32.17, response 14 + 7 + 4 + 4 = 29, each with
    // the weight-1 refs of issue 17 present (three in supply, two in response): (x + 3) · 40/43, (x + 2) · 40/42;
    // intelligence 16
    expect(my.dimensions.map((d) => d.points)).toEqual([32.71, 29.52, 16]);
    expect(my.total).toBe(78.24); // from the unrounded points
    expect(my.tier).toBe('积极发展');
    expect(my.flags).toContain('veto:letters_unanswered');
    expect(my.vetoes.find((v) => v.id === 'homepage_not_updated')!.fired).toBe(false);
  });

  it('deducts norm failures from the total', () => {
    const bj = byCode(scores.sites, SITES.beijing.code);
    expect(bj.deducted).toBe(1); // ipv6 absent
    expect(bj.total).toBe(39.16 + 40 + 14 - 1);
  });

  it('ranks with ties (1, 1, 3 …) nationally and within provinces', () => {
    const ranked = scores.sites
      .filter((s) => s.nationalRank !== null)
      .map((s) => [s.code, s.nationalRank, s.provincialRank]);
    expect(ranked).toEqual([
      ['440300', 1, 1],
      ['510100', 1, 1],
      ['110000', 3, 1],
      ['510700', 4, 2],
    ]);
  });

  it('excludes unknown indicators instead of scoring them zero, and flags low coverage', () => {
    const aba = byCode(scores.sites, SITES.aba.code);
    expect(aba.scored).toBe(true);
    expect(aba.coverage).toBe(0.1891); // portal (6 of 43) + interaction channel (14 of 42) known, ×40 each
    expect(aba.dimensions.map((d) => d.points)).toEqual([40, 0, null]);
    expect(aba.total).toBeNull();
    expect(aba.flags).toContain('incomplete');
    expect(aba.nationalRank).toBeNull();
    expect(aba.tier).toBeNull();
    const unknown = aba.indicators.find((i) => i.key === 'smart_qa')!;
    expect(unknown).toMatchObject({ excluded: true, points: null, status: 'unknown' });
    expect(unknown.note).toMatch(/^unknown:/);
    expect(aba.vetoes.find((v) => v.id === 'homepage_not_updated')!.fired).toBeNull();
    expect(aba.flags).toContain('veto_unknown:homepage_not_updated');
  });

  it('rescales a dimension over its known weight: one unknown does not pull the score down', () => {
    const db2 = openDb(':memory:');
    const run = createRun(db2, { kind: 'crawl', config: {}, options: {}, siteCodes: [], toolVersion: 't' });
    const base = results(GOOD);
    const oneUnknown = base.map((r) => (r.id === 'smart_qa' ? { ...r, status: 'unknown' as const } : r));
    const oneAbsent = base.map((r) => (r.id === 'smart_qa' ? { ...r, status: 'absent' as const } : r));
    saveSite(db2, run, artifacts(SITES.chengdu), oneUnknown);
    saveSite(db2, run, artifacts(SITES.beijing), oneAbsent);
    const s = scoreRun(db2, run, weights);
    const intel = (code: string) => byCode(s.sites, code).dimensions.find((d) => d.id === 'intelligence')!;
    expect(intel(SITES.chengdu.code).points).toBe(20);
    expect(intel(SITES.chengdu.code).coverage).toBe(0.8);
    expect(intel(SITES.beijing.code).points).toBe(16);
    expect(intel(SITES.beijing.code).coverage).toBe(1);
  });

  it('gives an unreachable site no score (not zero) with the reason', () => {
    const gz = byCode(scores.sites, SITES.guangzhou.code);
    expect(gz).toMatchObject({ scored: false, total: null, nationalRank: null, tier: null });
    expect(gz.noScoreReason).toMatch(/challenge_failed/);
    expect(scores.sites[scores.sites.length - 1]!.code).toBe(SITES.guangzhou.code);
  });

  it('stores scores with their config and reproduces them from the stored config', () => {
    saveScores(db, scores, '2026-01-02T00:00:00Z');
    const stored = loadScores(db, runId)!;
    expect(stored).toEqual(scores);
    expect(scoredConfigs(db, runId).map((c) => c.hash)).toEqual([weightsHash(weights)]);
    const again = storedWeights(db, scores.configHash);
    expect(weightsHash(again)).toBe(scores.configHash);
    expect(scoreRun(db, runId, again)).toEqual(stored);
  });
});

describe('tiers', () => {
  it('supports percentile cut-offs', () => {
    const w = loadWeights();
    const pct = parseWeights({
      ...JSON.parse(readFileSync(DEFAULT_WEIGHTS_FILE, 'utf8')),
      tiers: {
        mode: 'percentile',
        levels: [
          { name: 'top', min: 50 },
          { name: 'rest', min: 0 },
        ],
      },
    });
    const { db, runId } = buildRun();
    const s = scoreRun(db, runId, pct);
    // 4 ranked sites: the tied pair has 2 of 4 below it (50%) → top; Beijing 1 of 4 below → rest.
    expect(s.sites.filter((x) => x.tier).map((x) => [x.code, x.tier])).toEqual([
      ['440300', 'top'],
      ['510100', 'top'],
      ['110000', 'rest'],
      ['510700', 'rest'],
    ]);
    expect(weightsHash(pct)).not.toBe(weightsHash(w));
  });

  it('can put vetoed sites in the last tier', () => {
    const raw = JSON.parse(readFileSync(DEFAULT_WEIGHTS_FILE, 'utf8'));
    const { db, runId } = buildRun();
    const s = scoreRun(db, runId, parseWeights({ ...raw, vetoEffect: 'lowest_tier' }));
    expect(byCode(s.sites, SITES.mianyang.code).tier).toBe('亟待发展');
    expect(byCode(s.sites, SITES.chengdu.code).tier).toBe('领先发展');
  });
});

describe('weights file validation', () => {
  const raw = () => JSON.parse(readFileSync(DEFAULT_WEIGHTS_FILE, 'utf8'));
  it('names the path of a bad value', () => {
    const bad = raw();
    bad.dimensions[0].subs[0].refs[0].indicator = 'no_such_indicator';
    expect(() => parseWeights(bad, 'w.json')).toThrow(/w\.json[\s\S]*dimensions\.0\.subs\.0\.refs\.0\.indicator/);
  });
  it('requires dimension maxima summing to 100 and decreasing tiers ending at 0', () => {
    const bad = raw();
    bad.dimensions[0].max = 50;
    bad.tiers.levels[3].min = 10;
    const err = (() => {
      try {
        parseWeights(bad);
      } catch (e) {
        return e as WeightsError;
      }
    })()!;
    expect(err).toBeInstanceOf(WeightsError);
    expect(err.problems.join('\n')).toMatch(/sum to 100 \(got 110\)/);
    expect(err.problems.join('\n')).toMatch(/tiers\.levels\.3\.min: the last tier must have min 0/);
  });
  it('rejects a duplicate ref key', () => {
    const bad = raw();
    bad.dimensions[0].subs[0].refs.push({ indicator: 'online_service_rate', weight: 1, rule: { type: 'presence' } });
    expect(() => parseWeights(bad)).toThrow(/duplicate ref key "online_service_rate"/);
  });
  it('reports an unreadable file clearly', () => {
    expect(() => loadWeights('/nonexistent/w.json')).toThrow(/\/nonexistent\/w\.json[\s\S]*cannot read file/);
  });
  const problems = (w: unknown) => thrownProblems(() => parseWeights(w, 'w.json'));
  it('names the file, the JSON path and an unknown key, with "did you mean"', () => {
    const bad = raw();
    bad.dimensions[0].subs[0].refs[0].rule.feild = 'rate';
    bad.dimensions[0].subs[0].refs[1].wieght = 7;
    bad.minCoverge = 0.5;
    bad.tiers.zzz = 1;
    bad.vetoes = [
      { id: 'v1', name: '网站无法访问', indicator: 'https', when: { feild: 'certValid', gt: 0 } },
      { id: 'v2', name: 'x', indicator: 'https', when: 'absnt' },
    ];
    expect(() => parseWeights(bad, 'my-weights.json')).toThrow(/^invalid scoring weights my-weights\.json:\n/);
    const p = problems(bad);
    expect(p).toContain('dimensions.0.subs.0.refs.0.rule: unknown key "feild" (did you mean "field"?)');
    expect(p).toContain('dimensions.0.subs.0.refs.1: unknown key "wieght" (did you mean "weight"?)');
    expect(p).toContain('(root): unknown key "minCoverge" (did you mean "minCoverage"?)');
    expect(p).toContain('tiers: unknown key "zzz" (allowed: mode, levels)');
    expect(p).toContain('vetoes.0.when: unknown key "feild" (did you mean "field"?)');
    expect(p).toContain('vetoes.1.when: "absnt" is not allowed (did you mean "absent"?)');
  });
  it('a misspelt value field is an error, not an indicator silently dropped from every score', () => {
    const bad = raw();
    bad.dimensions[0].subs[0].refs[0].rule = { type: 'ratio', field: 'rtae' };
    expect(problems(bad)).toEqual([
      'dimensions.0.subs.0.refs.0.rule.field: online_service_rate has no value field "rtae" (did you mean "rate"?)',
    ]);
    const far = raw();
    far.dimensions[0].subs[0].refs[0].rule = { type: 'ratio', field: 'share' };
    far.vetoes = [{ id: 'v1', name: 'x', indicator: 'https', when: { field: 'certvalid', gt: 0 } }];
    expect(problems(far)).toEqual([
      'dimensions.0.subs.0.refs.0.rule.field: online_service_rate has no value field "share" (its fields: items, fullyOnline, rate, source)',
      'vetoes.0.when.field: https has no value field "certvalid" (did you mean "certValid"?)',
    ]);
    const type = raw();
    type.dimensions[0].subs[0].refs[0].rule.type = 'ration';
    type.dimensions[0].subs[0].refs[1].indicator = 'service_guide_completenes';
    expect(problems(type)).toEqual([
      'dimensions.0.subs.0.refs.0.rule.type: "ration" is not allowed (did you mean "ratio" or "fraction"?)',
      'dimensions.0.subs.0.refs.1.indicator: "service_guide_completenes" is not allowed (did you mean "service_guide_completeness"?)',
    ]);
  });
  it('the shipped weights files pass the stricter checks', () => {
    for (const f of ['weights.default.json', 'weights.four-dimensions.json'])
      expect(() => loadWeights(DEFAULT_WEIGHTS_FILE.replace('weights.default.json', f))).not.toThrow();
  });
});

describe('rules', () => {
  const r = (status: 'present' | 'absent' | 'unknown', value?: unknown) =>
    ({ id: 'x', status, value, confidence: 1, reason: 'r', evidence: [] }) as Parameters<typeof applyRule>[1];
  it('threshold: lower is better, linear and clamped', () => {
    const rule = { type: 'threshold', field: 'medianDays', full: 5, zero: 30 } as const;
    expect(applyRule(rule, r('present', { medianDays: 2 }))).toEqual({ fraction: 1 });
    expect(applyRule(rule, r('present', { medianDays: 17.5 }))).toEqual({ fraction: 0.5 });
    expect(applyRule(rule, r('present', { medianDays: 45 }))).toEqual({ fraction: 0 });
    expect(applyRule(rule, r('present', { medianDays: null }))).toHaveProperty('excluded');
    expect(applyRule(rule, r('absent'))).toEqual({ fraction: 0 });
  });
  it('never scores unknown, and excludes a present result without the measured field', () => {
    expect(applyRule({ type: 'presence' }, r('unknown'))).toHaveProperty('excluded');
    expect(applyRule({ type: 'ratio', field: 'rate' }, r('present', {}))).toHaveProperty('excluded');
    expect(applyRule({ type: 'presence' }, undefined)).toEqual({ excluded: 'no result stored for this indicator' });
  });
  it('count and fields rules', () => {
    expect(
      applyRule({ type: 'count', field: 'channels', full: 3 }, r('present', { channels: ['a', 'a', 'b'] })),
    ).toEqual({ fraction: 2 / 3 });
    expect(
      applyRule({ type: 'fields', fields: ['a', 'b', 'c', 'd'] }, r('present', { a: true, b: '', c: 'x', d: [] })),
    ).toEqual({ fraction: 0.5 });
  });
});

describe('a run that does not exist', () => {
  it('fails with the run id', () => {
    const db = openDb(':memory:');
    expect(() => scoreRun(db, 42, loadWeights())).toThrow(/run 42 does not exist/);
  });
});

describe('reproducibility check and alternative weights', () => {
  it('reports reproduced, then DIFFERS once a stored result changes', () => {
    const { db, runId } = buildRun();
    saveScores(db, scoreRun(db, runId, loadWeights()));
    const four = loadWeights(DEFAULT_WEIGHTS_FILE.replace('weights.default.json', 'weights.four-dimensions.json'));
    expect(four.dimensions.map((d) => [d.id, d.max])).toEqual([
      ['supply', 35],
      ['response', 35],
      ['intelligence', 15],
      ['data', 15],
    ]);
    saveScores(db, scoreRun(db, runId, four));
    expect(checkStoredScores(db, runId).map((c) => c.same)).toEqual([true, true]);
    db.prepare(
      `UPDATE indicator_results SET status = 'absent' WHERE run_id = ? AND code = ? AND indicator = 'smart_qa'`,
    ).run(runId, SITES.chengdu.code);
    const after = checkStoredScores(db, runId);
    expect(after.map((c) => c.same)).toEqual([false, false]);
    expect(after[0]!.differing).toContain(SITES.chengdu.code);
  });
});
