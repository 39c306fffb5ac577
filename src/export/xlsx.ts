/**
 * XLSX workbook (exceljs): 总览 (summary), one sheet per scoring dimension (its sub-indicators'
 * points and the indicators' status/value), one for the indicators that are not weighted
 * (norms, platform, health), 可用性监测 (the monitor window's numbers), 浏览器审计 (Lighthouse and axe of the audited sample), and 数据字典. Chinese headers, frozen header row, autofilter, widths.
 * Formula injection: exceljs writes strings as shared strings, never formulas, so text is inert.
 */
import ExcelJS from 'exceljs';
import type { IndicatorMeta } from '../../indicators/define.js';
import type { RunScores } from '../scoring/index.js';
import type { RunSummary } from '../store/runs.js';
import { auditCells, auditColumns } from './audit.js';
import { availabilityCells, availabilityColumns } from './availability.js';
import type { Dictionary } from './dictionary.js';
import { runLines, STATUS_ZH } from './dictionary.js';
import {
  baseCells,
  baseColumns,
  type Cell,
  type Column,
  type ExportSite,
  indicatorCells,
  indicatorColumns,
  statusValueCells,
  statusValueColumns,
} from './table.js';

function addSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, Cell>[]): void {
  // Sheet names: ≤ 31 chars, none of : \ / ? * [ ]
  const ws = wb.addWorksheet(name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = columns.map((c) => ({
    header: c.zh,
    key: c.key,
    width: Math.max(c.width ?? 10, Math.min(30, c.zh.length * 2 + 2)),
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { vertical: 'middle', wrapText: true };
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, r[c.key] ?? null])));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  columns.forEach((c, i) => {
    if (c.numeric) ws.getColumn(i + 1).numFmt = c.key.includes('rank') ? '0' : '0.00';
  });
}

/** 运行信息: which run this is and where it ran from (vantage, resolver, identity), as key/value rows. */
function addRunSheet(wb: ExcelJS.Workbook, run: RunSummary): void {
  const v = run.vantage;
  const rows: [string, string | number][] = [
    ['运行 run', run.id],
    ['类型 kind', `${run.kind} (${run.state})`],
    ['开始时间 started', run.startedAt],
    ['govscan', run.toolVersion],
    ['观测点 vantage', v?.vantage ?? '未记录 not recorded'],
    ['DNS 解析器 resolver', v?.resolver ?? '未记录 not recorded'],
    ['User-Agent', v?.userAgent ?? '未记录 not recorded'],
    ['联系网址 contact URL', v?.contactUrl ?? '未记录 not recorded'],
    ['白名单请求头 allow-list header', v ? (v.allowListHeader ?? '无 none') : '未记录 not recorded'],
    ['说明 note', runLines(run)[2]!],
  ];
  addSheet(
    wb,
    '运行信息',
    [
      { key: 'k', zh: '项目', en: 'item', width: 28 },
      { key: 'v', zh: '内容', en: 'value', width: 80 },
    ],
    rows.map(([k, v]) => ({ k, v })),
  );
}

const IDENTITY = ['code', 'name', 'province', 'kind', 'level', 'site_status', 'total', 'tier'];
const statusZh = (status: string) => STATUS_ZH[status]!;

export async function writeXlsx(
  file: string,
  scores: RunScores,
  sites: ExportSite[],
  metas: IndicatorMeta[],
  dict: Dictionary,
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'govscan';
  const base = baseColumns(scores);
  const baseRows = sites.map((s) => baseCells(s.score, scores, s.challenge));
  addSheet(wb, '总览', base, baseRows);
  // Every other sheet starts with who the site is, so its rows line up with 总览.
  const idCols = base.filter((c) => IDENTITY.includes(c.key));

  const metaOf = new Map(metas.map((m) => [m.id, m]));
  const weighted = new Set<string>();
  for (const d of scores.weights.dimensions) {
    const cols: Column[] = [
      ...idCols,
      { key: 'dim', zh: `${d.name}得分(${d.max})`, en: d.id, width: 10, numeric: true },
      { key: 'dim_cov', zh: '覆盖率', en: 'coverage', width: 8, numeric: true },
    ];
    const refs = d.subs.flatMap((s) => s.refs.map((r) => ({ sub: s.name, ref: r, key: r.key ?? r.indicator })));
    for (const { sub, ref, key } of refs) {
      weighted.add(ref.indicator);
      const zh = metaOf.get(ref.indicator)?.name.zh ?? ref.indicator;
      const label = key === ref.indicator ? zh : `${zh}(${key.split('.').slice(1).join('.')})`;
      cols.push(
        {
          key: `${key}.points`,
          zh: `${sub}·${label}-得分(${ref.weight})`,
          en: `${key} points`,
          width: 12,
          numeric: true,
        },
        ...statusValueColumns(key, label, { status: 9, value: 26 }),
      );
    }
    const rows = sites.map((s, i) => {
      const dim = s.score.dimensions.find((x) => x.id === d.id);
      const row: Record<string, Cell> = {
        ...baseRows[i],
        dim: dim?.points ?? null,
        dim_cov: dim ? dim.coverage : null,
      };
      for (const { ref, key } of refs) {
        const sc = s.score.indicators.find((x) => x.key === key);
        row[`${key}.points`] = sc?.points ?? null;
        Object.assign(row, statusValueCells(key, ref.indicator, s.results.get(ref.indicator), statusZh));
      }
      return row;
    });
    addSheet(wb, d.name, cols, rows);
  }

  const others = metas.filter((m) => !weighted.has(m.id));
  if (others.length) {
    const cols = [...idCols, ...indicatorColumns(others, { status: 9, value: 24 })];
    const rows = sites.map((s, i) => ({ ...baseRows[i], ...indicatorCells(s, others, statusZh) }));
    addSheet(wb, '规范·平台·健康', cols, rows);
  }

  // 可用性监测: the monitor window of every site (empty numbers and veto unknown when not monitored).
  addSheet(
    wb,
    '可用性监测',
    [...idCols, ...availabilityColumns()],
    sites.map((s, i) => ({ ...baseRows[i], ...availabilityCells(s.results.get('availability')) })),
  );

  // Every site gets a row, audited or not, so the sheet lines up with 总览 and says who was not audited.
  addSheet(
    wb,
    '浏览器审计',
    [...idCols, ...auditColumns()],
    sites.map((s, i) => ({ ...baseRows[i], ...auditCells(s.audit) })),
  );

  const dictCols: Column[] = [
    { key: 'id', zh: '指标ID', en: 'id', width: 26 },
    { key: 'zh', zh: '指标名称', en: 'name', width: 16 },
    { key: 'en', zh: '英文名称', en: 'English name', width: 24 },
    { key: 'group', zh: '分组', en: 'group', width: 10 },
    { key: 'measures', zh: '测量内容', en: 'measures', width: 50 },
    { key: 'standard', zh: '依据标准', en: 'standard', width: 36 },
    { key: 'present', zh: '“具备”含义', en: 'present means', width: 30 },
    { key: 'fields', zh: '取值字段', en: 'value fields', width: 40 },
    { key: 'scoring', zh: '计分方式', en: 'scoring', width: 50 },
  ];
  addSheet(
    wb,
    '数据字典',
    dictCols,
    dict.indicators.map((m) => ({
      id: m.id,
      zh: m.name.zh,
      en: m.name.en,
      group: m.dimension,
      measures: m.measures,
      standard: m.standard,
      present: m.presentMeans,
      fields: m.valueFields
        ? Object.entries(m.valueFields)
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n')
        : '',
      scoring: m.scoring.join('\n') || '不计分（仅报告）',
    })),
  );
  if (dict.run) addRunSheet(wb, dict.run);
  await wb.xlsx.writeFile(file);
}
