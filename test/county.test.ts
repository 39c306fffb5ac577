// The county level: its registry rows validated like the prefecture rows, the level filter, ranks
// within a level (county portals crawled against their truth: county-world.test.ts).
import { describe, expect, it } from 'vitest';
import { selectLevel } from '../src/cli/level.js';
import { loadCounties, loadLevel, parseCounties, parseUrlChecks } from '../src/registry/counties.js';
import { filterLocalities, loadRegistry, RegistryError } from '../src/registry/registry.js';
import { matchSite } from '../src/registry/site-query.js';
import { noParts, orderSites, rankAndTier } from '../src/scoring/score.js';
import type { SiteScore } from '../src/scoring/types.js';
import { loadWeights } from '../src/scoring/weights.js';
import { thrownError } from './helpers/problems.js';

const prefectures = loadRegistry();
const HEADER = 'code,name,prefecture_code,province,kind,portal_url,url_source';
const csvOf = (...rows: string[]) => [HEADER, ...rows].join('\n');

describe('county registry', () => {
  const counties = loadCounties({ prefectures });

  it('loads the 2,840 county rows, each under a prefecture row or a 省直辖 group', () => {
    expect(counties).toHaveLength(2840);
    const codes = new Set(prefectures.map((p) => p.code));
    const outside = counties.filter((c) => !codes.has(c.prefectureCode!));
    expect([...new Set(outside.map((c) => c.prefectureCode))].sort()).toEqual(['419000', '429000', '469000', '659000']);
    expect(outside).toHaveLength(1 + 4 + 15 + 12);
    expect(new Set(counties.map((c) => c.kind)).size).toBe(8);
  });

  it('carries the URL checks as flags, never dropping a row', () => {
    const putuo = counties.filter((c) => c.portalUrl.includes('putuo.gov.cn'));
    expect(putuo.map((c) => c.code)).toEqual(['310107', '330903']); // one host, both rows kept
    expect(putuo[0]!.urlFlag).toBe('doubtful');
    const doubtful = counties.filter((c) => c.urlFlag === 'doubtful').map((c) => c.code);
    expect(doubtful.sort()).toEqual(['310107', '320111', '360322', '370811', '370826', '370827']);
    expect(counties.filter((c) => c.urlFlag === 'unreachable').length).toBeGreaterThan(0);
    expect(counties.find((c) => c.code === '330102')!.urlFlag).toBeUndefined();
  });

  it('names file, line and column of a county row whose prefecture is not in the registry', () => {
    const text = csvOf(
      '330102,上城区,330100,浙江省,district,https://www.hzsc.gov.cn/,x',
      '330199,某某区,339900,浙江省,district,https://www.example-a.gov.cn/,x',
      '330198,某某县,330100,浙江省,village,https://www.example-b.gov.cn/,x',
    );
    const err = thrownError(() => parseCounties(text, 'bad.csv', prefectures));
    expect(err).toBeInstanceOf(RegistryError);
    const msg = (err as Error).message;
    expect(msg).toContain('bad.csv:3 column "prefecture_code": 339900 names no prefecture-level row');
    expect(msg).toContain('bad.csv:4 column "kind": must be one of district');
    expect(msg).not.toContain('bad.csv:2');
  });

  it('refuses a shared host unless the URL checks doubt the row', () => {
    const rows = csvOf(
      '330102,上城区,330100,浙江省,district,https://www.same.gov.cn/,x',
      '330105,拱墅区,330100,浙江省,district,http://www.same.gov.cn/,x',
    );
    expect(() => parseCounties(rows, 'c.csv', prefectures)).toThrow(
      /c\.csv:3 column "portal_url": host www\.same\.gov\.cn/,
    );
    const checks = parseUrlChecks('code,anyi_access_method,notes\n330105,direct,DOUBTFUL: same host\n');
    expect(parseCounties(rows, 'c.csv', prefectures, checks).map((c) => c.urlFlag)).toEqual([undefined, 'doubtful']);
  });
});

describe('level filter', () => {
  it('selects a level, a province and a prefecture', () => {
    expect(loadLevel('prefecture')).toHaveLength(337);
    expect(loadLevel('all')).toHaveLength(3177);
    const zj = filterLocalities(loadLevel('county'), { province: '浙江省' });
    expect(zj).toHaveLength(90);
    const hz = filterLocalities(loadLevel('county'), { prefecture: '330100' });
    expect(hz.length).toBeGreaterThan(5);
    expect(hz.every((c) => c.prefectureCode === '330100' && c.kind !== 'prefecture_city')).toBe(true);
    // At level all, --prefecture is the city and its counties.
    expect(filterLocalities(loadLevel('all'), { prefecture: '330100' })).toHaveLength(hz.length + 1);
  });

  it('keeps ad-hoc sites at every level and reads a bad --level as bad input', () => {
    const sites = [
      { code: '330100', kind: 'prefecture_city' as const },
      { code: '330102', kind: 'district' as const, prefectureCode: '330100' },
      { code: 'adhoc:x.gov.cn', kind: 'adhoc' as const },
    ];
    expect(selectLevel(sites, { level: 'prefecture' }).map((s) => s.code)).toEqual(['330100', 'adhoc:x.gov.cn']);
    expect(selectLevel(sites, { level: 'county' }).map((s) => s.code)).toEqual(['330102', 'adhoc:x.gov.cn']);
    expect(() => selectLevel(sites, { level: 'town' })).toThrow(/--level must be one of prefecture, county, all/);
  });
});

describe('ranks within a level', () => {
  const site = (code: string, kind: SiteScore['kind'], province: string, total: number): SiteScore => ({
    code,
    name: code,
    province,
    kind,
    siteStatus: 'ok',
    scored: true,
    total,
    coverage: 1,
    nationalRank: null,
    provincialRank: null,
    tier: null,
    ...noParts(),
  });

  it('never ranks a county against a prefecture-level site', () => {
    const sites = [
      site('330100', 'prefecture_city', '浙江省', 70),
      site('510100', 'prefecture_city', '四川省', 60),
      site('330102', 'district', '浙江省', 90), // scores above both cities
      site('510104', 'district', '四川省', 65),
    ];
    rankAndTier(sites, loadWeights());
    const rank = (c: string) => sites.find((s) => s.code === c)!;
    expect([rank('330100').nationalRank, rank('510100').nationalRank]).toEqual([1, 2]);
    expect([rank('330102').nationalRank, rank('510104').nationalRank]).toEqual([1, 2]);
    expect(rank('510104').provincialRank).toBe(1); // the only county of 四川 here, whatever 成都 scored
    expect(orderSites(sites).map((s) => s.code)).toEqual(['330100', '510100', '330102', '510104']);
  });
});

describe('finding a county site to check', () => {
  it('takes a county code or name at --level county/all, and calls a shared name ambiguous', () => {
    const all = loadLevel('all');
    expect(matchSite(all, '330102').locality).toMatchObject({
      code: '330102',
      kind: 'district',
      prefectureCode: '330100',
    });
    expect(matchSite(all, '朝阳市').locality.code).toBe('211300'); // an exact name is not ambiguous
    expect(() => matchSite(all, '朝阳')).toThrow(/ambiguous: .*211300 朝阳市.*110105 朝阳区/);
    expect(() => matchSite(loadLevel('prefecture'), '330102')).toThrow(/no registry entry has code 330102/);
  });
});
