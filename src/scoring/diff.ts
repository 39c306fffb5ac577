/**
 * What changed between two runs, per site: sites added/removed, site status, total and tier
 * (both runs scored with the same weights, so a difference is in the sites, not the config),
 * and every indicator whose status or value changed. A total that moved is explained by the
 * dimensions that moved it (and the deduction), per site and on average over the run.
 */
import type { Db } from '../store/db.js';
import { effectiveResultRows } from '../store/results.js';
import { getRun } from '../store/runs.js';
import type { IndicatorStatus, JsonValue } from '../types.js';
import { scoreRun } from './score.js';
import type { SiteScore } from './types.js';
import { canonicalJson, type Weights, weightsHash } from './weights.js';

export interface IndicatorChange {
  id: string;
  from: { status: IndicatorStatus; value?: JsonValue } | null;
  to: { status: IndicatorStatus; value?: JsonValue } | null;
}

/** Points of one part of the total (a dimension, or the norm deduction as a negative) in both runs. */
export interface PartChange {
  id: string;
  name: string;
  from: number | null;
  to: number | null;
  delta: number;
}

export interface SiteChange {
  code: string;
  name: string;
  province: string;
  siteStatus?: { from: string; to: string };
  total?: { from: number | null; to: number | null; delta: number | null };
  tier?: { from: string | null; to: string | null };
  rank?: { from: number | null; to: number | null };
  /** When the total moved: the parts that moved it. */
  parts?: PartChange[];
  indicators: IndicatorChange[];
}

/** The mean shift over sites scored in both runs, by part: how much of the change each part explains. */
export interface ShiftSummary {
  sites: number;
  meanTotalDelta: number;
  parts: { id: string; name: string; meanDelta: number }[];
}

export interface RunDiff {
  runA: number;
  runB: number;
  configHash: string;
  added: { code: string; name: string; province: string }[];
  removed: { code: string; name: string; province: string }[];
  changed: SiteChange[];
  unchanged: number;
  shift: ShiftSummary;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** A site's total as parts: each dimension's points, and the deduction as negative points. */
function parts(s: SiteScore): Map<string, { name: string; points: number | null }> {
  const m = new Map(s.dimensions.map((d) => [d.id, { name: d.name, points: d.points }]));
  m.set('deducted', { name: '规范扣分 deduction', points: s.scored ? -s.deducted : null });
  return m;
}

function partChanges(x: SiteScore, y: SiteScore): PartChange[] {
  const px = parts(x);
  const out: PartChange[] = [];
  for (const [id, q] of parts(y)) {
    const p = px.get(id);
    const delta = round2((q.points ?? 0) - (p?.points ?? 0));
    if (delta !== 0 || (p?.points ?? null) !== q.points)
      out.push({ id, name: q.name, from: p?.points ?? null, to: q.points, delta });
  }
  return out;
}

type Res = Map<string, { status: IndicatorStatus; value?: JsonValue; json: string }>;

function results(db: Db, runId: number): Map<string, Res> {
  const rows = effectiveResultRows(db, runId);
  const out = new Map<string, Res>();
  for (const r of rows) {
    if (!out.has(r.code)) out.set(r.code, new Map());
    const value = r.value_json === null ? undefined : (JSON.parse(r.value_json) as JsonValue);
    out.get(r.code)!.set(r.indicator, {
      status: r.status,
      ...(value === undefined ? {} : { value }),
      json: value === undefined ? '' : canonicalJson(value),
    });
  }
  return out;
}

export function diffRuns(db: Db, runA: number, runB: number, weights: Weights): RunDiff {
  for (const id of [runA, runB]) if (!getRun(db, id)) throw new Error(`run ${id} does not exist in the database`);
  const a = new Map(scoreRun(db, runA, weights).sites.map((s) => [s.code, s]));
  const b = new Map(scoreRun(db, runB, weights).sites.map((s) => [s.code, s]));
  const ra = results(db, runA);
  const rb = results(db, runB);
  const ident = (s: SiteScore) => ({ code: s.code, name: s.name, province: s.province });
  const added = [...b.values()].filter((s) => !a.has(s.code)).map(ident);
  const removed = [...a.values()].filter((s) => !b.has(s.code)).map(ident);
  const changed: SiteChange[] = [];
  let unchanged = 0;
  const codes = [...b.keys()].filter((c) => a.has(c)).sort();
  for (const code of codes) {
    const x = a.get(code)!,
      y = b.get(code)!;
    const ch: SiteChange = { ...ident(y), indicators: [] };
    if (x.siteStatus !== y.siteStatus) ch.siteStatus = { from: x.siteStatus, to: y.siteStatus };
    if (x.total !== y.total)
      ch.total = {
        from: x.total,
        to: y.total,
        delta: x.total !== null && y.total !== null ? Math.round((y.total - x.total) * 100) / 100 : null,
      };
    if (ch.total) ch.parts = partChanges(x, y);
    if (x.tier !== y.tier) ch.tier = { from: x.tier, to: y.tier };
    if (x.nationalRank !== y.nationalRank) ch.rank = { from: x.nationalRank, to: y.nationalRank };
    const ia = ra.get(code) ?? new Map(),
      ib = rb.get(code) ?? new Map();
    for (const id of [...new Set([...ia.keys(), ...ib.keys()])].sort()) {
      const p = ia.get(id),
        q = ib.get(id);
      if (p && q && p.status === q.status && p.json === q.json) continue;
      const side = (r: typeof p) =>
        r ? { status: r.status, ...(r.value === undefined ? {} : { value: r.value }) } : null;
      ch.indicators.push({ id, from: side(p), to: side(q) });
    }
    if (ch.siteStatus || ch.total || ch.tier || ch.rank || ch.indicators.length) changed.push(ch);
    else unchanged++;
  }
  return {
    runA,
    runB,
    configHash: weightsHash(weights),
    added,
    removed,
    changed,
    unchanged,
    shift: shiftOf(codes, a, b),
  };
}

function shiftOf(codes: string[], a: Map<string, SiteScore>, b: Map<string, SiteScore>): ShiftSummary {
  const both = codes.filter((c) => a.get(c)!.total !== null && b.get(c)!.total !== null);
  const sum = new Map<string, { name: string; delta: number }>();
  let total = 0;
  for (const c of both) {
    total += b.get(c)!.total! - a.get(c)!.total!;
    for (const p of partChanges(a.get(c)!, b.get(c)!)) {
      const s = sum.get(p.id) ?? { name: p.name, delta: 0 };
      s.delta += p.delta;
      sum.set(p.id, s);
    }
  }
  const mean = (x: number) => (both.length ? round2(x / both.length) : 0);
  return {
    sites: both.length,
    meanTotalDelta: mean(total),
    parts: [...sum].map(([id, s]) => ({ id, name: s.name, meanDelta: mean(s.delta) })).filter((p) => p.meanDelta !== 0),
  };
}
