/**
 * Scores per run and weights config (migration 002-scores): the rows `govscan score` writes and
 * the shape `scoreRun` returns, read back. Only `score` (and crawl/check/demo calling it) writes here.
 */

import type {
  DeductionScore,
  DimensionScore,
  IndicatorScore,
  RunScores,
  SiteScore,
  VetoCheck,
} from '../scoring/types.js';
import type { FetchStatus, LocalityKind } from '../types.js';
import type { Db } from './db.js';
import { stripUndefined } from './rows.js';
import { type CountyColumns, countyFacts } from './sites.js';

/**
 * An indicator_scores row: a weighted reference (kind 'ref'), or a deduction, which has no dimension,
 * sub or fraction and stores the points it takes off as its points.
 */
type IndicatorRowKind = 'ref' | 'deduction';
type StoredIndicator = Omit<IndicatorScore, 'dimension' | 'sub'> & { dimension: string | null; sub: string | null };

/** Store (replace) the scores of a run for one config; `weightsJson`: the canonical JSON that hashes to configHash. */
export function insertScores(db: Db, scores: RunScores, weightsJson: string, scoredAt: string): void {
  const { runId, configHash: hash } = scores;
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO score_configs (hash, weights_json, name, created_at) VALUES (?, ?, ?, ?)').run(
      hash,
      weightsJson,
      scores.weights.name,
      scoredAt,
    );
    for (const t of ['site_scores', 'dimension_scores', 'indicator_scores'])
      db.prepare(`DELETE FROM ${t} WHERE run_id = ? AND config_hash = ?`).run(runId, hash);
    const insSite = db.prepare(
      `INSERT INTO site_scores (run_id, code, config_hash, scored, no_score_reason, total, coverage, deducted, national_rank,
         provincial_rank, tier, flags_json, vetoes_json, scored_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    const insDim = db.prepare(
      'INSERT INTO dimension_scores (run_id, code, config_hash, seq, dimension, name, points, max, coverage) VALUES (?,?,?,?,?,?,?,?,?)',
    );
    const insInd = db.prepare(
      `INSERT INTO indicator_scores (run_id, code, config_hash, seq, kind, ref_key, indicator, dimension, sub, status, points, max,
         fraction, excluded, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    for (const s of scores.sites) {
      insSite.run(
        runId,
        s.code,
        hash,
        s.scored ? 1 : 0,
        s.noScoreReason ?? null,
        s.total,
        s.coverage,
        s.deducted,
        s.nationalRank,
        s.provincialRank,
        s.tier,
        JSON.stringify(s.flags),
        JSON.stringify(s.vetoes),
        scoredAt,
      );
      s.dimensions.forEach((d, i) => {
        insDim.run(runId, s.code, hash, i, d.id, d.name, d.points, d.max, d.coverage);
      });
      const insertIndicators = (kind: IndicatorRowKind, rows: StoredIndicator[]) =>
        rows.forEach((x, i) => {
          insInd.run(
            runId,
            s.code,
            hash,
            i,
            kind,
            x.key,
            x.indicator,
            x.dimension,
            x.sub,
            x.status,
            x.points,
            x.max,
            x.fraction,
            x.excluded ? 1 : 0,
            x.note ?? null,
          );
        });
      insertIndicators('ref', s.indicators);
      insertIndicators(
        'deduction',
        s.deductions.map((x) => ({ ...x, dimension: null, sub: null, points: x.deducted, fraction: null })),
      );
    }
  })();
}

/** The canonical weights JSON stored under a config hash. */
export function scoreConfigJson(db: Db, hash: string): string | undefined {
  const row = db.prepare('SELECT weights_json FROM score_configs WHERE hash = ?').get(hash) as
    | { weights_json: string }
    | undefined;
  return row?.weights_json;
}

/** Config hashes a run has been scored with, newest first. */
export function scoredConfigs(db: Db, runId: number): { hash: string; name: string; scoredAt: string }[] {
  return db
    .prepare(
      `SELECT ss.config_hash AS hash, c.name, MAX(ss.scored_at) AS scoredAt FROM site_scores ss
       JOIN score_configs c ON c.hash = ss.config_hash WHERE ss.run_id = ? GROUP BY ss.config_hash ORDER BY scoredAt DESC, hash`,
    )
    .all(runId) as { hash: string; name: string; scoredAt: string }[];
}

interface SiteScoreRow extends CountyColumns {
  code: string;
  name: string;
  province: string;
  kind: LocalityKind;
  site_status: FetchStatus;
  scored: number;
  no_score_reason: string | null;
  total: number | null;
  coverage: number;
  deducted: number;
  national_rank: number | null;
  provincial_rank: number | null;
  tier: string | null;
  flags_json: string;
  vetoes_json: string;
}

/** The stored site scores of a run for a config, unordered (the caller orders them as scoreRun does). */
export function loadSiteScores(db: Db, runId: number, hash: string): SiteScore[] {
  const rows = db
    .prepare(
      `SELECT ss.*, s.name, s.province, s.kind, s.prefecture_code, s.url_flag, s.url_note, sr.site_status
       FROM site_scores ss
       JOIN sites s ON s.code = ss.code JOIN site_runs sr ON sr.run_id = ss.run_id AND sr.code = ss.code
       WHERE ss.run_id = ? AND ss.config_hash = ?`,
    )
    .all(runId, hash) as SiteScoreRow[];
  const dimStmt = db.prepare(
    'SELECT * FROM dimension_scores WHERE run_id = ? AND code = ? AND config_hash = ? ORDER BY seq',
  );
  // Columns named as IndicatorScore names them, in its order.
  const indStmt = db.prepare(
    `SELECT ref_key AS key, indicator, IFNULL(dimension, '') AS dimension, IFNULL(sub, '') AS sub, status, points, max,
       fraction, excluded, note
     FROM indicator_scores WHERE run_id = ? AND code = ? AND config_hash = ? AND kind = ? ORDER BY seq`,
  );
  type IndRow = Omit<IndicatorScore, 'excluded' | 'note'> & { excluded: number; note: string | null };
  const storedIndicators = (code: string, kind: IndicatorRowKind): IndicatorScore[] =>
    (indStmt.all(runId, code, hash, kind) as IndRow[]).map((x) =>
      stripUndefined({ ...x, excluded: !!x.excluded, note: x.note ?? undefined }),
    );
  return rows.map((r): SiteScore => {
    const dimensions = (
      dimStmt.all(runId, r.code, hash) as {
        dimension: string;
        name: string;
        points: number | null;
        max: number;
        coverage: number;
      }[]
    ).map(
      (d): DimensionScore => ({ id: d.dimension, name: d.name, points: d.points, max: d.max, coverage: d.coverage }),
    );
    const indicators = storedIndicators(r.code, 'ref');
    const deductions = storedIndicators(r.code, 'deduction').map(
      ({ key, indicator, status, points, max, excluded, note }): DeductionScore =>
        stripUndefined({ key, indicator, status, deducted: points, max, excluded, note }),
    );
    return stripUndefined({
      code: r.code,
      name: r.name,
      province: r.province,
      kind: r.kind,
      ...countyFacts(r),
      siteStatus: r.site_status,
      nationalRank: r.national_rank,
      provincialRank: r.provincial_rank,
      tier: r.tier,
      scored: !!r.scored,
      noScoreReason: r.no_score_reason ?? undefined,
      total: r.total,
      coverage: r.coverage,
      deducted: r.deducted,
      flags: JSON.parse(r.flags_json) as string[],
      dimensions,
      indicators,
      deductions,
      vetoes: JSON.parse(r.vetoes_json) as VetoCheck[],
    });
  });
}
