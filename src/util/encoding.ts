/**
 * Decoding of fetched or saved pages. Chinese government pages are often GBK/GB2312/GB18030,
 * declared only in <meta>, declared wrongly, or not declared at all, so the order is:
 * BOM → Content-Type charset → <meta> charset → statistical sniff, and a declared charset
 * that produces replacement characters loses to one that decodes cleanly.
 */

import chardet from 'chardet';
import iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'header' | 'meta' | 'sniffed' | 'default';

export interface DecodedBody {
  text: string;
  charset: string;
  source: CharsetSource;
}

const ALIASES: Record<string, string> = {
  gb2312: 'gb18030', // GB2312 and GBK are subsets of GB18030; decoding as the superset never hurts
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  gb_2312: 'gb18030',
  'gb_2312-80': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
};

function normalizeCharset(label: string | undefined | null): string | undefined {
  if (!label) return undefined;
  const l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (!l) return undefined;
  const mapped = ALIASES[l] ?? l;
  return iconv.encodingExists(mapped) ? mapped : undefined;
}

function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return m ? normalizeCharset(m[1]) : undefined;
}

/** Look for <meta charset> / <meta http-equiv content="…charset=…"> in the first 4 KiB, as browsers do. */
function charsetFromMeta(head: Buffer): string | undefined {
  const ascii = head.subarray(0, 4096).toString('latin1');
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(ascii) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset\s*=\s*([\w.:-]+)/i.exec(ascii);
  return m ? normalizeCharset(m[1]) : undefined;
}

function bomCharset(buf: Buffer): string | undefined {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Share of U+FFFD in a decoded sample: a wrong charset shows up as replacement characters. */
function replacementRate(text: string): number {
  if (!text.length) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  return bad / text.length;
}

/** Decode with a known charset (no sniffing), dropping a BOM: how a stored snapshot is decoded again to check it. */
export function decodeWith(buf: Buffer, charset: string): string {
  const text = iconv.decode(buf, charset);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function sniff(buf: Buffer): string | undefined {
  const guess = chardet.detect(buf.subarray(0, 64 * 1024));
  return normalizeCharset(guess ?? undefined);
}

/** Decode a response body; `contentType` is the Content-Type header when there was one. */
export function decodeBody(buf: Buffer, contentType?: string): DecodedBody {
  const bom = bomCharset(buf);
  if (bom) return { text: decodeWith(buf, bom), charset: bom, source: 'bom' };

  const candidates: { charset: string; source: CharsetSource }[] = [];
  const header = charsetFromContentType(contentType);
  if (header) candidates.push({ charset: header, source: 'header' });
  const meta = charsetFromMeta(buf);
  if (meta) candidates.push({ charset: meta, source: 'meta' });

  // A declaration is trusted unless it decodes badly; then try the other declaration, then sniff.
  for (const c of candidates) {
    const text = decodeWith(buf, c.charset);
    if (replacementRate(text) < 0.001) return { text, ...c };
  }
  const sniffed = sniff(buf);
  const tried = new Set(candidates.map((c) => c.charset));
  for (const charset of [sniffed, 'utf-8', 'gb18030']) {
    if (!charset || tried.has(charset)) continue;
    tried.add(charset);
    const text = decodeWith(buf, charset);
    if (replacementRate(text) < 0.001) return { text, charset, source: charset === sniffed ? 'sniffed' : 'default' };
  }
  // Nothing decodes cleanly: keep the best declared guess rather than inventing one.
  const fallback = candidates[0] ?? { charset: sniffed ?? 'utf-8', source: 'default' as const };
  return { text: decodeWith(buf, fallback.charset), ...fallback };
}
