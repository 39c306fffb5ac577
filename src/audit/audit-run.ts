/**
 * Which audit run and which sites: a new audit run for a crawl run (its reachable sites, or the
 * ones asked for), or the unfinished one `--resume` continues. Bad input is an AuditInputError.
 */
import { type Config, userAgent } from '../config/config.js';
import { runVantage } from '../config/identity.js';
import { reachableSiteRows } from '../store/audits.js';
import type { Db } from '../store/db.js';
import { createRun, getRun, newestFinishedRun, type RunRow, setRunState, unfinishedRun } from '../store/runs.js';
import type { AuditStageOptions } from './stage.js';

export class AuditInputError extends Error {
  override name = 'AuditInputError';
}

export interface Target {
  code: string;
  url: string;
}

export type Flags = Pick<AuditStageOptions, 'lighthouse' | 'axe' | 'verify'>;

interface AuditRunOptions {
  crawlRunId: number;
  lighthouse: boolean;
  axe: boolean;
  verify: boolean;
  sites?: string[];
}

export function prepareAuditRun(
  db: Db,
  cfg: Config,
  opts: AuditStageOptions,
): { auditRunId: number; crawlRun: RunRow; targets: Target[]; flags: Flags } {
  // 'auto' (--continue, for schedulers): the unfinished run if there is one, else a new run.
  const unfinished = opts.resume ? unfinishedRun(db, 'audit') : undefined;
  if (opts.resume === true && !unfinished)
    throw new AuditInputError('--resume: there is no unfinished audit run to continue');
  if (unfinished) {
    const run = unfinished;
    const o = JSON.parse(run.options_json) as AuditRunOptions;
    if (opts.crawlRunId !== undefined && opts.crawlRunId !== o.crawlRunId)
      throw new AuditInputError(
        `--resume: the unfinished audit run ${run.id} audits crawl run ${o.crawlRunId}, not ${opts.crawlRunId}`,
      );
    const crawlRun = getRun(db, o.crawlRunId);
    if (!crawlRun)
      throw new AuditInputError(`--resume: crawl run ${o.crawlRunId} of audit run ${run.id} no longer exists`);
    const codes = JSON.parse(run.site_codes) as string[];
    const targets = reachableSites(db, crawlRun.id).filter((t) => codes.includes(t.code));
    setRunState(db, run.id, 'running');
    return { auditRunId: run.id, crawlRun, targets, flags: { lighthouse: o.lighthouse, axe: o.axe, verify: o.verify } };
  }
  const crawlRun = opts.crawlRunId !== undefined ? getRun(db, opts.crawlRunId) : newestFinishedRun(db);
  if (!crawlRun)
    throw new AuditInputError(
      opts.crawlRunId !== undefined
        ? `run ${opts.crawlRunId} does not exist`
        : 'no finished crawl run to audit: run "govscan crawl" first',
    );
  if (crawlRun.kind !== 'crawl' && crawlRun.kind !== 'check')
    throw new AuditInputError(`run ${crawlRun.id} is a ${crawlRun.kind} run; audit a crawl run`);
  let targets = reachableSites(db, crawlRun.id);
  if (opts.sites?.length) {
    const known = new Set(targets.map((t) => t.code));
    const missing = opts.sites.filter((c) => !known.has(c));
    if (missing.length)
      throw new AuditInputError(
        `site(s) ${missing.join(', ')} not in crawl run ${crawlRun.id} or their homepage was not reachable`,
      );
    targets = targets.filter((t) => opts.sites!.includes(t.code));
  }
  if (opts.limit !== undefined) targets = targets.slice(0, opts.limit);
  if (!targets.length) throw new AuditInputError(`crawl run ${crawlRun.id} has no site with a reachable homepage`);
  const flags: Flags = { lighthouse: opts.lighthouse, axe: opts.axe, verify: opts.verify };
  if (!flags.lighthouse && !flags.axe && !flags.verify)
    throw new AuditInputError('nothing to do: --no-lighthouse, --no-axe and --no-verify all given');
  const options: AuditRunOptions = {
    crawlRunId: crawlRun.id,
    ...flags,
    ...(opts.sites?.length ? { sites: opts.sites } : {}),
  };
  const auditRunId = createRun(db, {
    kind: 'audit',
    config: cfg,
    options,
    siteCodes: targets.map((t) => t.code),
    toolVersion: opts.toolVersion,
    vantage: runVantage(cfg, userAgent(cfg)),
  });
  return { auditRunId, crawlRun, targets, flags };
}

/** Sites of the run whose homepage loaded, with the URL it ended at (redirects followed), in run order. */
export function reachableSites(db: Db, crawlRunId: number): Target[] {
  const rows = reachableSiteRows(db, crawlRunId);
  const order = JSON.parse(getRun(db, crawlRunId)?.site_codes ?? '[]') as string[];
  const pos = (c: string) => order.indexOf(c) + 1 || Number.MAX_SAFE_INTEGER;
  return rows
    .map((r) => ({ code: r.code, url: r.home ?? r.portal_url }))
    .sort((a, b) => pos(a.code) - pos(b.code) || a.code.localeCompare(b.code));
}
