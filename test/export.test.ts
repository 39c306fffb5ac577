import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { exportRun, filterSites } from '../src/export/index.js';
import { csvCell, toCsv } from '../src/export/csv.js';
import { valueSummary } from '../src/export/summary.js';
import { loadWeights, scoresFor } from '../src/scoring/index.js';
import { getRun } from '../src/store/db.js';
import { HOSTILE, SITES, buildRun } from './scoring.fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'govscan-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('csv cells', () => {
  it('quotes commas, quotes and newlines, and neutralises formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+86 28')).toBe("'+86 28");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3.5)).toBe('-3.5');
    expect(csvCell(null)).toBe('');
  });
  it('writes a BOM and a bilingual header', () => {
    const out = toCsv([{ key: 'a', zh: '名称', en: 'Name' }], [{ a: '成都' }]);
    expect(out.startsWith('\uFEFF名称 / Name\r\n成都')).toBe(true);
  });
});

describe('value summaries', () => {
  it('summarises known shapes and caps length', () => {
    expect(valueSummary('online_service_rate', { items: 1000, fullyOnline: 900, rate: 0.9, source: 'stated' })).toBe('900/1000 (90%, stated)');
    expect(valueSummary('open_data_datasets', { datasets: 12, formats: ['CSV', 'JSON'], api: true, source: 'api' })).toBe('12 datasets · CSV,JSON · API');
    expect(valueSummary('online_service_portal', { url: 'https://a.gov.cn/', host: 'a.gov.cn', level: 'provincial' })).toBe('a.gov.cn · provincial');
    expect(valueSummary('x', { text: 'y'.repeat(500) }).length).toBe(120);
  });
});

describe('exportRun', async () => {
  const { db, runId } = buildRun();
  const run = getRun(db, runId)!;
  const scores = scoresFor(db, runId, loadWeights());
  const out = join(dir, 'all');
  const { paths, sites } = await exportRun({ db, run, scores, formats: ['csv', 'xlsx', 'json'], outDir: out });

  it('writes the tables and the data dictionary beside them', () => {
    expect(sites).toBe(6);
    expect(paths.map((p) => p.slice(out.length + 1))).toEqual([
      'govscan-run1.csv', 'govscan-run1.xlsx', 'govscan-run1.json', 'data-dictionary.md', 'data-dictionary.json',
    ]);
    const dict = JSON.parse(readFileSync(join(out, 'data-dictionary.json'), 'utf8'));
    expect(dict.configHash).toBe(scores.configHash);
    expect(dict.indicators.map((i: { id: string }) => i.id)).toContain('reply_timeliness');
    const rt = dict.indicators.find((i: { id: string }) => i.id === 'reply_timeliness');
    expect(rt.scoring.join('\n')).toMatch(/medianDays ≤ 5 full, ≥ 30 zero/);
    const md = readFileSync(join(out, 'data-dictionary.md'), 'utf8');
    expect(md).toMatch(/\| `reply_timeliness` \| [^|]+ \| 服务响应能力 › 办事诉求响应 \[reply_timeliness\] weight 14: medianDays ≤ 5 full/);
    expect(md).toMatch(/## Indicators[\s\S]*### `online_service_portal`/);
  });

  it('CSV: one row per site in rank order, parseable, untrusted text neutralised', () => {
    const text = readFileSync(join(out, 'govscan-run1.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r['区划代码 / Code'])).toEqual(['440300', '510100', '110000', '510700', '513200', '440100']);
    const my = rows.find((r) => r['名称 / Name'] === '绵阳市')!;
    expect(my['总分 / Total']).toBe('77.17');
    expect(my['发展等级 / Tier']).toBe('积极发展');
    expect(my['单项否决 / Vetoes']).toBe('互动回应差：留言超3个月未回复');
    const cms = Object.keys(my).find((k) => k.endsWith('/ cms_platform value'))!;
    expect(my[cms]).toBe(`'=HYPERLINK("http://evil/","x")`);
    const gz = rows.find((r) => r['区划代码 / Code'] === SITES.guangzhou.code)!;
    expect(gz['总分 / Total']).toBe('');
    expect(gz['站点状态 / Site status']).toBe('blocked');
    expect(gz['标记 / Flags']).toMatch(/no score, not zero/);
  });

  it('XLSX: summary, a sheet per dimension, others, dictionary; frozen Chinese headers with autofilter', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'govscan-run1.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总览', '服务供给能力', '服务响应能力', '服务智慧能力', '规范·平台·健康', '数据字典']);
    const sum = wb.getWorksheet('总览')!;
    expect(sum.getRow(1).getCell(1).value).toBe('区划代码');
    expect(sum.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sum.autoFilter).toBeTruthy();
    expect(sum.rowCount).toBe(7);
    const resp = wb.getWorksheet('服务响应能力')!;
    const headers = (resp.getRow(1).values as unknown[]).filter(Boolean) as string[];
    expect(headers.filter((h) => h.startsWith('办事诉求响应·') && h.endsWith('-得分(14)'))).toHaveLength(1);
    const myRow = resp.getRows(2, 6)!.find((r) => r.getCell(2).value === '绵阳市')!;
    expect(myRow.getCell(headers.indexOf('服务响应能力得分(40)') + 1).value).toBe(29);
    expect(wb.getWorksheet('数据字典')!.rowCount).toBeGreaterThanOrEqual(30);
  });

  it('JSON: scores and results with evidence', () => {
    const j = JSON.parse(readFileSync(join(out, 'govscan-run1.json'), 'utf8'));
    expect(j.run.id).toBe(runId);
    expect(j.scoring.configHash).toBe(scores.configHash);
    const my = j.sites.find((s: { code: string }) => s.code === SITES.mianyang.code);
    expect(my.total).toBe(77.17);
    const r = my.results.find((x: { id: string }) => x.id === 'smart_qa');
    expect(r.status).toBe('absent');
    expect(r.reason).toContain(HOSTILE);
    expect(r.evidence[0]).toMatchObject({ kind: 'text', url: 'https://www.x.gov.cn/' });
  });

  it('filters by province, kind and tier', async () => {
    expect(filterSites(scores.sites, { province: '四川' }).map((s) => s.code)).toEqual(['510100', '510700', '513200']);
    expect(filterSites(scores.sites, { kind: 'municipality' }).map((s) => s.code)).toEqual(['110000']);
    expect(filterSites(scores.sites, { tier: '领先发展', province: '广东' }).map((s) => s.code)).toEqual(['440300']);
    const r = await exportRun({ db, run, scores, formats: ['csv'], outDir: join(dir, 'sc'), filter: { province: '四川', tier: '积极发展' } });
    expect(r.sites).toBe(1);
    const rows = parse(readFileSync(join(dir, 'sc', 'govscan-run1.csv'), 'utf8').slice(1), { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x['名称 / Name'])).toEqual(['绵阳市']);
  });
});
