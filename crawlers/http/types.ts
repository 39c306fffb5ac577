/**
 * The HTTP layer's vocabulary: one request as the site crawl asks for it, and its outcome
 * after policy, politeness, redirects and retries. Raw bytes are kept so decoding and hashing
 * never depend on what the HTTP library guessed.
 */
import type { FetchStatus, PageRole } from '../../src/types.js';
import type { BlockMatch } from './block-shapes.js';
import type { HopPhases } from './timings.js';

export interface FetchRequest {
  url: string;
  method?: 'GET' | 'HEAD' | 'POST';
  /** Page role; also the Crawlee request label. */
  role: PageRole;
  /** Locality code of the site that asked (Crawlee userData.site). */
  site: string;
  headers?: Record<string, string>;
  /** Form-encoded body for POST. */
  payload?: string;
  /** Wall-clock time (ms since epoch) after which the request is not started: `skipped`. */
  deadline?: number;
  /** Return a redirect as the answer instead of following it (the browser follows it itself). */
  noRedirects?: boolean;
  /** Skip the retry loop (probes that only need one answer). */
  noRetry?: boolean;
  /** Read at most this many body bytes and stop quietly (link checks need the status, not the file). */
  bodyLimit?: number;
  /**
   * Hosts (host[:port]) whose certificate is not verified, checked at every hop so a redirect to
   * such a host works too (used only after a strict attempt already recorded `tls`).
   */
  unverifiedHosts?: ReadonlySet<string>;
}

export interface FetchResult {
  url: string;
  finalUrl: string;
  status: FetchStatus;
  httpStatus?: number;
  /** Lower-cased response header names. */
  headers: Record<string, string>;
  /** Raw (decompressed) response bytes; absent when nothing usable arrived. */
  raw?: Buffer;
  error?: string;
  /** The challenge, block page or soft 404 the answer is (crawlers/http/block-shapes.ts). */
  block?: BlockMatch;
  /** Every URL visited, in order, when redirects were followed. */
  redirects: string[];
  /** Requests made for this fetch (1 + retries); a geo_timeout's patient retry is one of them. */
  attempts: number;
  fetchedAt: string;
  durationMs: number;
  /** The answering (last) hop's DNS, connect, TLS and first-byte times, when reported. */
  phases?: HopPhases;
}

/** One network round trip (no redirects, no retries) as the executor performs it. */
export interface Hop {
  url: string;
  method: 'GET' | 'HEAD' | 'POST';
  role: PageRole;
  site: string;
  headers: Record<string, string>;
  payload?: string;
  /** Connect + first byte (got's connect/secureConnect/response phases): past it, `geo_timeout`. */
  firstByteMs: number;
  /** The whole exchange, body included: past it, `timeout`. */
  timeoutMs: number;
  bodyLimit?: number;
  insecure?: boolean;
}

export interface HopResult {
  url: string;
  httpStatus: number;
  headers: Record<string, string>;
  raw: Buffer;
  /** Set when the body was cut off (too large / stream broke); the headers are still valid. */
  bodyError?: { status: FetchStatus; message: string };
  /** DNS, connect, TLS and first-byte times, when the HTTP library reported them. */
  phases?: HopPhases;
}

/** Performs single hops; errors are thrown as-is (classified by the caller). */
export interface HopExecutor {
  execute(hop: Hop): Promise<HopResult>;
  close(): Promise<void>;
}
