/**
 * The top-level document of a browser load is fetched by govscan's HTTP client and handed to
 * Chromium decoded, instead of Chromium fetching and decoding it itself:
 *  - charset: Chromium guesses GBK for undeclared UTF-8 pages on .cn and trusts a wrong charset
 *    header, so the rendered DOM came out garbled where decodeBody (src/util/encoding.ts) reads the
 *    bytes right; the browser now gets UTF-8 text labelled `charset=utf-8` (status and other
 *    headers kept);
 *  - routing: the document goes through the same proxy, URL policy, per-host politeness and TLS
 *    judgement as every HTTP fetch. (Playwright's route.fetch() would not: it fetches from Node
 *    with the launch/context `proxy` option, and Chromium's proxy is a PAC switch Playwright does
 *    not know about — in the fixture world it would try to reach the real host names directly.)
 * Redirects are answered as redirects: Chromium follows them and the next hop comes back here.
 */
import type { Response, Route } from 'playwright';
import { BLOCK_STATUSES, type FetchStatus, type PageSnapshot } from '../../src/types.js';
import type { FetchResult } from '../http/types.js';
import { type Decoded, decodeResult } from '../site/snapshot.js';

/** The document as served to the browser, with the facts the snapshot needs. */
export interface ServedDocument {
  result: FetchResult;
  decoded: Decoded;
}

export type DocumentFetcher = (req: {
  url: string;
  method: 'GET' | 'POST';
  payload?: string;
  headers: Record<string, string>;
}) => Promise<FetchResult>;

/** Outcomes that are an HTTP answer the browser should show (error pages and challenges included). */
const ANSWERS = new Set<FetchStatus>(['ok', 'http_4xx', 'http_5xx', 'error', ...BLOCK_STATUSES]);

/** Network-level outcomes as Chromium errors (the snapshot takes its status from the fetch, not these). */
const ABORT_CODES: Partial<Record<FetchStatus, string>> = {
  dns: 'namenotresolved',
  refused: 'connectionrefused',
  reset: 'connectionreset',
  timeout: 'timedout',
  policy_denied: 'blockedbyclient',
  skipped: 'aborted',
};

/** Headers that described the bytes on the wire, not the text we hand over. */
const WIRE_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive']);
/** Request headers the browser built that the server may depend on (challenge cookies, referrer checks). */
const FORWARDED = ['cookie', 'referer'];

/**
 * Fetch the navigation's document with `fetchDocument` and fulfil (or abort) the route with it.
 * `onServed` learns of the document before Chromium gets it: a page may parse, run its challenge
 * script and navigate again before this function's caller resumes.
 */
export async function serveDocument(
  route: Route,
  fetchDocument: DocumentFetcher,
  onServed: (d: ServedDocument) => void = () => undefined,
): Promise<ServedDocument | undefined> {
  const req = route.request();
  const method = req.method();
  if (method !== 'GET' && method !== 'POST') {
    await route.continue();
    return undefined;
  }
  const sent = await req.allHeaders().catch(() => ({}) as Record<string, string>);
  const headers: Record<string, string> = {};
  for (const k of FORWARDED) if (sent[k]) headers[k] = sent[k];
  const result = await fetchDocument({
    url: req.url(),
    method,
    payload: method === 'POST' ? (req.postData() ?? '') : undefined,
    headers,
  });
  const decoded = decodeResult(result);
  if (result.httpStatus === undefined || !ANSWERS.has(result.status)) {
    onServed({ result, decoded });
    await route.abort(ABORT_CODES[result.status] ?? 'failed');
    return { result, decoded };
  }
  onServed({ result, decoded });
  await route.fulfill(fulfilment(result, decoded));
  return { result, decoded };
}

/** The response Chromium gets: decoded text as UTF-8 when the document is text, else the bytes as they came. */
export function fulfilment(
  r: FetchResult,
  d: Decoded,
): { status: number; headers: Record<string, string>; body: string | Buffer } {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) if (!WIRE_HEADERS.has(k)) headers[k] = v;
  // Several Set-Cookie headers arrive joined by ", " (an Expires date has a comma too); Playwright takes them "\n"-separated.
  if (headers['set-cookie']) headers['set-cookie'] = headers['set-cookie'].split(/,\s*(?=[^;,\s=]+=)/).join('\n');
  if (d.body === undefined) return { status: r.httpStatus ?? 200, headers, body: r.raw ?? Buffer.alloc(0) };
  const mime = (r.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() || 'text/html';
  headers['content-type'] = `${mime}; charset=utf-8`;
  return { status: r.httpStatus ?? 200, headers, body: d.body };
}

type DocumentFacts = Partial<
  Pick<PageSnapshot, 'httpStatus' | 'headers' | 'contentType' | 'charset' | 'charsetSource'>
>;

/**
 * The document's HTTP facts as the site sent them (the browser saw our UTF-8 re-labelling), after
 * any challenge reload; else, when no document came through us, what the browser's response says.
 */
export async function documentFacts(
  served: ServedDocument | undefined,
  response: Response | null,
): Promise<DocumentFacts> {
  if (served)
    return {
      httpStatus: served.result.httpStatus ?? response?.status(),
      headers: served.result.headers,
      contentType: served.result.headers['content-type'],
      charset: served.decoded.charset,
      charsetSource: served.decoded.charsetSource,
    };
  if (!response) return {};
  const all = await response.allHeaders().catch(() => ({}));
  const headers = Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), v]));
  return { headers, contentType: headers['content-type'] };
}
