/**
 * The single long-lived Crawlee CheerioCrawler that performs every HTTP round trip of every site.
 * Crawlee gives us the got-scraping client, proxy rotation and an autoscaled pool; govscan keeps
 * control of what Crawlee would otherwise decide for us:
 *  - bodies are read by our own post-navigation hook as raw bytes with size limits (gzip bombs end
 *    as too_large without buffering them), and decoded later with src/util/encoding.ts;
 *  - redirects are not followed by got (each hop goes back through policy and per-host politeness);
 *  - retries, sessions and "blocked" heuristics are ours (maxRequestRetries 0, maxSessionRotations 0,
 *    no session pool);
 *  - the hops waiting to be sent are a plain in-memory FIFO (hop-queue.ts), not a RequestQueue, so
 *    nothing is written to a ./storage directory and handled hops are not kept.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { CheerioCrawlingContext } from '@crawlee/cheerio';
import { CheerioCrawler, Configuration, Log, LogLevel, type RequestQueue } from '@crawlee/cheerio';
import { type Config, PATIENT_FACTOR } from '../../src/config/config.js';
import { classifyBodyError, classifyError, FetchError } from './classify.js';
import { HopQueue } from './hop-queue.js';
import { closeProxyAgents, keepAliveProxyAgents, type ProxyAgents } from './proxy-agents.js';
import { phasesOf } from './timings.js';
import type { Hop, HopExecutor, HopResult } from './types.js';

interface Pending {
  hop: Hop;
  resolve: (r: HopResult) => void;
  reject: (e: unknown) => void;
  result?: HopResult;
  /** When the request was sent: a body still arriving after hop.timeoutMs is a timeout. */
  startedAt?: number;
}

/** got's stream carries these while downloading (compressed bytes on the wire). */
interface ProgressStream extends Readable {
  downloadProgress?: { transferred: number };
}

/** The longest a hop may take: the load allowance of a silent host's patient retry. */
function patientLoadSecs(c: Config['crawl']): number {
  return c.loadTimeoutSecs + (PATIENT_FACTOR - 1) * c.firstByteTimeoutSecs;
}

/** A hop that failed before readBody ran: a timeout there means the first byte never came. */
function noAnswer(hop: Hop, error: unknown): unknown {
  const { status, message } = classifyError(error);
  if (status !== 'timeout' && status !== 'geo_timeout') return error;
  return new FetchError(
    'geo_timeout',
    `no response from ${new URL(hop.url).host} within ${hop.firstByteMs} ms (${message})`,
  );
}

export class CrawleeExecutor implements HopExecutor {
  private readonly pending = new Map<string, Pending>();
  private readonly crawler: CheerioCrawler;
  private readonly running: Promise<unknown>;
  private closed = false;
  /** Wakes the pool as soon as a hop is queued (its own poll, every maybeRunIntervalSecs, is the safety net). */
  private readonly queue = new HopQueue(() => void this.crawler?.autoscaledPool?.notify());
  private readonly proxyAgents: ProxyAgents | undefined;

  constructor(private readonly config: Config) {
    const c = config.crawl;
    this.proxyAgents = config.network.proxy ? keepAliveProxyAgents(config.network.proxy) : undefined;
    // Requests here are HTTP round trips (a redirect or a retry is another one), labelled with the
    // page role they serve. Every hop ends the same way: its answer goes back to the HttpClient. Pages
    // are routed by role once the site crawl has them whole (crawlers/site/role-router.ts).
    const finish = async (ctx: CheerioCrawlingContext) => this.finish(ctx.request.uniqueKey);

    const maxConcurrency = Math.min(400, Math.max(8, c.siteConcurrency * c.perHostConcurrency * 2));
    this.crawler = new CheerioCrawler(
      {
        requestHandler: finish,
        // BasicCrawler takes this queue as its request manager. Passed as `requestQueue` because
        // HttpCrawler's option check does not list `requestManager` (Crawlee 3.18): BasicCrawler uses
        // a given queue through the same interface, and the validator only asks for its methods.
        requestQueue: this.queue as unknown as RequestQueue,
        keepAlive: true,
        maxRequestRetries: 0,
        // Crawlee takes ECONNRESET/ECONNREFUSED for a bad proxy and re-sends at once, up to 10 times,
        // past HostGate's pacing: a site that resets would be hit 11 times per request.
        maxSessionRotations: 0,
        useSessionPool: false,
        persistCookiesPerSession: false,
        retryOnBlocked: false,
        // Certificates are judged once per host by TlsVerifier (HttpClient); verifying here would
        // build a TLS context from all root CAs for every request.
        ignoreSslErrors: true,
        additionalMimeTypes: ['*/*'],
        // Safety nets only: each hop's own got timeouts (set below) end it first, also on the
        // patient retry of a silent host (twice the first-byte allowance).
        navigationTimeoutSecs: patientLoadSecs(c) + 1,
        requestHandlerTimeoutSecs: patientLoadSecs(c) * 2 + 10,
        // Fixed concurrency: the work is I/O-bound and paced per host by HostGate; Crawlee's
        // autoscaling reads machine load and would throttle every site when the box is busy.
        minConcurrency: maxConcurrency,
        maxConcurrency,
        // New requests arrive one by one while the queue is idle: poll it often so a hop does not wait.
        autoscaledPoolOptions: { maybeRunIntervalSecs: 0.02, loggingIntervalSecs: null },
        statusMessageLoggingInterval: 3600,
        log: new Log({ level: LogLevel.OFF, prefix: 'govscan-http' }),
        preNavigationHooks: [
          (ctx, gotOptions) => {
            const p = this.pending.get(ctx.request.uniqueKey);
            if (p) p.startedAt = Date.now();
            gotOptions.followRedirect = false;
            // got's phases: `connect`/`secureConnect` (TCP, TLS) and `response` (request sent → first
            // byte) each get the first-byte allowance; `request` bounds the whole exchange.
            const firstByte = p?.hop.firstByteMs ?? c.firstByteTimeoutSecs * 1000;
            gotOptions.timeout = {
              connect: firstByte,
              secureConnect: firstByte,
              response: firstByte,
              request: p?.hop.timeoutMs ?? c.loadTimeoutSecs * 1000,
            };
            (gotOptions as Record<string, unknown>).useHeaderGenerator = false;
            (gotOptions as Record<string, unknown>).http2 = false;
            gotOptions.decompress = true;
            // Our keep-alive agents instead of Crawlee's proxy configuration (a new tunnel per request).
            if (this.proxyAgents) gotOptions.agent = this.proxyAgents;
          },
        ],
        postNavigationHooks: [async (ctx) => this.readBody(ctx as unknown as CheerioCrawlingContext)],
        failedRequestHandler: async ({ request }, error) => this.fail(request.uniqueKey, error),
      },
      new Configuration({
        persistStorage: false,
        purgeOnStart: false,
        // The system-info event feeds Crawlee's autoscaling, which we do not use (fixed concurrency);
        // on Linux it runs `execSync('cat /proc/meminfo')` and spawns `ps` every second, blocking
        // the event loop that all sites share.
        systemInfoIntervalMillis: 3_600_000,
      }),
    );
    this.running = this.crawler.run().catch((e) => {
      for (const p of this.pending.values()) p.reject(e);
    });
  }

  async execute(hop: Hop): Promise<HopResult> {
    if (this.closed) throw new FetchError('skipped', 'crawler closed');
    const uniqueKey = randomUUID();
    const done = new Promise<HopResult>((resolve, reject) => this.pending.set(uniqueKey, { hop, resolve, reject }));
    this.queue.push({
      url: hop.url,
      uniqueKey,
      method: hop.method,
      label: hop.role,
      headers: hop.headers,
      payload: hop.payload,
      userData: { site: hop.site },
    });
    return done;
  }

  /** Reads the body ourselves (raw bytes, limits), then hands Crawlee an empty stream to parse. */
  private async readBody(ctx: CheerioCrawlingContext): Promise<void> {
    const p = this.pending.get(ctx.request.uniqueKey);
    const res = ctx.response as unknown as ProgressStream & {
      statusCode: number;
      headers: Record<string, string | string[] | undefined>;
      url: string;
    };
    if (!p || !res) return;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers ?? {}))
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
    const result: HopResult = { url: res.url ?? p.hop.url, httpStatus: res.statusCode, headers, raw: Buffer.alloc(0) };
    result.phases = phasesOf(res);
    if (p.hop.method === 'HEAD') res.resume();
    else
      result.raw = await this.readLimited(res, headers, p.hop).catch((e: unknown) => {
        const partial = (e as { partial?: Buffer }).partial ?? Buffer.alloc(0);
        const elapsedMs = Date.now() - (p.startedAt ?? Date.now());
        result.bodyError = classifyBodyError(e, {
          url: result.url,
          elapsedMs,
          timeoutMs: p.hop.timeoutMs,
          bytes: partial.length,
        });
        return partial;
      });
    p.result = result;
    const empty = Readable.from([]) as Readable & Record<string, unknown>;
    Object.assign(empty, { statusCode: 200, headers: { 'content-type': 'text/plain' }, url: res.url ?? p.hop.url });
    (ctx as unknown as { response: unknown }).response = empty;
  }

  private readLimited(res: ProgressStream, headers: Record<string, string>, hop: Hop): Promise<Buffer> {
    const { timeoutMs, bodyLimit } = hop;
    const { maxBodyBytes, maxDecompressedBytes } = this.config.crawl;
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes && !bodyLimit) {
      res.destroy();
      return Promise.reject(
        new FetchError('too_large', `Content-Length ${declared} exceeds maxBodyBytes ${maxBodyBytes}`),
      );
    }
    const encoded = Boolean(headers['content-encoding'] && headers['content-encoding'] !== 'identity');
    return new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const stop = (err: FetchError) => {
        clearTimeout(timer);
        res.removeAllListeners('data');
        res.destroy();
        reject(Object.assign(err, { partial: Buffer.concat(chunks) }));
      };
      const timer = setTimeout(
        () => stop(new FetchError('timeout', `body not complete after ${timeoutMs} ms`)),
        timeoutMs,
      );
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        const wire = res.downloadProgress?.transferred ?? 0;
        if (size > maxDecompressedBytes)
          return stop(
            new FetchError('too_large', `decompressed body exceeds maxDecompressedBytes ${maxDecompressedBytes}`),
          );
        if (wire > maxBodyBytes || (!encoded && size > maxBodyBytes))
          return stop(new FetchError('too_large', `body exceeds maxBodyBytes ${maxBodyBytes}`));
        chunks.push(chunk);
        if (bodyLimit && size >= bodyLimit) {
          clearTimeout(timer);
          res.removeAllListeners('data');
          res.destroy();
          resolve(Buffer.concat(chunks));
        }
      });
      res.once('end', () => {
        clearTimeout(timer);
        resolve(Buffer.concat(chunks));
      });
      res.once('error', (e: Error) => {
        clearTimeout(timer);
        reject(Object.assign(e, { partial: Buffer.concat(chunks) }));
      });
    });
  }

  private finish(key: string): void {
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    if (p.result) p.resolve(p.result);
    else p.reject(new FetchError('error', `no response recorded for ${p.hop.url}`));
  }

  private fail(key: string, error: unknown): void {
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    // A failure after our hook read the response (e.g. Crawlee's own parsing) still has a usable answer.
    if (p.result) p.resolve(p.result);
    else p.reject(noAnswer(p.hop, error));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [key, p] of this.pending) {
      this.pending.delete(key);
      p.reject(new FetchError('skipped', 'crawler closed'));
    }
    await this.crawler.teardown();
    await this.stopRun();
    closeProxyAgents(this.proxyAgents);
  }

  /**
   * Ends `crawler.run()`. Closed right after it started (nothing to fetch: a resumed run with every
   * site stored, every site refused by policy), run() has not built its pool yet, so teardown()
   * aborts nothing and the keep-alive pool would then wait for requests forever. Abort the pool
   * once it runs (an abort while it is still starting leaves its timers behind, which keep the
   * process alive), and give up waiting after 10 s rather than hang.
   */
  private async stopRun(): Promise<void> {
    let done = false;
    void this.running.finally(() => (done = true));
    for (let waited = 0; !done && waited < 10_000; waited += 50) {
      const pool = this.crawler.autoscaledPool as unknown as
        | { abort(): Promise<void>; autoscaleInterval?: unknown }
        | undefined;
      if (pool?.autoscaleInterval) await pool.abort();
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
