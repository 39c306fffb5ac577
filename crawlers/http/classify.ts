/**
 * Mapping of network errors and HTTP answers onto the fetch-status taxonomy (FETCH_STATUSES).
 * Error codes come from Node (ECONNREFUSED…), got (ERR_…), OpenSSL (CERT_…) or our own layers.
 */
import type { FetchStatus } from '../../src/types.js';
import { type BlockKind, type BlockMatch, recogniseBlock } from './block-shapes.js';

/** An error that already knows its terminal status (raised by govscan's own layers). */
export class FetchError extends Error {
  constructor(
    readonly status: FetchStatus,
    message: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS|ERR_SSL|EPROTO$|ERR_SSL_)/;
/** got's timeout phases before any response header arrived (`response` is time to first byte). */
const BEFORE_HEADERS = new Set(['lookup', 'connect', 'secureConnect', 'socket', 'send', 'response']);

/**
 * A timeout that fired before the site said anything: the connection or the first byte never came.
 * From outside mainland China this is what most unreachable government sites look like, so it is
 * its own status (`geo_timeout`), never a verdict on the site's content.
 */
function beforeHeaders(e: { code?: string; syscall?: string; event?: string; message?: string }): boolean {
  if (e.event) return BEFORE_HEADERS.has(e.event);
  if (e.code === 'ETIMEDOUT' && e.syscall === 'connect') return true;
  return /\bconnect(ion)?\b[^\n]*timed? ?out|timed? ?out[^\n]*\bconnect/i.test(e.message ?? '');
}

export function classifyError(err: unknown): { status: FetchStatus; message: string } {
  if (err instanceof FetchError) return { status: err.status, message: err.message };
  const e = err as {
    code?: string;
    message?: string;
    name?: string;
    cause?: unknown;
    event?: string;
    syscall?: string;
  };
  const code = e?.code ?? '';
  // Crawlee prefixes proxy/connection failures with a session notice that says nothing about the site.
  const message = String(e?.message ?? err)
    .replace(/^Detected a session error, rotating session\.\.\.\s*/, '')
    .trim();
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA' || code === 'EAI_NONAME')
    return { status: 'dns', message };
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL')
    return { status: 'refused', message };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNABORTED')
    return { status: 'reset', message };
  // Before the generic timeout test: "Proxy responded with 504 Gateway Timeout" is the proxy's connect timeout.
  const viaProxy = statusFromProxyConnectError(message);
  if (viaProxy) return { status: viaProxy, message };
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || e?.name === 'TimeoutError' || /timed? ?out/i.test(message))
    return { status: beforeHeaders({ ...e, message }) ? 'geo_timeout' : 'timeout', message };
  if (TLS_CODES.test(code) || /ssl|tls|certificate/i.test(message)) return { status: 'tls', message };
  if (code === 'EGOVSCAN_NETWORK_GUARD') return { status: 'policy_denied', message };
  if (/socket hang up|other side closed|premature close/i.test(message)) return { status: 'reset', message };
  if (/getaddrinfo|ENOTFOUND/.test(message)) return { status: 'dns', message };
  if (/ECONNREFUSED/.test(message)) return { status: 'refused', message };
  if (/ECONNRESET/.test(message)) return { status: 'reset', message };
  if (e?.cause) {
    const inner = classifyError(e.cause);
    if (inner.status !== 'error') return { status: inner.status, message };
  }
  return { status: 'error', message };
}

/**
 * A response whose body broke off after the headers. When the request's total time had run out
 * (got's request timer, ours, or a proxy closing the socket at that moment) the page is a
 * `timeout` — a server dripping bytes stays under every idle timeout yet never finishes. Otherwise
 * the error decides, and a broken stream defaults to `reset`.
 */
export function classifyBodyError(
  err: unknown,
  at: { url: string; elapsedMs: number; timeoutMs: number; bytes: number },
): { status: FetchStatus; message: string } {
  const { status, message } = classifyError(err);
  if (err instanceof FetchError && status !== 'timeout') return { status, message };
  const where = `body of ${at.url} cut after ${at.bytes} bytes`;
  // The headers are in, so the first byte came: whatever timer fired, this is a slow load.
  if (status === 'timeout' || status === 'geo_timeout' || at.elapsedMs >= at.timeoutMs)
    return {
      status: 'timeout',
      message: `${where}: not complete within the request timeout of ${at.timeoutMs} ms (${message})`,
    };
  return { status: status === 'error' ? 'reset' : status, message: `${where}: ${message}` };
}

/** Statuses worth another attempt (geo_timeout gets one patient retry: HttpClient's schedule). */
export function isRetryable(status: FetchStatus, httpStatus?: number): boolean {
  return (
    status === 'timeout' ||
    status === 'geo_timeout' ||
    status === 'reset' ||
    status === 'http_5xx' ||
    httpStatus === 429
  );
}

const BLOCK_STATUS: Record<BlockKind, FetchStatus> = {
  challenge: 'challenge_failed',
  ip_block_page: 'ip_block_page',
  soft_404: 'soft_404',
};

/** Status of a completed HTTP exchange (after redirects), with the block shape it is, if any. */
export function classifyAnswer(
  httpStatus: number,
  raw: Buffer | undefined,
  headers: Record<string, string> = {},
): { status: FetchStatus; block?: BlockMatch } {
  const block = recogniseBlock(httpStatus, headers, raw);
  return block ? { status: BLOCK_STATUS[block.kind], block } : { status: statusFromHttp(httpStatus) };
}

/** Status of an HTTP code alone. 429 is final only once retries are spent. */
export function statusFromHttp(httpStatus: number): FetchStatus {
  if (httpStatus === 429) return 'rate_limited';
  if (httpStatus >= 500) return 'http_5xx';
  if (httpStatus >= 400) return 'http_4xx';
  if (httpStatus >= 300) return 'error'; // a redirect without usable Location
  return 'ok';
}

/**
 * A forward proxy reports network failures as its own HTTP answers. Squid's conventions (used by
 * the fixture world too): X-Squid-Error ERR_DNS_FAIL → dns, ERR_CONNECT_FAIL 111 → refused, …
 */
export function statusFromProxyError(squidError: string | undefined): FetchStatus | undefined {
  if (!squidError) return undefined;
  const e = squidError.toUpperCase();
  if (e.startsWith('ERR_DNS_FAIL')) return 'dns';
  // 110 is ETIMEDOUT on connect. Squid answers with its own error page only while it has not yet
  // relayed the origin's headers, so its read/lifetime timeouts mean the first byte never came.
  if (e.startsWith('ERR_CONNECT_FAIL')) return / 110\b/.test(e) ? 'geo_timeout' : 'refused';
  if (e.startsWith('ERR_READ_TIMEOUT') || e.startsWith('ERR_LIFETIME_EXP')) return 'geo_timeout';
  if (e.startsWith('ERR_ZERO_SIZE_OBJECT') || e.startsWith('ERR_READ_ERROR') || e.startsWith('ERR_WRITE_ERROR'))
    return 'reset';
  if (e.startsWith('ERR_SECURE_CONNECT_FAIL')) return 'tls';
  if (e.startsWith('ERR_ACCESS_DENIED')) return 'policy_denied';
  return undefined;
}

/** CONNECT refused by the proxy surfaces as an error naming the proxy's status. */
export function statusFromProxyConnectError(message: string): FetchStatus | undefined {
  const m = /proxy[^\n]*?\b(502|503|504)\b/i.exec(message);
  if (!m) return undefined;
  return m[1] === '502' ? 'dns' : m[1] === '504' ? 'geo_timeout' : 'refused';
}
