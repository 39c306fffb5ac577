/**
 * The table model shared by the CSV and XLSX writers: columns with Chinese + English headers and
 * one row per site (identity, status, total, tier, ranks, dimensions, then per indicator its
 * status and a value summary, then the availability monitor's window (numbers), then the browser
 * stage's Lighthouse and axe figures).
 */
import type { IndicatorMeta } from '../../indicators/define.js';
import { LEVEL_ZH, levelOf } from '../registry/levels.js';
import type { RunScores, SiteScore } from '../scoring/index.js';
import type { ChallengeRecord, IndicatorResult, LocalityKind } from '../types.js';
import { auditCells, auditColumns, type SiteAudit } from './audit.js';
import { availabilityCells, availabilityColumns } from './availability.js';
import { STATUS_ZH } from './dictionary.js';
import { valueSummary } from './summary.js';

export type Cell = string | number | null;

export interface Column {
  key: string;
  zh: string;
  en: string;
  /** Column width hint in characters (XLSX). */
  width?: number;
  numeric?: boolean;
}

export interface ExportSite {
  score: SiteScore;
  results: Map<string, IndicatorResult>;
  /** The browser stage's results; undefined when the site was not in the audit sample. */
  audit?: SiteAudit;
  /** The anti-bot challenge the homepage put up, if any (SiteArtifacts.challenge). */
  challenge?: ChallengeRecord;
}

/** How the site's content was reached: directly, through a passed challenge, or not past one. */
export function accessCell(c: ChallengeRecord | undefined): string {
  if (!c) return 'direct';
  return c.passed ? `challenge_passed: ${c.vendor} via ${c.via}` : `challenge_failed: ${c.vendor}`;
}

export const KIND_ZH: Record<LocalityKind, string> = {
  municipality: '直辖市',
  prefecture_city: '地级市',
  autonomous_prefecture: '自治州',
  prefecture: '地区',
  league: '盟',
  district: '市辖区',
  county: '县',
  county_city: '县级市',
  autonomous_county: '自治县',
  banner: '旗',
  autonomous_banner: '自治旗',
  special_district: '特区',
  forestry_district: '林区',
  adhoc: '名录外站点',
};

/** Who a site is, as the tables and the report name it (the kind in Chinese). */
export function siteIdentity(s: SiteScore): { code: string; name: string; province: string; kind: string } {
  return { code: s.code, name: s.name, province: s.province, kind: KIND_ZH[s.kind] ?? s.kind };
}

/** The site's level, in Chinese and as `--level` names it: 地市级 prefecture, 县级 county, 名录外 adhoc. */
export function levelCell(s: Pick<SiteScore, 'kind'>): string {
  const l = levelOf(s.kind);
  return `${LEVEL_ZH[l]} ${l}`;
}

/** A county row the registry's URL checks doubt: its flag and the check's note (empty when not flagged). */
export function urlCheckCell(s: Pick<SiteScore, 'urlFlag' | 'urlNote'>): string {
  return s.urlFlag ? `${s.urlFlag}: ${s.urlNote ?? ''}` : '';
}

export function baseColumns(scores: RunScores): Column[] {
  return [
    { key: 'code', zh: '区划代码', en: 'Code', width: 9 },
    { key: 'name', zh: '名称', en: 'Name', width: 16 },
    { key: 'province', zh: '省份', en: 'Province', width: 12 },
    { key: 'kind', zh: '类型', en: 'Kind', width: 10 },
    { key: 'level', zh: '层级', en: 'Level', width: 12 },
    { key: 'prefecture_code', zh: '所属地市代码', en: 'Prefecture code', width: 9 },
    { key: 'url_check', zh: '网址核验', en: 'URL check', width: 20 },
    { key: 'site_status', zh: '站点状态', en: 'Site status', width: 10 },
    { key: 'site_access', zh: '访问方式', en: 'Access', width: 14 },
    { key: 'total', zh: '总分', en: 'Total', width: 8, numeric: true },
    { key: 'tier', zh: '发展等级', en: 'Tier', width: 10 },
    { key: 'national_rank', zh: '全国排名', en: 'National rank', width: 8, numeric: true },
    { key: 'provincial_rank', zh: '省内排名', en: 'Provincial rank', width: 8, numeric: true },
    { key: 'coverage', zh: '指标覆盖率', en: 'Coverage', width: 9, numeric: true },
    ...scores.weights.dimensions.map((d) => ({
      key: `dim_${d.id}`,
      zh: `${d.name}(${d.max})`,
      en: `${d.id} (${d.max})`,
      width: 10,
      numeric: true,
    })),
    { key: 'deducted', zh: '规范扣分', en: 'Deducted', width: 8, numeric: true },
    { key: 'vetoes', zh: '单项否决', en: 'Vetoes', width: 20 },
    { key: 'flags', zh: '标记', en: 'Flags', width: 16 },
  ];
}

/** The status and value columns of an indicator, or of one weighted part of it (`key`), headed by `label`. */
export function statusValueColumns(key: string, label: string, widths = { status: 8, value: 24 }): Column[] {
  return [
    { key: `${key}.status`, zh: `${label}-状态`, en: `${key} status`, width: widths.status },
    { key: `${key}.value`, zh: `${label}-取值`, en: `${key} value`, width: widths.value },
  ];
}

/** Their cells for one result (empty when there is none); `statusText` words the status. */
export function statusValueCells(
  key: string,
  indicator: string,
  r: IndicatorResult | undefined,
  statusText: (status: IndicatorResult['status']) => string,
): Record<string, Cell> {
  return {
    [`${key}.status`]: r ? statusText(r.status) : '',
    [`${key}.value`]: r ? valueSummary(indicator, r.value) : '',
  };
}

/** The status in Chinese then as stored (CSV); the workbook shows the Chinese alone. */
export const statusBilingual = (status: IndicatorResult['status']) => `${STATUS_ZH[status]} ${status}`;

export function indicatorColumns(metas: IndicatorMeta[], widths?: { status: number; value: number }): Column[] {
  return metas.flatMap((m) => statusValueColumns(m.id, m.name.zh, widths));
}

export function baseCells(s: SiteScore, scores: RunScores, challenge?: ChallengeRecord): Record<string, Cell> {
  const dims = Object.fromEntries(
    scores.weights.dimensions.map((d) => [`dim_${d.id}`, s.dimensions.find((x) => x.id === d.id)?.points ?? null]),
  );
  return {
    ...siteIdentity(s),
    level: levelCell(s),
    prefecture_code: s.prefectureCode ?? '',
    url_check: urlCheckCell(s),
    site_status: s.siteStatus,
    site_access: accessCell(challenge),
    total: s.total,
    tier: s.tier,
    national_rank: s.nationalRank,
    provincial_rank: s.provincialRank,
    coverage: s.scored ? s.coverage : null,
    ...dims,
    deducted: s.scored ? s.deducted : null,
    vetoes: s.vetoes
      .filter((v) => v.fired)
      .map((v) => v.name)
      .join('；'),
    flags: s.scored ? s.flags.join(' ') : (s.noScoreReason ?? ''),
  };
}

export function indicatorCells(
  site: ExportSite,
  metas: IndicatorMeta[],
  statusText = statusBilingual,
): Record<string, Cell> {
  return Object.assign({}, ...metas.map((m) => statusValueCells(m.id, m.id, site.results.get(m.id), statusText)));
}

export function mainTable(
  scores: RunScores,
  sites: ExportSite[],
  metas: IndicatorMeta[],
): { columns: Column[]; rows: Record<string, Cell>[] } {
  return {
    columns: [...baseColumns(scores), ...indicatorColumns(metas), ...availabilityColumns(), ...auditColumns()],
    rows: sites.map((s) => ({
      ...baseCells(s.score, scores, s.challenge),
      ...indicatorCells(s, metas),
      ...availabilityCells(s.results.get('availability')),
      ...auditCells(s.audit),
    })),
  };
}
