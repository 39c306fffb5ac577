/**
 * Is this file a saved web page at all? `govscan analyze` used to decode anything and give its
 * indicators confident `absent` verdicts: random bytes, an executable, an empty file. A file that
 * is not a page says nothing about a site, so it is refused with the reason instead.
 *
 * The checks, cheapest first: empty; a known binary format by its magic number; NUL bytes near
 * the start (as git and grep judge "binary"; UTF-16 text excepted); after decoding, a high share
 * of control characters or undecodable bytes; and no HTML tag anywhere.
 */

/** Magic numbers of formats people save or export by mistake, with what to call them. */
const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an ELF executable' },
  { bytes: [0x4d, 0x5a], what: 'a Windows executable (MZ)' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (or .docx/.xlsx)' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty ZIP archive' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x52, 0x49, 0x46, 0x46], what: 'a RIFF file (WebP image, WAV or AVI)' },
  { bytes: [0x1f, 0x8b], what: 'gzip-compressed data (decompress it first)' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed data (decompress it first)' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'a RAR archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Office document (.doc/.xls)' },
  { bytes: [...Buffer.from('SQLite format 3\0')], what: 'an SQLite database' },
];

/** Where NUL bytes mean binary data (git looks at the first 8000 bytes). */
const NUL_WINDOW = 8000;
/** Above this share of control characters and undecodable bytes, decoded "text" is binary data. */
const MAX_CONTROL_SHARE = 0.02;
/** A tag, doctype or comment opener: what every HTML page has and plain text does not. */
const HTML_TAG = /<(?:!doctype[\s>]|!--|[a-z][a-z0-9-]*[\s/>])/i;

/** UTF-16 by its byte-order mark, or by NULs in every other byte of ASCII-heavy text (no BOM). */
export function utf16Encoding(buf: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenNul++;
    if (buf[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Why these bytes are not a web page, judged before decoding; undefined when they may be one. */
export function binaryReason(buf: Buffer): string | undefined {
  if (buf.length === 0) return 'the file is empty (0 bytes)';
  for (const m of MAGIC)
    if (buf.length >= m.bytes.length && m.bytes.every((b, i) => buf[i] === b))
      return `not an HTML page: it is ${m.what} (starts with ${hex(m.bytes.slice(0, 4))})`;
  if (utf16Encoding(buf)) return undefined;
  const nul = buf.subarray(0, NUL_WINDOW).indexOf(0);
  if (nul >= 0) return `not an HTML page: binary data (a NUL byte at offset ${nul})`;
  return undefined;
}

/** Why this decoded text is not a web page; undefined when it is one. */
export function textReason(text: string): string | undefined {
  if (!text.trim()) return 'not an HTML page: it holds only whitespace';
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd)
      control++;
  }
  const share = control / text.length;
  if (share > MAX_CONTROL_SHARE)
    return `not an HTML page: binary data (${(share * 100).toFixed(1)}% of its characters are control characters or undecodable bytes)`;
  if (!HTML_TAG.test(text)) return 'not an HTML page: no HTML tag in it (plain text?)';
  return undefined;
}

/** Sizes as people read them, with the exact byte count. */
export function describeBytes(n: number): string {
  const unit =
    n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`;
  return `${n} bytes (${unit})`;
}

const hex = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
