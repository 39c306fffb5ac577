import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../indicators/discover.js';
import { csvCell, toCsv } from '../src/export/csv.js';
import { exportRun, filterSites } from '../src/export/index.js';
import { valueSummary } from '../src/export/summary.js';
import { loadWeights, scoresFor } from '../src/scoring/index.js';
import { getRun } from '../src/store/db.js';
import { addAudit, addAxeOnlyReaudit } from './audit-rows.fixtures.js';
import { tempDirForTests } from './helpers/temp-dir.js';
import { buildRun, HOSTILE, SITES } from './scoring.fixtures.js';

const dir = tempDirForTests('govscan-export-');

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
    expect(valueSummary('online_service_rate', { items: 1000, fullyOnline: 900, rate: 0.9, source: 'stated' })).toBe(
      '900/1000 (90%, stated)',
    );
    expect(
      valueSummary('open_data_datasets', { datasets: 12, formats: ['CSV', 'JSON'], api: true, source: 'api' }),
    ).toBe('12 datasets · CSV,JSON · API');
    expect(
      valueSummary('online_service_portal', { url: 'https://a.gov.cn/', host: 'a.gov.cn', level: 'provincial' }),
    ).toBe('a.gov.cn · provincial');
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
      'govscan-run1.csv',
      'govscan-run1.xlsx',
      'govscan-run1.json',
      'data-dictionary.md',
      'data-dictionary.json',
    ]);
    const dict = JSON.parse(readFileSync(join(out, 'data-dictionary.json'), 'utf8'));
    expect(dict.configHash).toBe(scores.configHash);
    expect(dict.indicators.map((i: { id: string }) => i.id)).toContain('reply_timeliness');
    const rt = dict.indicators.find((i: { id: string }) => i.id === 'reply_timeliness');
    expect(rt.scoring.join('\n')).toMatch(/medianDays ≤ 5 full, ≥ 30 zero/);
    const md = readFileSync(join(out, 'data-dictionary.md'), 'utf8');
    expect(md).toMatch(
      /\| `reply_timeliness` \| [^|]+ \| 服务响应能力 › 办事诉求响应 \[reply_timeliness\] weight 14: medianDays ≤ 5 full/,
    );
    expect(md).toMatch(/## Indicators[\s\S]*### `online_service_portal`/);
    expect(md).toContain(`## Run\n\n- Run ${runId} (crawl,`);
    expect(md).toMatch(/- `geo_timeout`: unreachable from where the run ran/);
    expect(dict.siteStatuses.geo_timeout).toMatch(/never scored as absent/);
    expect(dict.run.vantage).toBeNull();
  });

  it('CSV: one row per site in rank order, parseable, untrusted text neutralised', () => {
    const text = readFileSync(join(out, 'govscan-run1.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(6);
    expect(rows.map((r) => r['区划代码 / Code'])).toEqual(['440300', '510100', '110000', '510700', '513200', '440100']);
    const my = rows.find((r) => r['名称 / Name'] === '绵阳市')!;
    expect(my['总分 / Total']).toBe('78.24');
    expect(my['发展等级 / Tier']).toBe('积极发展');
    expect(my['单项否决 / Vetoes']).toBe('互动回应差：留言超3个月未回复');
    const cms = Object.keys(my).find((k) => k.endsWith('/ cms_platform value'))!;
    expect(my[cms]).toBe(`'=HYPERLINK("http://evil/","x")`);
    const gz = rows.find((r) => r['区划代码 / Code'] === SITES.guangzhou.code)!;
    expect(gz['总分 / Total']).toBe('');
    expect(gz['站点状态 / Site status']).toBe('challenge_failed');
    expect(gz['标记 / Flags']).toMatch(/no score, not zero/);
  });

  it('XLSX: summary, a sheet per dimension, others, dictionary; frozen Chinese headers with autofilter', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'govscan-run1.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '总览',
      '服务供给能力',
      '服务响应能力',
      '服务智慧能力',
      '规范·平台·健康',
      '可用性监测',
      '浏览器审计',
      '数据字典',
      '运行信息',
    ]);
    // Where the run ran from: not recorded for this run (created without it), said so rather than guessed.
    const info = wb.getWorksheet('运行信息')!;
    const cells = (info.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    expect(cells).toContainEqual(['观测点 vantage', '未记录 not recorded']);
    expect(cells).toContainEqual(['运行 run', runId]);
    const sum = wb.getWorksheet('总览')!;
    expect(sum.getRow(1).getCell(1).value).toBe('区划代码');
    expect(sum.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sum.autoFilter).toBeTruthy();
    expect(sum.rowCount).toBe(7);
    const resp = wb.getWorksheet('服务响应能力')!;
    const headers = (resp.getRow(1).values as unknown[]).filter(Boolean) as string[];
    expect(headers.filter((h) => h.startsWith('办事诉求响应·') && h.endsWith('-得分(14)'))).toHaveLength(1);
    const myRow = resp.getRows(2, 6)!.find((r) => r.getCell(2).value === '绵阳市')!;
    expect(myRow.getCell(headers.indexOf('服务响应能力得分(40)') + 1).value).toBe(29.52);
    expect(wb.getWorksheet('数据字典')!.rowCount).toBeGreaterThanOrEqual(CATALOGUE.length);
  });

  it('JSON: scores and results with evidence', () => {
    const j = JSON.parse(readFileSync(join(out, 'govscan-run1.json'), 'utf8'));
    expect(j.run.id).toBe(runId);
    expect(j.scoring.configHash).toBe(scores.configHash);
    const my = j.sites.find((s: { code: string }) => s.code === SITES.mianyang.code);
    expect(my.total).toBe(78.24);
    const r = my.results.find((x: { id: string }) => x.id === 'smart_qa');
    expect(r.status).toBe('absent');
    expect(r.reason).toContain(HOSTILE);
    expect(r.evidence[0]).toMatchObject({ kind: 'text', url: 'https://www.x.gov.cn/' });
  });

  it('filters by province, kind and tier', async () => {
    expect(filterSites(scores.sites, { province: '四川' }).map((s) => s.code)).toEqual(['510100', '510700', '513200']);
    expect(filterSites(scores.sites, { kind: 'municipality' }).map((s) => s.code)).toEqual(['110000']);
    expect(filterSites(scores.sites, { tier: '领先发展', province: '广东' }).map((s) => s.code)).toEqual(['440300']);
    const r = await exportRun({
      db,
      run,
      scores,
      formats: ['csv'],
      outDir: join(dir, 'sc'),
      filter: { province: '四川', tier: '积极发展' },
    });
    expect(r.sites).toBe(1);
    const rows = parse(readFileSync(join(dir, 'sc', 'govscan-run1.csv'), 'utf8').slice(1), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((x) => x['名称 / Name'])).toEqual(['绵阳市']);
  });
});

describe('exportRun with the browser stage on a sample', async () => {
  const { db, runId } = buildRun();
  const firstAudit = addAudit(db, runId); // Chengdu and Mianyang
  const reaudit = addAxeOnlyReaudit(db, runId); // Chengdu again, axe only
  const run = getRun(db, runId)!;
  const scores = scoresFor(db, runId, loadWeights());
  const out = join(dir, 'audited');
  await exportRun({ db, run, scores, formats: ['csv', 'xlsx', 'json'], outDir: out });
  const rows = parse(readFileSync(join(out, 'govscan-run1.csv'), 'utf8').slice(1), { columns: true }) as Record<
    string,
    string
  >[];
  const row = (code: string) => rows.find((r) => r['区划代码 / Code'] === code)!;

  it("CSV: Lighthouse 0-100 and axe counts per audited site; each step's newest result; not audited is blank, not zero", () => {
    const cd = row(SITES.chengdu.code);
    expect(cd['浏览器审计批次 / Audit run']).toBe(String(reaudit));
    expect(cd['Lighthouse性能 / Lighthouse performance (0-100)']).toBe('42'); // from the first audit: the re-audit ran no Lighthouse
    expect(cd['Lighthouse无障碍 / Lighthouse accessibility (0-100)']).toBe('87');
    expect(cd['Lighthouse最佳实践 / Lighthouse best practices (0-100)']).toBe('96');
    expect(cd['Lighthouse搜索优化 / Lighthouse SEO (0-100)']).toBe('90');
    expect(cd['最大内容绘制LCP(毫秒) / LCP (ms)']).toBe('5321');
    expect(cd['累计布局偏移CLS / CLS']).toBe('0.123');
    expect(cd['Lighthouse状态 / Lighthouse status']).toBe('ok');
    expect(cd['axe违规规则数 / axe violated rules']).toBe('1'); // the re-audit's axe
    expect(cd['axe违规元素数 / axe violating elements']).toBe('5');
    expect(cd['axe元素-较重 / axe elements, serious']).toBe('5');
    expect(cd['axe元素-严重 / axe elements, critical']).toBe('0');
    expect(cd['axe违规分类(元素数) / axe violations by category (elements)']).toBe('颜色对比度 5');
    const my = row(SITES.mianyang.code);
    expect(my['浏览器审计批次 / Audit run']).toBe(String(firstAudit));
    expect(my['Lighthouse性能 / Lighthouse performance (0-100)']).toBe('');
    expect(my['Lighthouse状态 / Lighthouse status']).toBe('timeout: Lighthouse took longer than 60 s');
    expect(my['axe状态 / axe status']).toBe('timeout: axe took longer than 30 s');
    const bj = row(SITES.beijing.code);
    expect(bj['浏览器审计批次 / Audit run']).toBe('');
    expect(bj['Lighthouse性能 / Lighthouse performance (0-100)']).toBe('');
    expect(bj['axe违规规则数 / axe violated rules']).toBe('');
    expect(bj['Lighthouse状态 / Lighthouse status']).toBe('未审计 not audited');
  });

  it('JSON: the audit runs, and per site its audit with verification sentences (null when not audited)', () => {
    const j = JSON.parse(readFileSync(join(out, 'govscan-run1.json'), 'utf8'));
    expect(
      j.auditRuns.map((r: { id: number; finished: number; steps: object }) => [r.id, r.finished, r.steps]),
    ).toEqual([
      [firstAudit, 2, { lighthouse: true, axe: true, verify: true }],
      [reaudit, 1, { lighthouse: false, axe: true, verify: false }],
    ]);
    const cd = j.sites.find((s: { code: string }) => s.code === SITES.chengdu.code).audit;
    expect(cd.lighthouse).toMatchObject({
      auditRunId: firstAudit,
      status: 'ok',
      scores: { performance: 42, accessibility: 87, bestPractices: 96, seo: 90 },
    });
    expect(cd.axe).toMatchObject({
      auditRunId: reaudit,
      violations: 1,
      categories: [{ id: 'contrast', rules: 1, nodes: 5 }],
    });
    expect(cd.verification.map((v: { capability: string; outcome: string }) => `${v.capability}:${v.outcome}`)).toEqual(
      ['accessibility_mode:verified', 'elderly_mode:verified', 'smart_qa:not_working', 'site_search:verified'],
    );
    expect(cd.verification[0].screenshotHash).toMatch(/^[0-9a-f]{64}$/);
    const my = j.sites.find((s: { code: string }) => s.code === SITES.mianyang.code).audit;
    expect(my.verification[0].detail).toContain(HOSTILE);
    expect(j.sites.find((s: { code: string }) => s.code === SITES.beijing.code).audit).toBeNull();
  });

  it('XLSX: a 浏览器审计 sheet with every site; the dictionary explains the columns', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'govscan-run1.xlsx'));
    const ws = wb.getWorksheet('浏览器审计')!;
    const headers = (ws.getRow(1).values as unknown[]).filter(Boolean) as string[];
    expect(headers).toContain('Lighthouse性能');
    expect(ws.rowCount).toBe(1 + scores.sites.length);
    const cd = ws.getRows(2, scores.sites.length)!.find((r) => r.getCell(1).value === SITES.chengdu.code)!;
    expect(cd.getCell(headers.indexOf('Lighthouse无障碍') + 1).value).toBe(87);
    const dict = JSON.parse(readFileSync(join(out, 'data-dictionary.json'), 'utf8'));
    expect(dict.columns.map((c: { key: string }) => c.key)).toEqual(
      expect.arrayContaining(['lh_performance', 'axe_violations', 'axe_critical']),
    );
    const md = readFileSync(join(out, 'data-dictionary.md'), 'utf8');
    expect(md).toMatch(/## Browser stage \(Lighthouse, axe, verification\)\n\n- Browser-stage columns .* never zeros/);
    expect(md).toContain('| `lh_performance` | Lighthouse性能 | Lighthouse performance (0-100) |');
  });
});
