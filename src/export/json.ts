/**
 * JSON export: the run, the scoring config, the browser-stage runs of this crawl run, and per site
 * its score, full indicator results with evidence, the availability columns (`availability`), and
 * its browser audit (null when not audited).
 */

import { levelOf } from '../registry/levels.js';
import type { RunScores } from '../scoring/index.js';
import type { RunRow } from '../store/db.js';
import { runSummary } from '../store/runs.js';
import type { AuditRunInfo } from './audit.js';
import { auditJson } from './audit-json.js';
import { availabilityCells } from './availability.js';
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
      availability: availabilityJson(s),
      audit: s.audit ? auditJson(s.audit) : null,
    })),
  };
}

/** The availability columns as one object (keys without the `avail_` prefix), from the stored result. */
function availabilityJson(s: ExportSite): Record<string, unknown> {
  const cells = availabilityCells(s.results.get('availability'));
  return Object.fromEntries(Object.entries(cells).map(([k, v]) => [k.replace(/^avail_/, ''), v]));
}
