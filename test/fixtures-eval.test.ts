// The evaluation harness: counting against the ground truth, thresholds, and the markdown report.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithTruth, formatEvalReport, loadThresholds, type SiteResult } from '../fixtures/eval/compare.js';
import { generateWorld } from '../fixtures/index.js';
import { INDICATOR_IDS } from '../indicators/values.js';
import { loadRegistry } from '../src/registry/registry.js';
import type { IndicatorResult, JsonValue } from '../src/types.js';

const world = generateWorld({ seed: 20261122, asOf: new Date('2026-11-22T00:00:00Z'), registry: loadRegistry() });
const manifest = world.manifest;
const thresholds = loadThresholds();

/** Results that say exactly what the truth says. */
function perfect(): SiteResult[] {
  return manifest.sites.map((s) => ({
    code: s.code,
    siteStatus: s.hostile?.expectSiteStatus ?? 'ok',
    indicators: INDICATOR_IDS.map((id): IndicatorResult => {
      const t = s.indicators[id]!;
      return {
        id,
        status: t.status,
        value: (t.value ?? undefined) as JsonValue | undefined,
        confidence: 1,
        reason: `truth: ${t.form}`,
        evidence: [],
      };
    }),
  }));
}

function edit(results: SiteResult[], code: string, id: string, change: Partial<IndicatorResult>): void {
  const r = results.find((x) => x.code === code)!.indicators.find((i) => i.id === id)!;
  Object.assign(r, change);
}

describe('compareWithTruth', () => {
  it('perfect results pass every threshold with precision and recall 1', () => {
    const rep = compareWithTruth(manifest, perfect(), thresholds);
    expect(rep.pass).toBe(true);
    expect(rep.failures).toEqual([]);
    for (const e of rep.indicators) {
      expect([e.id, e.precision, e.recall, e.valueAgreement]).toEqual([e.id, 1, 1, 1]);
      expect(e.fp + e.fn + e.unknownAsAbsent).toBe(0);
    }
    expect(rep.indicators.find((e) => e.id === 'open_data_datasets')!.valuesChecked).toBeGreaterThan(100);
    expect(rep.siteStatus.agreement).toBe(1);
  });

  it('counts false positives, false negatives, unknown→absent and value mismatches, and fails thresholds', () => {
    const res = perfect();
    const s = manifest.sites;
    const absentQa = s.find((x) => x.indicators.smart_qa!.status === 'absent')!;
    const presentQa = s.find((x) => x.indicators.smart_qa!.status === 'present')!;
    const unknown = s.find((x) => x.indicators.smart_qa!.status === 'unknown')!;
    const withData = s.find((x) => x.indicators.open_data_datasets!.status === 'present')!;
    edit(res, absentQa.code, 'smart_qa', { status: 'present', reason: 'matched 智能问答 in a comment' });
    edit(res, presentQa.code, 'smart_qa', { status: 'absent', reason: 'no entry found' });
    edit(res, unknown.code, 'smart_qa', { status: 'absent', reason: 'nothing found' });
    edit(res, withData.code, 'open_data_datasets', {
      value: { ...(withData.indicators.open_data_datasets!.value as object), datasets: 1 } as JsonValue,
    });
    res.find((x) => x.code === unknown.code)!.siteStatus = 'ok';

    const rep = compareWithTruth(manifest, res, thresholds);
    const qa = rep.indicators.find((e) => e.id === 'smart_qa')!;
    expect([qa.fp, qa.fn, qa.unknownAsAbsent]).toEqual([1, 1, 1]);
    expect(qa.precision).toBeCloseTo(qa.tp / (qa.tp + 1));
    expect(qa.recall).toBeCloseTo(qa.tp / (qa.tp + 1));
    expect(qa.pass).toBe(false); // 1 unknown→absent is over the default of 0
    expect(qa.wrong.map((w) => w.problem).sort()).toEqual(['false_negative', 'false_positive', 'unknown_as_absent']);
    expect(qa.wrong.find((w) => w.problem === 'false_positive')!.reason).toContain('comment');
    const ds = rep.indicators.find((e) => e.id === 'open_data_datasets')!;
    expect(ds.valuesChecked - ds.valuesAgreed).toBe(1);
    expect(ds.wrong[0]).toMatchObject({ problem: 'value_mismatch', field: 'datasets', gotValue: 1 });
    expect(rep.siteStatus.wrong).toEqual([
      { code: unknown.code, name: unknown.name, expected: unknown.hostile!.expectSiteStatus, got: 'ok' },
    ]);
    expect(rep.pass).toBe(false);

    const md = formatEvalReport(rep);
    expect(md).toMatch(/\| smart_qa \| [\d.]+% \| [\d.]+% \| \d+ \| 1 \| 1 \| \d+ \| 0 \| 1 \| \d+\/\d+ \| ✗ \|/);
    expect(md).toContain('### smart_qa (3)');
    expect(md).toContain(absentQa.code);
  });

  it('judges sites behind passable challenges as a group: what the pass leaves unknown counts against it', () => {
    const passable = manifest.sites.filter(
      (s) => s.hostile?.kind.startsWith('challenge_') && s.hostile.expectSiteStatus === 'ok',
    );
    expect(passable.length).toBeGreaterThanOrEqual(4);
    expect(compareWithTruth(manifest, perfect(), thresholds).protectedSites).toMatchObject({
      sites: passable.length,
      agreement: 1,
    });
    const res = perfect();
    // As if the browser had not got past them: every page indicator unknown.
    for (const s of passable) for (const r of res.find((x) => x.code === s.code)!.indicators) r.status = 'unknown';
    const rep = compareWithTruth(manifest, res, thresholds);
    expect(rep.protectedSites.agreement).toBe(0);
    expect(rep.failures.join('\n')).toMatch(/sites behind passable challenges: 0\.0% of judged indicators agree/);
    expect(formatEvalReport(rep)).toContain('Sites behind passable anti-bot challenges');
  });

  it('missing sites and indicators are false negatives, not silently skipped', () => {
    const res = perfect().slice(1);
    const rep = compareWithTruth(manifest, res, thresholds);
    expect(rep.sitesEvaluated).toBe(manifest.sites.length - 1);
    const presentIds = INDICATOR_IDS.filter((id) => manifest.sites[0]!.indicators[id]!.status === 'present');
    for (const id of presentIds) expect(rep.indicators.find((e) => e.id === id)!.missing).toBe(1);
  });

  it('an indicator without ground truth (a newly added file) is reported as not judged, not as passing', () => {
    const bare = {
      ...manifest,
      sites: manifest.sites.map((s) => ({ ...s, indicators: { ...s.indicators, https: undefined } })),
    };
    const res = perfect();
    edit(res, manifest.sites[0]!.code, 'https', { status: 'absent' });
    const rep = compareWithTruth(bare, res, thresholds);
    const https = rep.indicators.find((e) => e.id === 'https')!;
    expect([https.judged, https.tp + https.fp + https.fn + https.tn, https.pass]).toEqual([0, 0, true]);
    expect(rep.indicators.find((e) => e.id === 'ipv6')!.judged).toBe(manifest.sites.length);
    expect(rep.pass).toBe(true);
    expect(formatEvalReport(rep)).toContain('| https | not judged: no ground truth |');
  });
});

describe('thresholds', () => {
  it('the shipped thresholds are ≥ 0.99 precision and recall', () => {
    expect(thresholds.default.precision).toBeGreaterThanOrEqual(0.99);
    expect(thresholds.default.recall).toBeGreaterThanOrEqual(0.99);
  });
  it('a bad thresholds file is reported with its path and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'govscan-thr-'));
    const f = join(dir, 't.json');
    writeFileSync(f, JSON.stringify({ default: { precision: 2 } }));
    expect(() => loadThresholds(f)).toThrow(new RegExp(`${f}.*default\\.precision`));
    writeFileSync(f, JSON.stringify({ default: {}, indicators: { nonsense: { recall: 0.5 } } }));
    expect(() => loadThresholds(f)).toThrow(/indicators\.nonsense is not an indicator id/);
    writeFileSync(f, '{not json');
    expect(() => loadThresholds(f)).toThrow(/cannot read eval thresholds/);
  });
});
