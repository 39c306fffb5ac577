/**
 * What changed between two runs, per site: sites added/removed, site status, total and tier
 * (both runs scored with the same weights, so a difference is in the sites, not the config),
 * and every indicator whose status or value changed.
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

export interface SiteChange {
  code: string;
  name: string;
  province: string;
  siteStatus?: { from: string; to: string };
  total?: { from: number | null; to: number | null; delta: number | null };
  tier?: { from: string | null; to: string | null };
  rank?: { from: number | null; to: number | null };
  indicators: IndicatorChange[];
}

export interface RunDiff {
  runA: number;
  runB: number;
  configHash: string;
  added: { code: string; name: string; province: string }[];
  removed: { code: string; name: string; province: string }[];
  changed: SiteChange[];
  unchanged: number;
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
  return { runA, runB, configHash: weightsHash(weights), added, removed, changed, unchanged };
}
