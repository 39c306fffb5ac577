/**
 * The main job: for each site, crawl → artifacts → indicators → one SQLite transaction.
 * A site is stored only when complete, so a run killed at any point (even kill -9) resumes
 * by redoing just the sites that were in flight, with the run's own stored config: the
 * resumed run ends with the same results as an uninterrupted one.
 */

import { readFileSync } from 'node:fs';
import { type CrawlerOptions, createSiteCrawler, type SiteCrawler } from '../../crawlers/index.js';
import { detectionContext, runIndicators } from '../../indicators/index.js';
import { type Config, parseConfig, userAgent } from '../config/config.js';
import { restoreAllowListValue, runVantage } from '../config/identity.js';
import { windowForCrawl } from '../monitor/availability.js';
import {
  createRun,
  type Db,
  finishedSiteCodes,
  getRun,
  getSite,
  lastSiteStatuses,
  type RunRow,
  saveSite,
  setRunState,
  siteStored,
  upsertSites,
} from '../store/db.js';
import type { FetchStatus, IndicatorResult, Locality, RunKind, SiteArtifacts } from '../types.js';
import { eachUntilAborted } from '../util/concurrency.js';
import type { Logger } from '../util/log.js';
import { interleaveByProvince, type SitePool, sitePools } from './schedule.js';

export const TOOL_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface SiteDone {
  locality: Locality;
  status: FetchStatus;
  results: IndicatorResult[];
  /** Sites finished so far in this run (including those finished before a resume), and the total. */
  done: number;
  total: number;
}

export interface CollectRequest {
  db: Db;
  kind: Extract<RunKind, 'crawl' | 'check'>;
  /** New run: the config and sites to cover. Ignored when resuming. */
  config?: Config;
  sites?: Locality[];
  /** Continue this unfinished run instead of starting one. */
  resume?: RunRow;
  /** Recorded with the run (filters, proxy, …) for the record. */
  options?: Record<string, unknown>;
  signal?: AbortSignal;
  log?: Logger;
  onSiteDone?: (s: SiteDone) => void;
  onCrawlEvent?: CrawlerOptions['onEvent'];
  /** Tests inject a crawler; the queue mode passes one backed by workers (src/queue/coordinator.ts); else the Crawlee one. */
  crawlerFactory?: (opts: CrawlerOptions, run: RunRow) => Promise<SiteCrawler>;
  /**
   * Sites in flight at once, in one pool (the queue mode hands every site to the queue). Default: the
   * config's `crawl.siteConcurrency`, and the sites expected to stay silent in slots of their own (schedule.ts).
   */
  sitesInFlight?: number;
}

export interface CollectOutcome {
  runId: number;
  total: number;
  /** Sites stored by this invocation. */
  collected: number;
  /** Sites already stored by an earlier invocation of a resumed run. */
  resumedPast: number;
  statuses: Partial<Record<FetchStatus, number>>;
  interrupted: boolean;
  /** Pages stored by this invocation, by crawler kind. */
  pages: { http: number; browser: number; probe: number };
  /** Time spent per stage by this invocation, ms (crawl is summed over concurrent sites). */
  stageMs: { crawl: number; detect: number; store: number };
}

export async function collect(req: CollectRequest): Promise<CollectOutcome> {
  const { db, log = () => {} } = req;
  let runId: number;
  let config: Config;
  let sites: Locality[];

  if (req.resume) {
    runId = req.resume.id;
    // The stored config has the allow-list header's value redacted: this invocation's config supplies it.
    config = restoreAllowListValue(
      parseConfig(JSON.parse(req.resume.config_json), `run ${runId}'s stored config`),
      req.config,
    );
    const codes = JSON.parse(req.resume.site_codes) as string[];
    sites = codes.map((c) => {
      const s = getSite(db, c);
      if (!s) throw new Error(`run ${runId} lists site ${c}, which is not in the database`);
      return s;
    });
    setRunState(db, runId, 'running');
    log('run-resumed', { runId });
  } else {
    if (!req.config || !req.sites) throw new Error('collect: config and sites are required for a new run');
    config = req.config;
    sites = req.sites;
    if (!sites.length) throw new Error('no sites to collect: the filters matched nothing');
    upsertSites(db, sites);
    runId = createRun(db, {
      kind: req.kind,
      config,
      options: req.options ?? {},
      siteCodes: sites.map((s) => s.code),
      toolVersion: TOOL_VERSION,
      vantage: runVantage(config, userAgent(config)),
    });
    log('run-started', { runId, sites: sites.length });
  }

  const already = finishedSiteCodes(db, runId);
  const todo = sites.filter((s) => !already.has(s.code));
  // The queue mode hands every site over at once (its workers' slots set the pace): one pool, in order.
  const pools: SitePool<Locality>[] = req.sitesInFlight
    ? [{ sites: interleaveByProvince(todo), slots: req.sitesInFlight }]
    : sitePools(todo, lastSiteStatuses(db), config.crawl.siteConcurrency);
  const outcome: CollectOutcome = {
    runId,
    total: sites.length,
    collected: 0,
    resumedPast: already.size,
    statuses: {},
    interrupted: false,
    pages: { http: 0, browser: 0, probe: 0 },
    stageMs: { crawl: 0, detect: 0, store: 0 },
  };

  const crawler = await (req.crawlerFactory ?? createSiteCrawler)(
    { config, onEvent: req.onCrawlEvent, signal: req.signal },
    getRun(db, runId)!,
  );
  try {
    const crawlOne = async (locality: Locality) => {
      const t0 = performance.now();
      const artifacts = await crawler.crawlSite(locality);
      if (req.signal?.aborted) return; // an interrupted crawl may be partial: redo it on resume
      // Stored once: a site is never stored twice for a run (a queue job retried after its first try finished).
      if (siteStored(db, runId, locality.code)) return;
      const t1 = performance.now();
      const asOf = detectionContext(artifacts).asOf.getTime();
      const availability = windowForCrawl(db, locality.code, asOf, config.monitor);
      if (availability) artifacts.availability = availability;
      const results = detect(artifacts, config);
      const t2 = performance.now();
      saveSite(db, runId, artifacts, results);
      const t3 = performance.now();
      outcome.stageMs.crawl += t1 - t0;
      outcome.stageMs.detect += t2 - t1;
      outcome.stageMs.store += t3 - t2;
      for (const p of artifacts.pages) outcome.pages[p.crawler]++;
      outcome.collected++;
      outcome.statuses[artifacts.siteStatus] = (outcome.statuses[artifacts.siteStatus] ?? 0) + 1;
      log('site-done', { runId, code: locality.code, status: artifacts.siteStatus, pages: artifacts.pages.length });
      req.onSiteDone?.({
        locality,
        status: artifacts.siteStatus,
        results,
        done: already.size + outcome.collected,
        total: sites.length,
      });
    };
    await Promise.all(pools.map((p) => eachUntilAborted(p.sites, p.slots, req.signal, crawlOne)));
  } finally {
    await crawler.close();
  }

  outcome.interrupted = !!req.signal?.aborted;
  setRunState(db, runId, outcome.interrupted ? 'interrupted' : 'done');
  log(outcome.interrupted ? 'run-interrupted' : 'run-done', { runId, collected: outcome.collected });
  return outcome;
}

export function detect(artifacts: SiteArtifacts, config: Config): IndicatorResult[] {
  return runIndicators(artifacts, detectionContext(artifacts, config.thresholds));
}
