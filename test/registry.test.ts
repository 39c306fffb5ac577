import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  filterLocalities,
  findLocality,
  loadRegistry,
  parseRegistry,
  RegistryError,
} from '../src/registry/registry.js';
import { thrownError } from './helpers/problems.js';

const HEADER = 'code,name,province,kind,portal_url,url_source';
const csvOf = (...rows: string[]) => [HEADER, ...rows].join('\n');

describe('registry', () => {
  it('loads the 337 localities: 4 municipalities + 333 prefecture-level divisions', () => {
    const all = loadRegistry();
    expect(all).toHaveLength(337);
    const byKind: Record<string, number> = {};
    for (const l of all) byKind[l.kind] = (byKind[l.kind] ?? 0) + 1;
    expect(byKind).toEqual({
      municipality: 4,
      prefecture_city: 293,
      autonomous_prefecture: 30,
      prefecture: 7,
      league: 3,
    });
    expect(new Set(all.map((l) => l.code)).size).toBe(337);
    expect(all.find((l) => l.code === '510100')).toMatchObject({
      name: '成都市',
      province: '四川省',
      portalUrl: 'https://www.chengdu.gov.cn/',
    });
  });

  it('names file, line, column and problem for a bad row, and keeps going to list every problem', () => {
    const csv = csvOf(
      '510100,成都市,四川省,prefecture_city,https://www.chengdu.gov.cn/,x',
      '51030,自贡市,四川省,prefecture_city,http://www.zg.gov.cn/,x',
      '510400,攀枝花市,四川省,city,http://www.panzhihua.gov.cn/,x',
      '510500,泸州市,四川省,prefecture_city,ftp://www.luzhou.gov.cn/,x',
    );
    const err = thrownError(() => parseRegistry(csv, 'my.csv')) as RegistryError | undefined;
    expect(err).toBeInstanceOf(RegistryError);
    expect(err!.problems).toEqual([
      { line: 3, column: 'code', message: 'must be a 6-digit GB/T 2260 code' },
      { line: 4, column: 'kind', message: expect.stringContaining('must be one of municipality') },
      { line: 5, column: 'portal_url', message: 'must be an absolute http(s) URL with a host name' },
    ]);
    expect(err!.message).toContain('my.csv:3 column "code"');
  });

  it('rejects duplicates, short rows and a header without required columns', () => {
    const dup = csvOf(
      '510100,成都市,四川省,prefecture_city,https://a.gov.cn/,x',
      '510100,成都,四川省,prefecture_city,https://b.gov.cn/,x',
    );
    expect(() => parseRegistry(dup, 'd.csv')).toThrow(
      /d\.csv:3 column "code": duplicate code 510100 \(first on line 2\)/,
    );
    const short = csvOf('510100,成都市,四川省');
    expect(() => parseRegistry(short, 's.csv')).toThrow(/s\.csv:2 .*has 3 fields, header has 6/);
    expect(() => parseRegistry('code,name\n1,2', 'h.csv')).toThrow(
      /h\.csv:1 column "province, kind, portal_url": missing column/,
    );
  });

  it('reads a file edited by hand with mixed CRLF and LF line endings row by row', () => {
    const rows = [
      '510100,成都市,四川省,prefecture_city,https://www.chengdu.gov.cn/,x',
      '510300,自贡市,四川省,prefecture_city,http://www.zg.gov.cn/,x',
      '510400,攀枝花市,四川省,prefecture_city,http://www.panzhihua.gov.cn/,x',
    ];
    // CRLF first: csv-parse took that ending for every row and read the LF rows as one long row.
    const mixed = `${HEADER}\r\n${rows[0]}\n${rows[1]}\r\n${rows[2]}\n`;
    expect(parseRegistry(mixed, 'mixed.csv').map((l) => l.code)).toEqual(['510100', '510300', '510400']);
    // Old Mac endings (CR only) too.
    expect(parseRegistry(`${HEADER}\r${rows.join('\r')}`, 'cr.csv')).toHaveLength(3);
    // Line numbers in errors still count every ending.
    expect(() =>
      parseRegistry(
        `${HEADER}\r\n${rows[0]}\n51030,自贡市,四川省,prefecture_city,http://www.zg.gov.cn/,x\r\n`,
        'm.csv',
      ),
    ).toThrow(/m\.csv:3 column "code"/);
  });

  it('decodes a UTF-16 registry (Excel/Notepad "Unicode"), with or without a byte-order mark', () => {
    const dir = mkdtempSync(join(tmpdir(), 'govscan-registry-'));
    const csv = `${HEADER}\r\n510100,成都市,四川省,prefecture_city,https://www.chengdu.gov.cn/,x\r\n`;
    const files: [string, Buffer][] = [
      ['le-bom.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csv, 'utf-16le')])],
      ['be-bom.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(csv, 'utf-16be')])],
      ['le.csv', iconv.encode(csv, 'utf-16le')],
    ];
    for (const [name, bytes] of files) {
      writeFileSync(join(dir, name), bytes);
      expect(loadRegistry(join(dir, name)), name).toEqual([
        expect.objectContaining({ code: '510100', name: '成都市', province: '四川省' }),
      ]);
    }
    // Excel's "Unicode Text" is also tab-separated: the error says so.
    writeFileSync(
      join(dir, 'tabs.csv'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csv.replace(/,/g, '\t'), 'utf-16le')]),
    );
    expect(() => loadRegistry(join(dir, 'tabs.csv'))).toThrow(
      /tabs\.csv:1 column "code, name, province, kind, portal_url": missing column in header \(the header is separated by tabs: save the file as CSV, comma-separated\)/,
    );
    // GBK (Chinese Windows' "CSV"): refused with the line, not read as garbled place names.
    writeFileSync(join(dir, 'gbk.csv'), iconv.encode(csv, 'gbk'));
    expect(() => loadRegistry(join(dir, 'gbk.csv'))).toThrow(
      /gbk\.csv:2 column "-": the file is not UTF-8 \(GBK or another legacy encoding\?\); save it as UTF-8/,
    );
  });

  it('reports a file that cannot be read', () => {
    expect(() => loadRegistry('/nonexistent/registry.csv')).toThrow(
      /\/nonexistent\/registry\.csv:0 .*cannot read file/,
    );
  });

  it('filters and finds localities the way users type them', () => {
    const all = loadRegistry();
    expect(filterLocalities(all, { code: '51' })).toHaveLength(21);
    expect(filterLocalities(all, { province: '西藏' }).every((l) => l.province === '西藏自治区')).toBe(true);
    expect(filterLocalities(all, { kind: 'league' }).map((l) => l.name)).toEqual(['兴安盟', '锡林郭勒盟', '阿拉善盟']);
    expect(findLocality(all, '510100').name).toBe('成都市');
    expect(findLocality(all, '成都').code).toBe('510100');
    // Portal URLs compare without scheme and trailing slash; www. and the path are significant
    // (other URLs are ad-hoc sites for `govscan check`, see test/check-adhoc.test.ts).
    expect(findLocality(all, 'http://www.chengdu.gov.cn').code).toBe('510100');
    expect(findLocality(all, 'www.chengdu.gov.cn/').code).toBe('510100');
    // The same homepage written another way is the registry entry.
    expect(findLocality(all, 'chengdu.gov.cn').code).toBe('510100');
    expect(findLocality(all, 'https://www.chengdu.gov.cn/index.html').code).toBe('510100');
    expect(() => findLocality(all, 'https://www.chengdu.gov.cn/zwgk/')).toThrow(/no registry entry has the portal URL/);
    expect(() => findLocality(all, '不存在市')).toThrow(/no registry entry is named "不存在市"/);
    expect(() => findLocality(all, '999999')).toThrow(/no registry entry has code 999999$/);
  });
});
