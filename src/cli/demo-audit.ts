/**
 * The demo's browser stage: `govscan audit` (Lighthouse, axe, verification by acting) on the first
 * few reachable sites of the crawl run just collected, so the demo's report and tables show it.
 * A sample, because the stage takes ~10–20 s per site on 2 cores. Its audit run holds the indicators
 * re-detected with the verification outcomes (the crawl run is unchanged), so the demo scores after it.
 */
import { AuditInputError, type AuditStageResult, runAuditStage } from '../audit/stage.js';
import type { Config } from '../config/config.js';
import { loadRunAudits, OUTCOME_ZH } from '../export/audit.js';
import { TOOL_VERSION } from '../pipeline/collect.js';
import { type Db, setRunState } from '../store/db.js';
import { acquireLock } from '../util/lock.js';
import { interruptScope } from '../util/signals.js';
import { progress } from './progress.js';

export interface DemoAudit {
  /** Undefined when the stage did not run; `skipped` says why. */
  result?: AuditStageResult;
  skipped?: string;
  secs: number;
}

export async function auditSample(
  db: Db,
  dbFile: string,
  config: Config,
  crawlRunId: number,
  sample: number,
  showProgress: boolean,
): Promise<DemoAudit> {
  if (sample === 0) return { skipped: '--audit-sample 0', secs: 0 };
  const t0 = Date.now();
  const release = acquireLock(`${dbFile}.audit.lock`); // as `govscan audit` does: one audit of this database at a time
  let auditRunId: number | undefined;
  // As `govscan audit` does: Ctrl-C stops the audit and closes its browsers; the crawl run is already stored.
  const interrupt = interruptScope({
    stopping: `the crawl run is stored in ${dbFile}; the sites being audited are dropped`,
    onForce: () => {
      if (auditRunId !== undefined) setRunState(db, auditRunId, 'interrupted');
      release();
      return `${auditRunId !== undefined ? `audit run ${auditRunId} marked interrupted in ${dbFile}, ` : ''}lock ${dbFile}.audit.lock released`;
    },
  });
  let bar: ReturnType<typeof progress> | undefined;
  try {
    const result = await runAuditStage(db, config, {
      crawlRunId,
      limit: sample,
      lighthouse: true,
      axe: true,
      verify: true,
      toolVersion: TOOL_VERSION,
      signal: interrupt.signal,
      onStart: (s) => {
        auditRunId = s.auditRunId;
        process.stderr.write(
          `browser stage (Lighthouse, axe, verification by acting) on ${s.total} reachable sites, ~10-20 s each…\n`,
        );
        bar = progress(`audit run ${s.auditRunId}`, s.total, showProgress);
      },
      onSite: (s) => bar?.update(s.done, s.note),
    });
    return { result, secs: (Date.now() - t0) / 1000 };
  } catch (e) {
    if (e instanceof AuditInputError) return { skipped: e.message, secs: (Date.now() - t0) / 1000 }; // e.g. no reachable site
    throw e;
  } finally {
    bar?.stop();
    interrupt.dispose();
    release();
  }
}

/** Lines for the demo's summary: one per audited site. */
export function auditSummary(db: Db, crawlRunId: number, a: DemoAudit, names: Map<string, string>): string[] {
  if (!a.result) return [`\nbrowser stage: not run (${a.skipped})`];
  const r = a.result;
  const out = [
    `\nbrowser stage: audit run ${r.auditRunId}, ${r.audited} sites in ${a.secs.toFixed(0)} s` +
      `${r.withErrors ? `, ${r.withErrors} with a failed step` : ''}${r.interrupted ? ' — interrupted' : ''}`,
  ];
  const pct = (x: number | null) => (x === null ? '–' : String(Math.round(x * 100)));
  for (const [code, s] of loadRunAudits(db, crawlRunId).sites) {
    const l = s.lighthouse;
    const lh = !l
      ? 'LH –'
      : l.status === 'ok'
        ? `LH ${pct(l.performance)}/${pct(l.accessibility)}/${pct(l.best_practices)}/${pct(l.seo)}`
        : `LH ${l.status}`;
    const axe = !s.axe
      ? 'axe –'
      : s.axe.status === 'ok'
        ? `axe ${s.axe.violations} rules/${s.axe.violationNodes} elements`
        : `axe ${s.axe.status}`;
    const verified = s.verification.map((v) => `${v.capability} ${OUTCOME_ZH[v.outcome] ?? v.outcome}`).join(', ');
    out.push(`  ${code} ${names.get(code) ?? ''}  ${lh} · ${axe} · ${verified}`);
  }
  out.push(
    "  (LH = Lighthouse performance/accessibility/best practices/SEO, 0-100; details on each audited site's page in the report)",
  );
  return out;
}
