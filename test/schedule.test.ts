// Site order of a run: provinces interleaved so shared provincial platforms are not hit by a whole province at once.
import { describe, expect, it } from 'vitest';
import { interleaveByProvince } from '../src/pipeline/schedule.js';
import { loadRegistry } from '../src/registry/registry.js';

const site = (code: string, province: string) => ({ code, province });

describe('interleaveByProvince', () => {
  it('spreads each province evenly over the run, keeping its registry order', () => {
    const sites = [
      site('210100', '辽宁'),
      site('210200', '辽宁'),
      site('210300', '辽宁'),
      site('220100', '吉林'),
      site('110000', '北京'),
    ];
    expect(interleaveByProvince(sites).map((s) => s.code)).toEqual(['210100', '210200', '220100', '110000', '210300']);
  });

  it('keeps every site exactly once and is deterministic', () => {
    const all = loadRegistry();
    const a = interleaveByProvince(all);
    expect(a).toHaveLength(all.length);
    expect(new Set(a.map((s) => s.code)).size).toBe(all.length);
    expect(interleaveByProvince(all).map((s) => s.code)).toEqual(a.map((s) => s.code));
  });

  it('spreads the largest province over the whole run (no two of its cities among 10 neighbours)', () => {
    const a = interleaveByProvince(loadRegistry());
    const byProvince = new Map<string, number[]>();
    for (const [i, s] of a.entries()) byProvince.set(s.province, [...(byProvince.get(s.province) ?? []), i]);
    const biggest = [...byProvince.values()].sort((x, y) => y.length - x.length)[0]!;
    const gaps = biggest.slice(1).map((p, i) => p - biggest[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(10);
  });
});
