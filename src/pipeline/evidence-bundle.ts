/**
 * Evidence bundles: one site's artifacts, results and config in one gzip JSON file, with the
 * hashes to check it by, so an auditor can replay it on another machine without the database.
 * A bundle whose digest, blobs or page hashes fail is tampered and is never replayed.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { getBlob } from '../store/blobs.js';
import type { Db } from '../store/db.js';
import { checkDecodedText, sha256, type Tamper, TamperedError } from '../store/integrity.js';
import { loadEffectiveSite, resultsRunOf } from '../store/results.js';
import { getRun } from '../store/runs.js';
import { checkSiteSnapshots, type SiteCheck } from '../store/site-check.js';
import type { IndicatorResult, SiteArtifacts } from '../types.js';
import { canonical } from '../util/canonical-json.js';

/**
 * Snapshots of a site as readers see it: the crawl run's, and when an audit verified the site,
 * the audit run's interactions and evidence too (see src/store/results.ts).
 */
export function checkEffectiveSnapshots(db: Db, runId: number, code: string): SiteCheck {
  const check = checkSiteSnapshots(db, runId, code);
  const resultsRun = resultsRunOf(db, runId, code);
  if (resultsRun === runId) return check;
  const audit = checkSiteSnapshots(db, resultsRun, code);
  return { problems: [...check.problems, ...audit.problems], unverified: check.unverified };
}

/** Format 2 carries the hashes to check a bundle with (format 1 had none and is refused). */
export const BUNDLE_FORMAT = 'govscan-evidence-bundle/2';

/** A file that is not a (current) bundle: bad input, not a failed replay. */
export class BundleFormatError extends Error {
  override name = 'BundleFormatError';
}

/** How each page (same order as artifacts.pages) is checked. */
const PageCheckSchema = z.object({
  /** sha256 of the decoded text's UTF-8, null for a page without text. */
  textHash: z.string().nullable(),
  /**
   * Where the raw bytes (bodyHash) are: `text` the text's UTF-8 is the raw bytes; `blob` in
   * `blobs` under bodyHash; `not-kept` the database had no copy (older govscan); `none` no body.
   */
  raw: z.enum(['text', 'blob', 'not-kept', 'none']),
});
type PageCheck = z.infer<typeof PageCheckSchema>;

const BundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  createdAt: z.string(),
  run: z.object({
    id: z.number(),
    kind: z.string(),
    startedAt: z.string(),
    toolVersion: z.string(),
    config: z.unknown(),
  }),
  artifacts: z.custom<SiteArtifacts>(
    (v) => !!v && typeof v === 'object' && 'locality' in (v as object) && Array.isArray((v as SiteArtifacts).pages),
  ),
  results: z.array(
    z.custom<IndicatorResult>(
      (v) => !!v && typeof v === 'object' && 'id' in (v as object) && Array.isArray((v as IndicatorResult).evidence),
    ),
  ),
  /** Raw page bytes that differ from the text's UTF-8, screenshots and other binary evidence: base64 by sha256. */
  blobs: z.record(z.string(), z.string()),
  pageChecks: z.array(PageCheckSchema),
  /** sha256 of the canonical JSON of everything above: any changed result, evidence row, page or blob changes it. */
  digest: z.string().regex(/^[0-9a-f]{64}$/),
});
export type EvidenceBundle = z.infer<typeof BundleSchema>;

const contentDigest = (b: Omit<EvidenceBundle, 'digest'>): string => {
  const { digest: _ignored, ...content } = b as EvidenceBundle;
  return sha256(canonical(content));
};

export function exportBundle(db: Db, runId: number, code: string): Buffer {
  return makeBundle(db, runId, code).data;
}

/** The bundle file's bytes and its digest (print or record it: \`replay --bundle … --expect-digest\` checks against it). */
export function makeBundle(db: Db, runId: number, code: string): { data: Buffer; digest: string } {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run ${runId} in the database`);
  // Re-packing edited snapshots under fresh hashes would launder them: refuse.
  const check = checkEffectiveSnapshots(db, runId, code);
  if (check.problems.length)
    throw new TamperedError(`run ${runId}, site ${code} (database ${db.name}); not bundled`, check.problems);
  const { artifacts, results } = loadEffectiveSite(db, runId, code);
  if (!artifacts) throw new Error(`run ${runId} has no stored site ${code}`);
  const blobs: Record<string, string> = {};
  const pageChecks = artifacts.pages.map((p): PageCheck => {
    if (p.body === undefined) return { textHash: null, raw: 'none' };
    const textHash = sha256(p.body);
    if (!p.bodyHash) return { textHash, raw: 'none' };
    if (p.bodyHash === textHash) return { textHash, raw: 'text' };
    const raw = getBlob(db, p.bodyHash, `page ${p.url} raw bytes (run ${runId}, site ${code})`);
    if (!raw) return { textHash, raw: 'not-kept' };
    blobs[p.bodyHash] = raw.toString('base64');
    return { textHash, raw: 'blob' };
  });
  const hashes = [
    ...artifacts.pages.map((p) => p.screenshotHash),
    ...artifacts.interactions.map((i) => i.screenshotHash),
    ...results.flatMap((r) => r.evidence.map((e) => e.screenshotHash)),
  ];
  for (const h of hashes) {
    if (!h || blobs[h]) continue;
    const b = getBlob(db, h, `screenshot ${h} (run ${runId}, site ${code})`);
    if (b) blobs[h] = b.toString('base64');
  }
  const content: Omit<EvidenceBundle, 'digest'> = {
    format: BUNDLE_FORMAT,
    createdAt: new Date().toISOString(),
    run: {
      id: run.id,
      kind: run.kind,
      startedAt: run.started_at,
      toolVersion: run.tool_version,
      config: JSON.parse(run.config_json),
    },
    artifacts,
    results,
    blobs,
    pageChecks,
  };
  const digest = contentDigest(content);
  return { data: gzipSync(JSON.stringify({ ...content, digest })), digest };
}

export function readBundle(data: Buffer, source = '<bundle>'): EvidenceBundle {
  let parsed: unknown;
  try {
    parsed = JSON.parse(gunzipSync(data).toString('utf8'));
  } catch (e) {
    throw new BundleFormatError(`${source} is not a govscan evidence bundle (gzip JSON): ${(e as Error).message}`);
  }
  const format = (parsed as { format?: unknown } | null)?.format;
  if (format === 'govscan-evidence-bundle/1')
    throw new BundleFormatError(
      `${source} is a format 1 evidence bundle, which carries no hashes and cannot be checked for tampering: make it again with \`govscan bundle\``,
    );
  const r = BundleSchema.safeParse(parsed);
  if (!r.success)
    throw new BundleFormatError(
      `${source} is not a valid ${BUNDLE_FORMAT}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return r.data;
}

/** Every hash a bundle carries, checked: its digest, its blobs, and each page's text and raw bytes. */
export function verifyBundle(
  bundle: EvidenceBundle,
  expectDigest?: string,
): { problems: Tamper[]; unverified: string[] } {
  const problems: Tamper[] = [];
  const unverified: string[] = [];
  const actualDigest = contentDigest(bundle);
  if (actualDigest !== bundle.digest)
    problems.push({
      what: 'bundle content digest (a result, evidence row, page, config or blob was changed after the bundle was made)',
      expected: bundle.digest,
      actual: actualDigest,
    });
  if (expectDigest && expectDigest.toLowerCase() !== bundle.digest)
    problems.push({
      what: 'bundle digest, against the one recorded when the bundle was made (--expect-digest)',
      expected: expectDigest.toLowerCase(),
      actual: bundle.digest,
    });
  const bytes = new Map<string, Buffer>();
  for (const [hash, b64] of Object.entries(bundle.blobs)) {
    const data = Buffer.from(b64, 'base64');
    const actual = sha256(data);
    if (actual !== hash) problems.push({ what: `blob ${hash}`, expected: hash, actual });
    else bytes.set(hash, data);
  }
  for (const [i, p] of bundle.artifacts.pages.entries()) {
    const page = `page ${p.url}`;
    const c = bundle.pageChecks[i];
    if (!c) {
      problems.push({
        what: `${page}: the bundle records no hash for it`,
        expected: 'a recorded hash',
        actual: 'none',
      });
      continue;
    }
    const textHash = p.body === undefined ? null : sha256(p.body);
    if (textHash !== c.textHash) {
      problems.push({ what: `${page} decoded text`, expected: c.textHash ?? 'no text', actual: textHash ?? 'no text' });
      continue;
    }
    if (p.body === undefined || !p.bodyHash) continue;
    if (c.raw === 'text' && p.bodyHash !== textHash)
      problems.push({ what: `${page} raw bytes (the text itself)`, expected: p.bodyHash, actual: textHash! });
    else if (c.raw === 'blob') {
      const raw = bytes.get(p.bodyHash);
      if (!raw) {
        if (!(p.bodyHash in bundle.blobs))
          problems.push({ what: `${page} raw bytes: not in the bundle`, expected: p.bodyHash, actual: 'no such blob' });
      } else {
        const t = checkDecodedText(raw, p.body, p, page);
        if (t) problems.push(t);
      }
    } else if (c.raw === 'not-kept') unverified.push(p.url);
  }
  return { problems, unverified };
}
