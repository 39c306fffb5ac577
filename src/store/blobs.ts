/** Content-addressed blobs (page bytes and text, screenshots, Lighthouse reports), gzip-compressed. */
import { gzipSync } from 'node:zlib';
import type { Db } from './db.js';
import { guardDb } from './errors.js';
import { sha256, type Tamper, TamperedError, unpackBlob } from './integrity.js';

export function putBlob(db: Db, data: Buffer | string, mediaType: string): string {
  return guardDb(db.name, 'storing a snapshot', false, () => storeBlob(db, data, mediaType));
}

/** putBlob without the error translation, for use inside a transaction that translates its own errors. */
export function storeBlob(db: Db, data: Buffer | string, mediaType: string): string {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const hash = sha256(buf);
  db.prepare('INSERT OR IGNORE INTO blobs (hash, media_type, size, data) VALUES (?, ?, ?, ?)').run(
    hash,
    mediaType,
    buf.length,
    gzipSync(buf),
  );
  return hash;
}

/** Blob columns reference stored blobs; a hash whose blob was never stored is kept out of the row. */
export function blobRef(db: Db, hash: string | undefined): string | null {
  if (!hash) return null;
  return db.prepare('SELECT 1 FROM blobs WHERE hash = ?').get(hash) ? hash : null;
}

/** A blob's bytes, checked against its hash; `missing` when no blob has that key. */
export function readBlob(
  db: Db,
  hash: string,
  what: string,
): { data: Buffer } | { tamper: Tamper } | { missing: true } {
  const row = db.prepare('SELECT data FROM blobs WHERE hash = ?').get(hash) as { data: Buffer } | undefined;
  return row ? unpackBlob(hash, row.data, what) : { missing: true };
}

/** A blob's bytes; throws TamperedError when they no longer hash to their key. */
export function getBlob(db: Db, hash: string, what = `blob ${hash}`): Buffer | undefined {
  const r = readBlob(db, hash, what);
  if ('tamper' in r) throw new TamperedError(`database ${db.name}`, [r.tamper]);
  return 'data' in r ? r.data : undefined;
}

/** Media type and uncompressed size of a blob, without reading it. */
export function blobMeta(db: Db, hash: string): { mediaType: string; size: number } | undefined {
  const r = db.prepare('SELECT media_type, size FROM blobs WHERE hash = ?').get(hash) as
    | { media_type: string; size: number }
    | undefined;
  return r && { mediaType: r.media_type, size: r.size };
}
