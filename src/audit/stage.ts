/**
 * The audit stage (`govscan audit`), scheduled apart from the fast crawl: for each site of a
 * crawl run whose homepage was reachable — Lighthouse (one at a time), and alongside it one
 * browser visit that runs axe on the untouched homepage and verifies the four capabilities by acting.
 * It is its own run (kind `audit`, naming the crawl run): its results, the interactions it verified,
 * and the indicators re-detected from the crawl's artifacts combined with them are stored under it,
 * never over the crawl run's rows (src/store/results.ts says which run readers use). Each site is
 * stored in one transaction when it finishes, so a killed audit loses only the site in flight and
 * `resume` carries on from there.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import {
  BrowserPool,
  browserOptionsFrom,
  CAPABILITIES,
  settingsFrom,
  verifySite,
} from '../../crawlers/verify/index.js';
import { detectionContext, runIndicators } from '../../indicators/index.js';
import { type Config, parseConfig } from '../config/config.js';
import { type AuditedSite, finishedAuditSites, type Redetect, saveAuditedSite } from '../store/audits.js';
import type { Db } from '../store/db.js';
import { type RunRow, setRunState } from '../store/runs.js';
import type { Interaction } from '../types.js';
import { eachUntilAborted } from '../util/concurrency.js';
import { type Flags, prepareAuditRun, type Target } from './audit-run.js';
import { runAxe } from './axe.js';
import { type LighthouseOptions, LighthouseRunner, lighthouseOptionsFrom } from './lighthouse.js';

export { AuditInputError, reachableSites } from './audit-run.js';

export interface AuditStageOptions {
  /** Crawl run to audit; default: the newest finished run (`newestFinishedRun`). */
  crawlRunId?: number;
  /** Only these site codes (they must be reachable sites of the crawl run). */
  sites?: string[];
  /** Only the first n reachable sites (in the crawl run's order), e.g. a benchmark sample. */
  limit?: number;
  /** Continue the newest unfinished audit run, skipping its finished sites. */
  resume?: boolean | 'auto';
  lighthouse: boolean;
  axe: boolean;
  verify: boolean;
  toolVersion: string;
  /** Stop: browsers are closed at once and the site in flight is not stored. */
  signal?: AbortSignal;
  /** Called after each stored site. */
  onSite?: (e: { done: number; total: number; code: string; note: string }) => void;
  /** Called once the sites are known (for a progress bar). */
  onStart?: (e: { auditRunId: number; crawlRunId: number; total: number; alreadyDone: number }) => void;
  /** Overrides for tests (e.g. no machine-wide lock). */
  lighthouseOptions?: Partial<LighthouseOptions>;
  redetect?: Redetect;
}

export interface AuditStageResult {
  auditRunId: number;
  crawlRunId: number;
  /** Sites this audit run covers. */
  total: number;
  /** Sites finished by this invocation. */
  audited: number;
  /** Sites skipped because an earlier invocation finished them (--resume). */
  alreadyDone: number;
  interrupted: boolean;
  /** Finished sites where a step failed (Lighthouse error/timeout, axe error, homepage not loading). */
  withErrors: number;
}

export async function runAuditStage(db: Db, cfg: Config, opts: AuditStageOptions): Promise<AuditStageResult> {
  const { auditRunId, crawlRun, targets, flags } = prepareAuditRun(db, cfg, opts);
  const done = finishedAuditSites(db, auditRunId);
  const todo = targets.filter((t) => !done.has(t.code));
  opts.onStart?.({
    auditRunId,
    crawlRunId: crawlRun.id,
    total: targets.length,
    alreadyDone: targets.length - todo.length,
  });
  const redetect = opts.redetect ?? crawlRunRedetect(crawlRun, cfg);
  const lh = flags.lighthouse
    ? new LighthouseRunner({ ...lighthouseOptionsFrom(cfg), ...opts.lighthouseOptions })
    : undefined;
  const pool = flags.axe || flags.verify ? new BrowserPool(browserOptionsFrom(cfg)) : undefined;
  // stop(), not close(): sites already queued must not launch browsers after the stop.
  const stopBrowsers = () => void Promise.all([pool?.stop(), lh?.stop()]);
  opts.signal?.addEventListener('abort', stopBrowsers, { once: true });

  let audited = 0;
  let withErrors = 0;
  // Two lanes: Lighthouse one site at a time (LighthouseRunner queues), verification and axe in
  // their own browser for `verifyConcurrency` sites at once — verification is mostly waiting for
  // pages to react, so it overlaps Lighthouse instead of adding to it. Sites in flight are bounded
  // so results are stored (and survive a kill) as they finish.
  const verifyLane = pLimit(cfg.audit.verifyConcurrency);
  try {
    await eachUntilAborted(todo, cfg.audit.verifyConcurrency + 1, opts.signal, async (t) => {
      const site = await auditSite(t, cfg, flags, lh, pool, verifyLane, auditRunId, crawlRun.id).catch((e: unknown) => {
        if (opts.signal?.aborted) return undefined; // "browser has been closed": the stop did that, not the site
        throw e;
      });
      if (opts.signal?.aborted || !site) return; // its browsers were closed under it: do not store a half result
      saveAuditedSite(db, site, redetect);
      audited++;
      const failed = Object.values(site.steps).filter((s) => s !== 'ok' && s !== 'skipped');
      if (failed.length) withErrors++;
      opts.onSite?.({
        done: targets.length - todo.length + audited,
        total: targets.length,
        code: t.code,
        note: siteNote(site),
      });
    });
  } catch (e) {
    setRunState(db, auditRunId, 'failed', e instanceof Error ? e.message : String(e));
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', stopBrowsers);
    await Promise.all([pool?.close(), lh?.close()]);
  }
  const interrupted = !!opts.signal?.aborted && audited < todo.length;
  setRunState(db, auditRunId, interrupted ? 'interrupted' : 'done');
  return {
    auditRunId,
    crawlRunId: crawlRun.id,
    total: targets.length,
    audited,
    alreadyDone: targets.length - todo.length,
    interrupted,
    withErrors,
  };
}

async function auditSite(
  t: Target,
  cfg: Config,
  flags: Flags,
  lh: LighthouseRunner | undefined,
  pool: BrowserPool | undefined,
  verifyLane: LimitFunction,
  auditRunId: number,
  crawlRunId: number,
): Promise<AuditedSite> {
  const startedAt = new Date().toISOString();
  const steps: AuditedSite['steps'] = { lighthouse: 'skipped', axe: 'skipped', verify: 'skipped' };
  const [lighthouse, visit] = await Promise.all([
    lh?.audit(t.url),
    pool ? verifyLane(() => visitSite(t, cfg, flags, pool, startedAt)) : undefined,
  ]);
  if (lighthouse) steps.lighthouse = lighthouse.status === 'ok' ? 'ok' : (lighthouse.error ?? lighthouse.status);
  if (visit?.axe) steps.axe = 'error' in visit.axe ? visit.axe.error : 'ok';
  if (visit?.verify) steps.verify = visit.verify;
  return {
    auditRunId,
    crawlRunId,
    code: t.code,
    url: t.url,
    startedAt,
    finishedAt: new Date().toISOString(),
    steps,
    lighthouse,
    axe: visit?.axe,
    interactions: visit?.interactions,
  };
}

/** One browser visit: axe on the untouched homepage, then the capabilities verified by acting. */
async function visitSite(
  t: Target,
  cfg: Config,
  flags: Flags,
  pool: BrowserPool,
  startedAt: string,
): Promise<{ axe?: AuditedSite['axe']; interactions?: Interaction[]; verify?: string }> {
  let axe: AuditedSite['axe'];
  const r = await verifySite(pool, {
    url: t.url,
    settings: settingsFrom(cfg.audit),
    deadlineMs: cfg.audit.verifyTimeoutSecs * 1000,
    capabilities: flags.verify ? CAPABILITIES : [],
    onLoaded: flags.axe
      ? async (page) => {
          const fetchedAt = new Date().toISOString();
          const started = Date.now();
          axe = await runAxe(page, Math.min(60_000, cfg.audit.verifyTimeoutSecs * 500)).catch((e: unknown) => ({
            error: (e instanceof Error ? e.message : String(e)).split('\n')[0]!,
            durationMs: Date.now() - started,
            fetchedAt,
            url: page.url(),
          }));
        }
      : undefined,
  });
  if (flags.axe)
    axe ??= {
      error: `homepage did not load: ${r.loadError ?? 'unknown'}`,
      durationMs: 0,
      fetchedAt: startedAt,
      url: t.url,
    };
  if (!flags.verify) return { axe };
  return { axe, interactions: r.interactions, verify: r.loadError ? `homepage did not load: ${r.loadError}` : 'ok' };
}

function siteNote(s: AuditedSite): string {
  const parts: string[] = [];
  const l = s.lighthouse;
  if (l)
    parts.push(
      l.status === 'ok'
        ? `LH perf ${pct(l.scores.performance)} a11y ${pct(l.scores.accessibility)} (${(l.durationMs / 1000).toFixed(1)} s)`
        : `LH ${l.status}`,
    );
  if (s.axe) parts.push('error' in s.axe ? 'axe error' : `axe ${s.axe.violations} rules/${s.axe.violationNodes} nodes`);
  if (s.interactions) parts.push(s.interactions.map((x) => `${short[x.capability]}:${x.outcome}`).join(' '));
  return `${s.code} ${parts.join(' · ')}`;
}
const short: Record<Interaction['capability'], string> = {
  accessibility_mode: 'wza',
  elderly_mode: 'elder',
  smart_qa: 'qa',
  site_search: 'search',
};
const pct = (n: number | null) => (n === null ? '–' : String(Math.round(n * 100)));

/** Re-detect with the crawl run's thresholds, so only the browser's verdicts make the combined results differ. */
function crawlRunRedetect(crawlRun: RunRow, cfg: Config): Redetect {
  let thresholds = cfg.thresholds;
  try {
    thresholds = parseConfig(JSON.parse(crawlRun.config_json)).thresholds;
  } catch {
    /* written by an older govscan: fall back to the current thresholds */
  }
  return (site) => runIndicators(site, detectionContext(site, thresholds));
}
