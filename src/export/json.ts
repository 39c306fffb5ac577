/**
 * JSON export: the run, the scoring config, the browser-stage runs of this crawl run, and per site
 * its score, full indicator results with evidence, and its browser audit (null when not audited).
 */

import { levelOf } from '../registry/levels.js';
import type { RunScores } from '../scoring/index.js';
import type { RunRow } from '../store/db.js';
import { runSummary } from '../store/runs.js';
import type { AuditRunInfo } from './audit.js';
import { auditJson } from './audit-json.js';
import type { ExportSite } from './table.js';

export function exportJson(
  run: RunRow,
  scores: RunScores,
  sites: ExportSite[],
  auditRuns: AuditRunInfo[] = [],
): unknown {
  return {
    run: { ...runSummary(run), configHash: run.config_hash },
    scoring: { configHash: scores.configHash, weights: scores.weights },
    auditRuns,
    sites: sites.map((s) => ({
      ...s.score,
      level: levelOf(s.score.kind),
      results: [...s.results.values()],
      audit: s.audit ? auditJson(s.audit) : null,
    })),
  };
}
