/**
 * scoreRun: from one run's indicator results in SQLite to totals, ranks and tiers, by a weights
 * config. Pure over the database rows (no clock, stable ordering), so re-scoring with the stored
 * config reproduces the stored numbers exactly.
 *
 * Unknown indicators are excluded, never zero: a dimension is rescaled over its known weight, and
 * the site's coverage (known share of the 100 points) is recorded; below `minCoverage` the site
 * keeps its total but is flagged `incomplete` and is neither ranked nor tiered. An ad-hoc site
 * (kind `adhoc`, `govscan check <url>`) is scored the same way, flagged `adhoc`, and likewise
 * neither ranked nor tiered: it is not one of the registry's localities.
 */

import { levelOf } from '../registry/levels.js';
import type { Db } from '../store/db.js';
import { effectiveResultRows } from '../store/results.js';
import { getRun } from '../store/runs.js';
import { type CountyColumns, countyFacts, type RunSiteRow, runSites } from '../store/sites.js';
import type { IndicatorResult, JsonValue } from '../types.js';
import { applyRule, readField } from './rules.js';
import type { DeductionScore, DimensionScore, IndicatorScore, RunScores, SiteScore, VetoCheck } from './types.js';
import { refKey, type Weights, weightsHash } from './weights.js';

const r2 = (x: number): number => Math.round(x * 100) / 100;
const r4 = (x: number): number => Math.round(x * 10000) / 10000;

type SiteRow = Pick<RunSiteRow, 'code' | 'name' | 'province' | 'kind' | 'site_status' | 'site_error'> &
  Partial<CountyColumns>;

/** Results of a run per site (the combined view where an audit verified the site), values parsed; no evidence. */
function loadRunResults(db: Db, runId: number): Map<string, Map<string, IndicatorResult>> {
  const out = new Map<string, Map<string, IndicatorResult>>();
  for (const r of effectiveResultRows(db, runId)) {
    let m = out.get(r.code);
    if (!m) out.set(r.code, (m = new Map()));
    const value = r.value_json === null ? undefined : (JSON.parse(r.value_json) as JsonValue);
    m.set(r.indicator, {
      id: r.indicator,
      status: r.status,
      value,
      confidence: r.confidence,
      reason: r.reason,
      evidence: [],
    });
  }
  return out;
}

export function scoreRun(db: Db, runId: number, weights: Weights): RunScores {
  if (!getRun(db, runId)) throw new Error(`run ${runId} does not exist in the database`);
  const sites = runSites(db, runId);
  const results = loadRunResults(db, runId);
  const scored = sites.map((s) => scoreSite(s, results.get(s.code) ?? new Map(), weights));
  rankAndTier(scored, weights);
  return { runId, configHash: weightsHash(weights), weights, sites: orderSites(scored) };
}

/** The parts of a score that has none (an unscored site), with fresh arrays each time. */
export function noParts(): Pick<
  SiteScore,
  'deducted' | 'flags' | 'dimensions' | 'indicators' | 'deductions' | 'vetoes'
> {
  return { deducted: 0, flags: [], dimensions: [], indicators: [], deductions: [], vetoes: [] };
}

export function scoreSite(site: SiteRow, results: Map<string, IndicatorResult>, w: Weights): SiteScore {
  const base = {
    code: site.code,
    name: site.name,
    province: site.province,
    kind: site.kind,
    ...countyFacts({
      prefecture_code: site.prefecture_code ?? null,
      url_flag: site.url_flag ?? null,
      url_note: site.url_note ?? null,
    }),
    siteStatus: site.site_status,
    nationalRank: null,
    provincialRank: null,
    tier: null,
  };
  if (site.site_status !== 'ok')
    return {
      ...base,
      scored: false,
      total: null,
      coverage: 0,
      ...noParts(),
      noScoreReason: `homepage not fetched (${site.site_status}${site.site_error ? `: ${site.site_error}` : ''}): no score, not zero`,
    };
  const statusOf = (id: string): IndicatorScore['status'] => results.get(id)?.status ?? 'missing';

  const indicators: IndicatorScore[] = [];
  const dimensions: DimensionScore[] = [];
  let knownPoints = 0;
  for (const d of w.dimensions) {
    let totalW = 0,
      knownW = 0,
      got = 0;
    for (const sub of d.subs)
      for (const ref of sub.refs) {
        const o = applyRule(ref.rule, results.get(ref.indicator));
        totalW += ref.weight;
        const base = {
          key: refKey(ref),
          indicator: ref.indicator,
          dimension: d.id,
          sub: sub.name,
          status: statusOf(ref.indicator),
          max: ref.weight,
        };
        if ('excluded' in o)
          indicators.push({ ...base, points: null, fraction: null, excluded: true, note: o.excluded });
        else {
          knownW += ref.weight;
          got += o.fraction * ref.weight;
          indicators.push({ ...base, points: r4(o.fraction * ref.weight), fraction: r4(o.fraction), excluded: false });
        }
      }
    const coverage = knownW / totalW;
    knownPoints += d.max * coverage;
    dimensions.push({
      id: d.id,
      name: d.name,
      points: knownW > 0 ? (got / knownW) * d.max : null,
      max: d.max,
      coverage: r4(coverage),
    });
  }

  const deductions: DeductionScore[] = w.deductions.items.map((it) => {
    const o = applyRule(it.rule, results.get(it.indicator));
    const base = { key: refKey(it), indicator: it.indicator, status: statusOf(it.indicator), max: it.points };
    return 'excluded' in o
      ? { ...base, deducted: null, excluded: true, note: o.excluded }
      : { ...base, deducted: r4((1 - o.fraction) * it.points), excluded: false };
  });
  const deducted = r2(
    Math.min(
      w.deductions.cap,
      deductions.reduce((s, x) => s + (x.deducted ?? 0), 0),
    ),
  );

  const vetoes: VetoCheck[] = w.vetoes.map((v) => ({
    id: v.id,
    name: v.name,
    indicator: v.indicator,
    fired: vetoFires(v.when, results.get(v.indicator)),
  }));

  const coverage = r4(knownPoints / 100);
  const allKnown = dimensions.every((d) => d.points !== null);
  const total = allKnown ? r2(Math.max(0, dimensions.reduce((s, d) => s + (d.points ?? 0), 0) - deducted)) : null;
  for (const d of dimensions) if (d.points !== null) d.points = r2(d.points);

  const flags: string[] = [];
  if (site.kind === 'adhoc') flags.push('adhoc');
  if (total === null || coverage < w.minCoverage) flags.push('incomplete');
  const excluded = indicators.filter((i) => i.excluded).length + deductions.filter((x) => x.excluded).length;
  if (excluded) flags.push(`excluded:${excluded}`);
  for (const v of vetoes) if (v.fired === true) flags.push(`veto:${v.id}`);
  for (const v of vetoes) if (v.fired === null) flags.push(`veto_unknown:${v.id}`);
  return { ...base, scored: true, total, coverage, deducted, flags, dimensions, indicators, deductions, vetoes };
}

function vetoFires(when: Weights['vetoes'][number]['when'], r: IndicatorResult | undefined): boolean | null {
  if (!r || r.status === 'unknown') return null;
  if (when === 'absent') return r.status === 'absent';
  const v = readField(r.value, when.field);
  return typeof v === 'number' ? v > when.gt : null;
}

/** Ad-hoc sites (checked by URL, not in the registry) are scored but never ranked or tiered with the registry's localities. */
const isRanked = (s: SiteScore): boolean =>
  s.scored && s.total !== null && !s.flags.includes('incomplete') && s.kind !== 'adhoc';

/** Competition ranking: equal totals share a rank, the next rank skips (1, 2, 2, 4). */
function competitionRanks(list: SiteScore[]): Map<SiteScore, number> {
  const sorted = [...list].sort((a, b) => b.total! - a.total! || a.code.localeCompare(b.code));
  const ranks = new Map<SiteScore, number>();
  sorted.forEach((s, i) => {
    const prev = sorted[i - 1];
    ranks.set(s, prev && prev.total === s.total ? ranks.get(prev)! : i + 1);
  });
  return ranks;
}

/** Ranks and tiers within each level: prefecture-level sites among themselves, county sites among themselves. */
export function rankAndTier(sites: SiteScore[], w: Weights): void {
  const byLevel = new Map<string, SiteScore[]>();
  for (const s of sites.filter(isRanked)) {
    const l = levelOf(s.kind);
    byLevel.set(l, [...(byLevel.get(l) ?? []), s]);
  }
  for (const ranked of byLevel.values()) rankAndTierLevel(ranked, w);
}

function rankAndTierLevel(ranked: SiteScore[], w: Weights): void {
  for (const [s, r] of competitionRanks(ranked)) s.nationalRank = r;
  const byProvince = new Map<string, SiteScore[]>();
  for (const s of ranked) byProvince.set(s.province, [...(byProvince.get(s.province) ?? []), s]);
  for (const list of byProvince.values()) for (const [s, r] of competitionRanks(list)) s.provincialRank = r;

  const levels = w.tiers.levels;
  const last = levels[levels.length - 1]!.name;
  for (const s of ranked) {
    const measure =
      w.tiers.mode === 'absolute' ? s.total! : (ranked.filter((o) => o.total! < s.total!).length / ranked.length) * 100;
    s.tier = levels.find((l) => measure >= l.min)?.name ?? last;
    if (w.vetoEffect === 'lowest_tier' && s.vetoes.some((v) => v.fired === true)) s.tier = last;
  }
}

/**
 * National order: prefecture-level sites (with ad-hoc ones) before county sites; within that,
 * ranked by rank, then scored-but-unranked by total, then the rest; code breaks ties.
 */
export function orderSites(sites: SiteScore[]): SiteScore[] {
  const level = (s: SiteScore): number => (levelOf(s.kind) === 'county' ? 1 : 0);
  const group = (s: SiteScore): number =>
    s.nationalRank !== null ? 0 : s.scored && s.total !== null ? 1 : s.scored ? 2 : 3;
  return [...sites].sort(
    (a, b) =>
      level(a) - level(b) ||
      group(a) - group(b) ||
      (a.nationalRank ?? 0) - (b.nationalRank ?? 0) ||
      (b.total ?? -1) - (a.total ?? -1) ||
      a.code.localeCompare(b.code),
  );
}
