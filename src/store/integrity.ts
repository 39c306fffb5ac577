/**
 * Tamper evidence for stored snapshots. Blobs are content-addressed (key = sha256 of the
 * uncompressed bytes), so every read recomputes the hash and compares it with the key. A page's
 * decoded text is also checked against its raw bytes: decoding them again with the charset
 * recorded at fetch time must give the same text, so rewriting the text and its hash together
 * is caught too. (Hashes inside a file can be recomputed by whoever edits it; an outside record
 * of a bundle's digest catches that, see pipeline/replay.ts.)
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { decodeBody, decodeWith } from '../util/encoding.js';

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** One item that fails its check: what it is and where, the hash it should have and the one it has (or why there is none). */
export interface Tamper {
  what: string;
  expected: string;
  actual: string;
}

const shown = (h: string): string => (/^[0-9a-f]{64}$/.test(h) ? `sha256 ${h}` : h);
export const describeTamper = (t: Tamper): string =>
  `${t.what}: expected ${shown(t.expected)}, actual ${shown(t.actual)}`;

export class TamperedError extends Error {
  override name = 'TamperedError';
  constructor(
    /** e.g. "run 3, site 510100" or a bundle file. */
    readonly where: string,
    readonly problems: Tamper[],
  ) {
    super(`TAMPERED: ${where}: ${problems.map(describeTamper).join('; ')}`);
  }
}

/** A stored (gzip) blob's bytes if they hash to its key; otherwise what is wrong. */
export function unpackBlob(hash: string, gz: Buffer, what: string): { data: Buffer } | { tamper: Tamper } {
  let data: Buffer;
  try {
    data = gunzipSync(gz);
  } catch (e) {
    return { tamper: { what, expected: hash, actual: `none: the stored data is not gzip (${(e as Error).message})` } };
  }
  const actual = sha256(data);
  return actual === hash ? { data } : { tamper: { what, expected: hash, actual } };
}

/**
 * The decoded text must be what the raw bytes decode to. Decoding uses the charset recorded at
 * fetch time rather than sniffing again, so a later, better sniffer does not turn old
 * snapshots into "tampered" ones.
 */
export function checkDecodedText(
  raw: Buffer,
  text: string,
  page: { charset?: string; contentType?: string },
  what: string,
): Tamper | undefined {
  if (raw.equals(Buffer.from(text, 'utf8'))) return undefined; // UTF-8 page: the text is the bytes
  let derived: string;
  try {
    derived = page.charset ? decodeWith(raw, page.charset) : decodeBody(raw, page.contentType).text;
  } catch {
    derived = decodeBody(raw, page.contentType).text; // a charset iconv no longer knows
  }
  if (derived === text) return undefined;
  return {
    what: `${what}: the decoded text is not the decoding (${page.charset ?? 'sniffed'}) of the raw bytes`,
    expected: sha256(derived),
    actual: sha256(text),
  };
}
