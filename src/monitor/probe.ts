/**
 * The production prober: one GET of the homepage through the project's HTTP path (policy, proxy,
 * redirects, block-page classification), no retries, with the visit limit as both timeouts, so
 * a homepage that has not opened within failAfterSecs ends there as a failure.
 * DNS, connect, TLS and first-byte times come from got's timer when the answer arrived (a reused
 * socket has none; through a proxy they are the way to the proxy); the total is always measured.
 */
import { HttpClient } from '../../crawlers/http/client.js';
import { CrawleeExecutor } from '../../crawlers/http/crawlee-executor.js';
import type { Config } from '../config/config.js';
import type { Locality } from '../types.js';
import { decodeBody } from '../util/encoding.js';
import type { ProbeAnswer } from './visit.js';

export interface Prober {
  probe(site: Locality, signal?: AbortSignal): Promise<ProbeAnswer>;
  close(): Promise<void>;
}

/** The config the probes run under: the visit limit as the only allowance, no retries, no pacing. */
export function probeConfig(config: Config): Config {
  const limit = config.monitor.failAfterSecs;
  return {
    ...config,
    crawl: {
      ...config.crawl,
      firstByteTimeoutSecs: limit,
      loadTimeoutSecs: limit,
      maxRetries: 0,
      perHostDelayMs: 0,
      // One visit per site per period: the host gate never queues, concurrency is the monitor's.
      perHostConcurrency: Math.max(1, config.crawl.perHostConcurrency),
    },
  };
}

export function httpProber(config: Config, signal?: AbortSignal): Prober {
  const cfg = probeConfig(config);
  const executor = new CrawleeExecutor(cfg);
  const client = new HttpClient(cfg, executor, signal);
  return {
    async probe(site) {
      const r = await client.fetch({ url: site.portalUrl, role: 'home', site: site.code, noRetry: true });
      const body = r.raw ? decodeBody(r.raw, r.headers['content-type']).text : undefined;
      return {
        fetchStatus: r.status,
        ...(r.httpStatus !== undefined ? { httpStatus: r.httpStatus } : {}),
        finalUrl: r.finalUrl,
        timings: { ...r.phases, totalMs: r.durationMs },
        ...(body !== undefined ? { body } : {}),
        ...(r.block ? { block: { kind: r.block.kind, vendor: r.block.vendor } } : {}),
        ...(r.error ? { error: r.error } : {}),
      };
    },
    close: () => executor.close(),
  };
}
