/**
 * A site's artifacts on the wire between worker and coordinator: gzip JSON, with Buffers (raw page
 * bytes, screenshots) as base64, so the coordinator stores exactly what the worker collected.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { SiteArtifacts } from '../types.js';

const BUF = '$govscanBuffer';

export function encodeArtifacts(a: SiteArtifacts): Buffer {
  const json = JSON.stringify(a, function (this: Record<string, unknown>, key, value) {
    const raw = this[key]; // before Buffer#toJSON turned it into an array of numbers
    return Buffer.isBuffer(raw) ? { [BUF]: raw.toString('base64') } : value;
  });
  return gzipSync(json, { level: 6 });
}

export function decodeArtifacts(data: Buffer): SiteArtifacts {
  return JSON.parse(gunzipSync(data).toString('utf8'), (_key, value) =>
    value && typeof value === 'object' && typeof value[BUF] === 'string' ? Buffer.from(value[BUF], 'base64') : value,
  ) as SiteArtifacts;
}
