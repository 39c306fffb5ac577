/**
 * One logical fetch: policy check, per-host politeness, redirects followed hop by hop (each hop
 * re-checked and paced), retries with exponential backoff for retryable outcomes (honouring
 * Retry-After), and a terminal FetchStatus. Never throws for network or site failures.
 */
import type { Config } from '../../src/config/config.js';
import { PATIENT_FACTOR, userAgent } from '../../src/config/config.js';
import { allowListHeaders } from '../../src/config/identity.js';
import { TlsVerifier } from '../probes/tls.js';
import { classifyAnswer, classifyError, FetchError, isRetryable, statusFromProxyError } from './classify.js';
import { HostGate, type SharedHostLimit } from './host-gate.js';
import { UrlPolicy } from './policy.js';
import type { SiteSession } from './site-session.js';
import type { FetchRequest, FetchResult, HopExecutor, HopResult } from './types.js';

const MAX_REDIRECTS = 10;
const MAX_RETRY_AFTER_MS = 30_000;
const MAX_DEAD_HOSTS = 50_000;

/** Dead hosts are remembered per site: another site's pages on the same host get their own chances. */
const hostKey = (site: string, url: string): string => `${site}\u0000${URL.canParse(url) ? new URL(url).host : url}`;

export class HttpClient {
  readonly gate: HostGate;
  /** Where time goes (for the benchmark): hops, ms waiting for host slots, ms in the executor. */
  readonly stats = { hops: 0, gateWaitMs: 0, executeMs: 0 };
  readonly policy: UrlPolicy;
  readonly tls: TlsVerifier;
  private readonly ua: string;
  /** Cookies a site's challenge earned in the browser, by site code (crawlers/site/challenge-pass.ts). */
  private readonly sessions = new Map<string, SiteSession>();
  /** The operator-whitelistable header, sent on every hop (src/config/identity.ts). */
  private readonly identity: Record<string, string>;
  /** site + host pairs that never answered twice (geo_timeout): one attempt per page from then on. */
  private readonly deadHosts = new Set<string>();

  constructor(
    private readonly config: Config,
    private readonly executor: HopExecutor,
    private readonly signal?: AbortSignal,
    /** Politeness shared with other workers (queue mode); one-machine runs have only `gate`. */
    private readonly shared?: SharedHostLimit,
  ) {
    this.gate = new HostGate(config.crawl.perHostConcurrency, config.crawl.perHostDelayMs);
    this.policy = new UrlPolicy(config);
    this.tls = new TlsVerifier(config);
    this.ua = userAgent(config);
    this.identity = allowListHeaders(config);
  }

  /** From now on every request of `site` carries the session's cookies and User-Agent. */
  openSession(site: string, session: SiteSession): void {
    this.sessions.set(site, session);
  }

  closeSession(site: string): void {
    this.sessions.delete(site);
  }

  /** This process's slot for `host`, then (queue mode) the slot shared with every other worker. */
  private async acquireHost(host: string): Promise<() => void> {
    const aborted = () => {
      throw new FetchError('skipped', 'crawl aborted');
    };
    const local = await this.gate.acquire(host, this.signal).catch(aborted);
    if (!this.shared) return local;
    const shared = await this.shared.acquire(host, this.signal).catch((e) => {
      local();
      if (this.signal?.aborted) aborted();
      throw new FetchError('error', `shared politeness limit unavailable: ${(e as Error).message}`);
    });
    return () => {
      shared();
      local();
    };
  }

  async fetch(req: FetchRequest): Promise<FetchResult> {
    const started = Date.now();
    const fetchedAt = new Date(started).toISOString();
    const out = (
      partial: Partial<FetchResult> & Pick<FetchResult, 'status'>,
      attempts: number,
      redirects: string[],
    ): FetchResult => ({
      url: req.url,
      finalUrl: redirects[redirects.length - 1] ?? req.url,
      headers: {},
      redirects,
      attempts,
      fetchedAt,
      durationMs: Date.now() - started,
      ...partial,
    });
    const retries = req.noRetry ? 0 : this.config.crawl.maxRetries;
    let last: FetchResult | undefined;
    let patient = false;
    for (let attempt = 0; attempt <= retries; attempt++) {
      const r = await this.followRedirects(req, patient);
      last = out(r, attempt + 1, r.redirects);
      const host = hostKey(req.site, r.redirects[r.redirects.length - 1] ?? req.url);
      if (r.status !== 'geo_timeout')
        this.deadHosts.delete(host); // it answered: alive after all
      else if (patient || this.deadHosts.has(host)) {
        // Silent twice (or already known dead in this site): dead from here, not retried again.
        if (patient) this.markDead(host);
        last.error = `${last.error ?? 'no answer'}; ${patient ? 'silent on the patient retry too' : 'not retried: this host was silent twice earlier in this site'}`;
        break;
      }
      if (!isRetryable(r.status, r.httpStatus) || attempt === retries) break;
      // A silent host gets one patient retry after a pause; everything else the usual backoff.
      patient = r.status === 'geo_timeout';
      const wait = patient ? this.config.crawl.geoRetryPauseMs : this.backoff(attempt, r.headers['retry-after']);
      if (req.deadline && Date.now() + wait > req.deadline) break;
      if (!(await sleep(wait, this.signal))) break;
    }
    return last!;
  }

  private markDead(host: string): void {
    if (this.deadHosts.size >= MAX_DEAD_HOSTS) this.deadHosts.delete(this.deadHosts.values().next().value!);
    this.deadHosts.add(host);
  }

  private backoff(attempt: number, retryAfter?: string): number {
    const base = this.config.crawl.retryBaseDelayMs * 2 ** attempt;
    if (!retryAfter) return base;
    const secs = Number(retryAfter);
    const ms = Number.isFinite(secs) ? secs * 1000 : Date.parse(retryAfter) - Date.now();
    return Number.isFinite(ms) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(base, ms)) : base;
  }

  private async followRedirects(
    req: FetchRequest,
    patient = false,
  ): Promise<Omit<FetchResult, 'url' | 'finalUrl' | 'attempts' | 'fetchedAt' | 'durationMs'>> {
    const visited: string[] = [];
    let url = req.url;
    let method = req.method ?? 'GET';
    let payload = req.payload;
    for (;;) {
      visited.push(url);
      let hop: HopResult;
      try {
        hop = await this.oneHop(req, url, method, payload, patient);
      } catch (e) {
        const { status, message } = classifyError(e);
        return { status, error: message, headers: {}, redirects: visited };
      }
      const proxyStatus = this.config.network.proxy ? statusFromProxyError(hop.headers['x-squid-error']) : undefined;
      if (proxyStatus)
        return {
          status: proxyStatus,
          httpStatus: undefined,
          headers: hop.headers,
          error: `proxy: ${hop.headers['x-squid-error']} (${hop.raw.toString('utf8').trim().slice(0, 200)})`,
          redirects: visited,
        };
      const loc = hop.headers.location;
      if (hop.httpStatus >= 300 && hop.httpStatus < 400 && loc) {
        if (req.noRedirects)
          return { status: 'ok', httpStatus: hop.httpStatus, headers: hop.headers, raw: hop.raw, redirects: visited };
        let next: string;
        try {
          next = new URL(loc, url).href;
        } catch {
          return {
            status: 'error',
            httpStatus: hop.httpStatus,
            headers: hop.headers,
            error: `bad Location header: ${loc}`,
            redirects: visited,
          };
        }
        if (visited.includes(next) || visited.length > MAX_REDIRECTS)
          return {
            status: 'redirect_loop',
            httpStatus: hop.httpStatus,
            headers: hop.headers,
            error: `redirect loop after ${visited.length} hops: ${visited.slice(-3).join(' → ')} → ${next}`,
            redirects: visited,
          };
        if (hop.httpStatus === 303 || ((hop.httpStatus === 301 || hop.httpStatus === 302) && method === 'POST')) {
          method = 'GET';
          payload = undefined;
        }
        url = next;
        continue;
      }
      if (hop.bodyError)
        return {
          status: hop.bodyError.status,
          error: hop.bodyError.message,
          httpStatus: hop.httpStatus,
          headers: hop.headers,
          raw: hop.raw.length ? hop.raw : undefined,
          redirects: visited,
        };
      const { status, block } = classifyAnswer(hop.httpStatus, hop.raw, hop.headers);
      return {
        status,
        block,
        ...(hop.phases ? { phases: hop.phases } : {}),
        httpStatus: hop.httpStatus,
        headers: hop.headers,
        raw: hop.raw,
        redirects: visited,
        error:
          status === 'ok'
            ? undefined
            : block
              ? `HTTP ${hop.httpStatus}: ${block.note} (matched ${block.signal})`
              : `HTTP ${hop.httpStatus}`,
      };
    }
  }

  private async oneHop(
    req: FetchRequest,
    url: string,
    method: 'GET' | 'HEAD' | 'POST',
    payload?: string,
    patient = false,
  ): Promise<HopResult> {
    if (this.signal?.aborted) throw new FetchError('skipped', 'crawl aborted');
    if (req.deadline && Date.now() >= req.deadline) throw new FetchError('skipped', 'site time budget exhausted');
    await this.policy.check(url);
    const u = new URL(url);
    const insecure = !!req.unverifiedHosts?.has(u.host);
    if (u.protocol === 'https:' && !insecure) {
      const v = await this.tls.verify(u.hostname, Number(u.port || 443));
      if (v.ok && !v.authorized)
        throw new FetchError('tls', `certificate of ${u.host} not valid: ${v.authorizationError ?? 'unverified'}`);
    }
    const host = u.host;
    const waitStart = Date.now();
    const release = await this.acquireHost(host);
    const execStart = Date.now();
    this.stats.hops++;
    this.stats.gateWaitMs += execStart - waitStart;
    const session = this.sessions.get(req.site);
    const cookie = session?.cookieHeader(url);
    try {
      if (req.deadline && Date.now() >= req.deadline) throw new FetchError('skipped', 'site time budget exhausted');
      const { firstByteTimeoutSecs, loadTimeoutSecs } = this.config.crawl;
      // The patient retry waits PATIENT_FACTOR times as long for the first byte, the load as much longer.
      const firstByte = (patient ? PATIENT_FACTOR : 1) * firstByteTimeoutSecs * 1000;
      const load = loadTimeoutSecs * 1000 + firstByte - firstByteTimeoutSecs * 1000;
      const left = req.deadline ? req.deadline - Date.now() : Infinity;
      const timeoutMs = Math.max(1000, Math.min(load, left));
      const hop = await this.executor.execute({
        url,
        method,
        role: req.role,
        site: req.site,
        payload,
        firstByteMs: Math.min(firstByte, timeoutMs),
        timeoutMs,
        bodyLimit: req.bodyLimit,
        insecure,
        headers: {
          'user-agent': session?.userAgent ?? this.ua,
          ...(cookie ? { cookie } : {}),
          accept:
            req.role === 'data_api'
              ? 'application/json, text/plain, */*'
              : 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
          'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
          ...(payload !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...req.headers,
          ...this.identity,
        },
      });
      session?.absorb(url, hop.headers['set-cookie']);
      return hop;
    } finally {
      this.stats.executeMs += Date.now() - execStart;
      release();
    }
  }
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
