// Site order of a run: provinces interleaved so shared provincial platforms are not hit by a whole province at once;
// sites expected to stay silent wait in slots of their own.
import { describe, expect, it } from 'vitest';
import { interleaveByProvince, sitePools } from '../src/pipeline/schedule.js';
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

describe('sitePools', () => {
  const county = (code: string, province: string, urlFlag?: 'unreachable' | 'waf') => ({ code, province, urlFlag });
  const codes = (pools: { sites: { code: string }[]; slots: number }[]) =>
    pools.map((p) => ({ codes: p.sites.map((s) => s.code), slots: p.slots }));

  it('gives the sites expected never to answer slots of their own, each pool interleaved by province', () => {
    const sites = [
      county('110101', '北京', 'unreachable'),
      county('110102', '北京'),
      county('110105', '北京', 'waf'),
      county('120101', '天津'),
      county('120102', '天津', 'unreachable'),
    ];
    expect(codes(sitePools(sites, new Map(), 96))).toEqual([
      { codes: ['110102', '120101', '110105'], slots: 96 },
      { codes: ['110101', '120102'], slots: 24 },
    ]);
  });

  it('trusts the newest earlier run over the registry flag', () => {
    const sites = [county('110101', '北京', 'unreachable'), county('110102', '北京'), county('120101', '天津')];
    const last = new Map([
      ['110101', 'ok'],
      ['120101', 'geo_timeout'],
    ] as const);
    expect(codes(sitePools(sites, last, 3))).toEqual([
      { codes: ['110101', '110102'], slots: 3 },
      { codes: ['120101'], slots: 1 },
    ]);
  });

  it('keeps every site exactly once, and no empty pool', () => {
    const all = loadRegistry();
    expect(codes(sitePools(all, new Map(), 8))).toEqual([
      { codes: interleaveByProvince(all).map((s) => s.code), slots: 8 },
    ]);
    const last = new Map(all.filter((_, i) => i % 7 === 0).map((s) => [s.code, 'timeout' as const]));
    const [main, silent] = sitePools(all, last, 8);
    expect(silent!.sites.every((s) => last.has(s.code))).toBe(true);
    expect(new Set([...main!.sites, ...silent!.sites].map((s) => s.code)).size).toBe(all.length);
  });
});
