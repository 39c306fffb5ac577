/** What scoring produces for a run, per site. Points are rounded to 2 decimals (4 for fractions). */
import type { FetchStatus, IndicatorStatus, LocalityKind, UrlFlag } from '../types.js';
import type { Weights } from './weights.js';

export interface IndicatorScore {
  /** Ref key in the weights file (the indicator id unless one indicator is used twice). */
  key: string;
  indicator: string;
  dimension: string;
  sub: string;
  status: IndicatorStatus | 'missing';
  /** Raw points before the dimension is rescaled over its known weight; null when excluded. */
  points: number | null;
  max: number;
  fraction: number | null;
  excluded: boolean;
  /** Why it was excluded (unknown status, missing value field …). */
  note?: string;
}

export interface DimensionScore {
  id: string;
  name: string;
  /** Points out of `max`, rescaled over the known weight; null when nothing in it is known. */
  points: number | null;
  max: number;
  /** Share (0..1) of the dimension's weight that was known. */
  coverage: number;
}

export interface DeductionScore {
  key: string;
  indicator: string;
  status: IndicatorStatus | 'missing';
  /** Points taken off (before the cap); null when excluded. */
  deducted: number | null;
  max: number;
  excluded: boolean;
  note?: string;
}

export interface VetoCheck {
  id: string;
  name: string;
  indicator: string;
  /** true = the veto item fails the site; null = could not tell (indicator unknown or missing). */
  fired: boolean | null;
}

export interface SiteScore {
  code: string;
  name: string;
  province: string;
  kind: LocalityKind;
  /** County sites: their prefecture-level row (src/registry/counties.ts). */
  prefectureCode?: string;
  /** County sites the registry's URL checks doubt, with the check's note: shown, never dropped. */
  urlFlag?: UrlFlag;
  urlNote?: string;
  siteStatus: FetchStatus;
  /** False when the homepage could not be fetched: the site has no score (not zero). */
  scored: boolean;
  noScoreReason?: string;
  total: number | null;
  /** Share (0..1) of the total's points whose indicators were known. */
  coverage: number;
  /**
   * Ranked = scored with coverage ≥ minCoverage. Standard competition ranking (1, 2, 2, 4), within
   * the site's level: a county never ranks against a prefecture-level site.
   */
  nationalRank: number | null;
  provincialRank: number | null;
  tier: string | null;
  /** Total deduction actually applied (after the cap). */
  deducted: number;
  /** incomplete, veto:<id>, veto_unknown:<id>, excluded:<n> */
  flags: string[];
  dimensions: DimensionScore[];
  indicators: IndicatorScore[];
  deductions: DeductionScore[];
  vetoes: VetoCheck[];
}

export interface RunScores {
  runId: number;
  configHash: string;
  weights: Weights;
  /** In national order: ranked sites by rank, then unranked scored sites by total, then unscored, each by code. */
  sites: SiteScore[];
}
