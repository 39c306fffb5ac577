/**
 * Turning a fetch outcome into a PageSnapshot: bodies decoded from the raw bytes with govscan's
 * GBK-aware decoder (never the HTTP library's guess), sha256 of the raw bytes, title, and
 * `bad_content` when a page that should be a document is binary.
 */
import { createHash } from 'node:crypto';
import type { CrawlerKind, FetchStatus, PageRole, PageSnapshot, ProbeResult } from '../../src/types.js';
import { decodeBody } from '../../src/util/encoding.js';
import { challengeVendor } from '../http/block-shapes.js';
import type { FetchResult } from '../http/types.js';

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

const TEXTUAL =
  /^(text\/|application\/(xhtml\+xml|xml|json|[\w.+-]*\+json|[\w.+-]*\+xml|javascript|x-javascript|ld\+json)|$)/i;

export function isTextual(contentType: string | undefined): boolean {
  return TEXTUAL.test((contentType ?? '').split(';')[0]!.trim());
}

/** File signatures of documents that servers commonly mislabel as text/html. */
const MAGIC: Buffer[] = ['%PDF-', 'PK\u0003\u0004', '\u0089PNG', 'GIF8', 'Rar!', '7z\u00bc\u00af']
  .map((m) => Buffer.from(m, 'latin1'))
  .concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.from([0x1f, 0x8b])]);

/** Binary bytes disguised as text (wrong Content-Type): a known file signature or many NULs. */
export function looksBinary(raw: Buffer): boolean {
  const start = raw.subarray(0, 16);
  const trimmed = start.subarray(start.findIndex((b) => b > 0x20) >>> 0);
  if (MAGIC.some((m) => trimmed.subarray(0, m.length).equals(m))) return true;
  const head = raw.subarray(0, 1024);
  let nul = 0;
  for (const b of head) if (b === 0) nul++;
  return nul > 8;
}

export interface Decoded {
  body?: string;
  charset?: string;
  charsetSource?: PageSnapshot['charsetSource'];
  bodyHash?: string;
  bytes?: number;
  status: FetchStatus;
  error?: string;
}

export function decodeResult(r: FetchResult): Decoded {
  const base: Decoded = { status: r.status, error: r.error };
  if (!r.raw || r.raw.length === 0) return base;
  const contentType = r.headers['content-type'];
  base.bodyHash = sha256(r.raw);
  base.bytes = r.raw.length;
  if (!isTextual(contentType) || looksBinary(r.raw)) {
    if (r.status === 'ok')
      return { ...base, status: 'bad_content', error: `not a text document (${contentType || 'no Content-Type'})` };
    return base;
  }
  const d = decodeBody(r.raw, contentType);
  return { ...base, body: d.text, charset: d.charset, charsetSource: d.source };
}

const TITLE = /<title[^>]*>([\s\S]*?)<\/title>/i;

export function titleOf(body: string | undefined): string | undefined {
  const m = body ? TITLE.exec(body) : null;
  const t = m?.[1]?.replace(/\s+/g, ' ').trim();
  return t ? decodeEntities(t) : undefined;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

export function toSnapshot(
  r: FetchResult,
  role: PageRole,
  extra: { depth: number; referrer?: string; linkText?: string; crawler?: CrawlerKind },
): PageSnapshot {
  const d = decodeResult(r);
  // The store keeps the raw bytes when they are not simply the text's UTF-8 (GBK, a BOM, bad
  // bytes), so a stored text can always be checked against what the server sent.
  const keepRaw = d.body !== undefined && !!r.raw && !r.raw.equals(Buffer.from(d.body, 'utf8'));
  return {
    ...(keepRaw ? { raw: r.raw } : {}),
    url: r.url,
    finalUrl: r.finalUrl,
    role,
    status: d.status,
    httpStatus: r.httpStatus,
    headers: r.headers,
    contentType: r.headers['content-type'],
    charset: d.charset,
    charsetSource: d.charsetSource,
    body: d.body,
    bodyHash: d.bodyHash,
    bytes: d.bytes,
    fetchedAt: r.fetchedAt,
    crawler: extra.crawler ?? 'http',
    depth: extra.depth,
    referrer: extra.referrer,
    linkText: extra.linkText || undefined,
    title: titleOf(d.body),
    error: d.error,
    durationMs: r.durationMs,
    attempts: r.attempts,
    ...(r.block?.kind === 'challenge'
      ? { challenge: { vendor: challengeVendor(r.block), passed: false, via: 'none' as const } }
      : {}),
  };
}

export function toProbe(r: FetchResult): ProbeResult {
  const d = decodeResult(r);
  return {
    url: r.url,
    status: r.status,
    httpStatus: r.httpStatus,
    body: d.body,
    bodyHash: d.bodyHash,
    headers: r.headers,
    finalUrl: r.finalUrl,
    error: r.error,
    fetchedAt: r.fetchedAt,
  };
}
