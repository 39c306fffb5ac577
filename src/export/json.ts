/** JSON export: the run, the scoring config, and per site its score and full indicator results with evidence. */
import type { RunRow } from '../store/db.js';
import type { RunScores } from '../scoring/index.js';
import type { ExportSite } from './table.js';

export function exportJson(run: RunRow, scores: RunScores, sites: ExportSite[]): unknown {
  return {
    run: { id: run.id, kind: run.kind, state: run.state, startedAt: run.started_at, finishedAt: run.finished_at, configHash: run.config_hash, toolVersion: run.tool_version },
    scoring: { configHash: scores.configHash, weights: scores.weights },
    sites: sites.map((s) => ({ ...s.score, results: [...s.results.values()] })),
  };
}
