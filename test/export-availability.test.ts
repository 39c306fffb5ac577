// The exports' availability columns: the run's stored availability result, for monitored sites and
// for one the monitor never watched (empty numbers, veto unknown), in CSV, XLSX, JSON and the dictionary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportRun } from '../src/export/index.js';
import { loadWeights, scoresFor } from '../src/scoring/index.js';
import { getRun } from '../src/store/db.js';
import { tempDirForTests } from './helpers/temp-dir.js';
import { MONITORED, monitoredRun, UNMONITORED, WEEK_END, WEEK_START } from './monitor-run.fixtures.js';

const dir = tempDirForTests('govscan-export-avail-');

describe('availability columns in the exports', async () => {
  const { db, runId } = await monitoredRun();
  const run = getRun(db, runId)!;
  const scores = scoresFor(db, runId, loadWeights());
  await exportRun({ db, run, scores, formats: ['csv', 'xlsx', 'json'], outDir: dir });
  const from = new Date(WEEK_START).toISOString();
  const to = new Date(WEEK_END).toISOString();

  it('CSV: visits, failures, share, longest outage, open times, veto and window per site', () => {
    const rows = parse(readFileSync(join(dir, `govscan-run${runId}.csv`), 'utf8').slice(1), {
      columns: true,
    }) as Record<string, string>[];
    const row = (code: string) => rows.find((r) => r['区划代码 / Code'] === code)!;
    const col = (r: Record<string, string>, en: string) => r[Object.keys(r).find((k) => k.endsWith(`/ ${en}`))!];
    const big = row(MONITORED.bigOutage);
    expect(col(big, 'Availability visits')).toBe('168');
    expect(col(big, 'Availability failures')).toBe('12');
    expect(col(big, 'Availability failure share (0-1)')).toBe(String(Math.round((12 / 168) * 10_000) / 10_000));
    expect(col(big, 'Availability longest outage (ms)')).toBe(String(12 * 3_600_000));
    expect(col(big, 'Availability veto (yes/no/unknown)')).toBe('yes');
    expect(col(big, 'Availability window from')).toBe(from);
    expect(col(big, 'Availability window to')).toBe(to);
    const steady = row(MONITORED.steady);
    expect(col(steady, 'Availability veto (yes/no/unknown)')).toBe('no');
    expect(col(steady, 'Availability failures')).toBe('0');
    expect(Number(col(steady, 'Median open (ms)'))).toBeGreaterThan(100);
    expect(Number(col(steady, 'p95 open (ms)'))).toBeGreaterThanOrEqual(Number(col(steady, 'Median open (ms)')));
    const none = row(UNMONITORED.code);
    expect(col(none, 'Availability visits')).toBe('');
    expect(col(none, 'Availability veto (yes/no/unknown)')).toBe('unknown');
  });

  it('XLSX: a 可用性监测 sheet with numbers; JSON: per site `availability`; the dictionary explains the columns', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, `govscan-run${runId}.xlsx`));
    const ws = wb.getWorksheet('可用性监测')!;
    const headers = (ws.getRow(1).values as unknown[]).filter(Boolean) as string[];
    const big = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === MONITORED.bigOutage)!;
    expect(big.getCell(headers.indexOf('可用性-失败次数') + 1).value).toBe(12);
    expect(big.getCell(headers.indexOf('可用性-单项否决') + 1).value).toBe('yes');

    const j = JSON.parse(readFileSync(join(dir, `govscan-run${runId}.json`), 'utf8'));
    const site = (code: string) => j.sites.find((s: { code: string }) => s.code === code);
    expect(site(MONITORED.bigOutage).availability).toMatchObject({
      visits: 168,
      failures: 12,
      longest_outage_ms: 12 * 3_600_000,
      veto: 'yes',
      window_from: from,
    });
    expect(site(UNMONITORED.code).availability).toMatchObject({ visits: null, veto: 'unknown' });

    const dict = JSON.parse(readFileSync(join(dir, 'data-dictionary.json'), 'utf8'));
    expect(dict.columns.map((c: { key: string }) => c.key)).toEqual(
      expect.arrayContaining(['avail_visits', 'avail_failure_share', 'avail_veto', 'avail_window_to']),
    );
    const md = readFileSync(join(dir, 'data-dictionary.md'), 'utf8');
    expect(md).toMatch(/## Availability \(可用性监测, `govscan monitor`\)\n\n- Availability columns .* not recomputed/);
    expect(md).toContain('| `avail_veto` | 可用性-单项否决 | Availability veto (yes/no/unknown) |');
  });
});
