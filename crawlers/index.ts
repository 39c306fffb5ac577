/**
 * The crawler the pipeline uses: one long-lived object serving many sites at once.
 *  - one Crawlee CheerioCrawler (keepAlive, requests labelled by page role) performs every HTTP hop;
 *    each page is then routed by its role (crawlers/site/role-router.ts, one handler per role);
 *  - one HostGate paces every host across all sites (platforms are shared by many portals);
 *  - one Chromium (plain Playwright) renders homepages, a fresh context per page (and, in the
 *    benchmark's baseline mode `crawl.browserForAllPages`, loads every HTML page instead of HTTP);
 *  - one robots.txt cache per origin.
 * `crawlSite` never throws for site failures: they end in a terminal FetchStatus.
 */
import type { Config } from '../src/config/config.js';
import type { Locality, SiteArtifacts } from '../src/types.js';
import { Renderer } from './browser/renderer.js';
import { HttpClient } from './http/client.js';
import { CrawleeExecutor } from './http/crawlee-executor.js';
import type { SharedHostLimit } from './http/host-gate.js';
import type { HopExecutor } from './http/types.js';
import { LinkCheckCache } from './site/link-checks.js';
import { RobotsCache } from './site/robots-cache.js';
import type { CrawlEvent, SiteServices } from './site/services.js';
import { SiteCrawl } from './site/site-crawl.js';

export type { CrawlEvent } from './site/services.js';

export interface CrawlerOptions {
  config: Config;
  onEvent?: (e: CrawlEvent) => void;
  signal?: AbortSignal;
  /** Queue mode: per-host politeness shared with the other workers (src/queue/host-limit.ts). */
  sharedHostLimit?: SharedHostLimit;
}

export interface SiteCrawler {
  crawlSite(locality: Locality): Promise<SiteArtifacts>;
  close(): Promise<void>;
  /** Counters for benchmarks: HTTP hops, ms spent waiting for per-host slots, ms in requests. */
  stats?(): { hops: number; gateWaitMs: number; executeMs: number; busiestHosts: [string, number][] };
}

export async function createSiteCrawler(opts: CrawlerOptions): Promise<SiteCrawler> {
  const { config, signal } = opts;
  const executor: HopExecutor = new CrawleeExecutor(config);
  const client = new HttpClient(config, executor, signal, opts.sharedHostLimit);
  const needsBrowser = config.crawl.renderHomepage || config.crawl.browserForAllPages;
  const renderer = needsBrowser ? new Renderer(config, client) : undefined;
  const services: SiteServices = {
    config,
    client,
    renderer,
    robots: new RobotsCache(config, client),
    linkChecks: new LinkCheckCache(),
    signal,
    emit: (e) => {
      try {
        opts.onEvent?.(e);
      } catch {
        // a progress bar must not break a crawl
      }
    },
  };
  let closed = false;
  return {
    async crawlSite(locality: Locality): Promise<SiteArtifacts> {
      if (closed) throw new Error('crawlSite called after close()');
      const started = new Date().toISOString();
      try {
        return await new SiteCrawl(services, locality).crawl();
      } catch (e) {
        // A bug must cost one site, not the run: report it as that site's terminal error.
        services.emit({ type: 'site-done', site: locality.code, status: 'error' });
        return siteErrorArtifacts(locality, started, `crawler error: ${(e as Error).stack ?? String(e)}`);
      }
    },
    stats: () => ({ ...client.stats, busiestHosts: [...client.gate.granted].sort((a, b) => b[1] - a[1]).slice(0, 8) }),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([executor.close(), renderer?.close()]);
    },
  };
}

/** A site that could not be crawled at all (a crawler bug, a queue job that failed every attempt): stored with status `error`. */
export function siteErrorArtifacts(locality: Locality, startedAt: string, siteError: string): SiteArtifacts {
  return {
    locality,
    startedAt,
    finishedAt: new Date().toISOString(),
    siteStatus: 'error',
    siteError,
    pages: [],
    probes: {},
    linkChecks: [],
    interactions: [],
  };
}
