/**
 * Replay: re-run detection offline from stored snapshots and compare with the stored results.
 * Evidence bundles carry one site's artifacts, results and config in one file, so an auditor
 * can replay them on another machine without the database.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { parseConfig, type Config } from '../config/config.js';
import { getBlob, getRun, loadResults, loadSiteArtifacts, type Db } from '../store/db.js';
import type { IndicatorResult, SiteArtifacts } from '../types.js';
import { detect } from './collect.js';

export interface ReplayOutcome {
  code: string;
  stored: IndicatorResult[];
  replayed: IndicatorResult[];
  equal: boolean;
  /** One line per indicator whose replayed result differs from the stored one. */
  differences: string[];
}

/** The store keeps flags only when true (`rendered`, `needsRender`): a false flag means the same as none. */
function normalized(r: IndicatorResult): IndicatorResult {
  const { needsRender, evidence, ...rest } = r;
  return {
    ...rest,
    ...(needsRender ? { needsRender } : {}),
    evidence: evidence.map(({ rendered, ...e }) => (rendered ? { ...e, rendered } : e)),
  };
}

export function compareResults(storedResults: IndicatorResult[], replayedResults: IndicatorResult[]): string[] {
  const diffs: string[] = [];
  const stored = storedResults.map(normalized);
  const byId = new Map(replayedResults.map((r) => [r.id, normalized(r)]));
  for (const s of stored) {
    const r = byId.get(s.id);
    if (!r) diffs.push(`${s.id}: stored but not produced on replay`);
    else if (canonical(s) !== canonical(r))
      diffs.push(`${s.id}: stored ${s.status} ${canonical(s.value ?? null)} ≠ replayed ${r.status} ${canonical(r.value ?? null)}` +
        (s.status === r.status && canonical(s.value ?? null) === canonical(r.value ?? null) ? ' (reason/evidence differ)' : ''));
    byId.delete(s.id);
  }
  for (const id of byId.keys()) diffs.push(`${id}: produced on replay but not stored`);
  return diffs;
}

/** JSON with sorted keys and undefined dropped: equal data ⇒ equal strings. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.keys(val).sort().filter((k) => val[k] !== undefined).map((k) => [k, val[k]]))
      : val,
  );
}

function runConfig(db: Db, runId: number): Config {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run ${runId} in the database`);
  return parseConfig(JSON.parse(run.config_json), `run ${runId}'s stored config`);
}

export function replaySite(db: Db, runId: number, code: string): ReplayOutcome {
  const config = runConfig(db, runId);
  const artifacts = loadSiteArtifacts(db, runId, code);
  if (!artifacts) throw new Error(`run ${runId} has no stored site ${code}`);
  const stored = loadResults(db, runId, code);
  const replayed = detect(artifacts, config);
  const differences = compareResults(stored, replayed);
  return { code, stored, replayed, equal: differences.length === 0, differences };
}

// ───────────────────────────── bundles ─────────────────────────────

export const BUNDLE_FORMAT = 'govscan-evidence-bundle/1';

const BundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  createdAt: z.string(),
  run: z.object({ id: z.number(), kind: z.string(), startedAt: z.string(), toolVersion: z.string(), config: z.unknown() }),
  artifacts: z.custom<SiteArtifacts>((v) => !!v && typeof v === 'object' && 'locality' in (v as object) && 'pages' in (v as object)),
  results: z.array(z.custom<IndicatorResult>((v) => !!v && typeof v === 'object' && 'id' in (v as object))),
  /** Screenshots and other binary evidence, base64 by sha256. */
  blobs: z.record(z.string(), z.string()),
});
export type EvidenceBundle = z.infer<typeof BundleSchema>;

export function exportBundle(db: Db, runId: number, code: string): Buffer {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run ${runId} in the database`);
  const artifacts = loadSiteArtifacts(db, runId, code);
  if (!artifacts) throw new Error(`run ${runId} has no stored site ${code}`);
  const results = loadResults(db, runId, code);
  const blobs: Record<string, string> = {};
  const hashes = [
    ...artifacts.pages.map((p) => p.screenshotHash),
    ...artifacts.interactions.map((i) => i.screenshotHash),
    ...results.flatMap((r) => r.evidence.map((e) => e.screenshotHash)),
  ];
  for (const h of hashes) {
    if (!h || blobs[h]) continue;
    const b = getBlob(db, h);
    if (b) blobs[h] = b.toString('base64');
  }
  const bundle: EvidenceBundle = {
    format: BUNDLE_FORMAT,
    createdAt: new Date().toISOString(),
    run: { id: run.id, kind: run.kind, startedAt: run.started_at, toolVersion: run.tool_version, config: JSON.parse(run.config_json) },
    artifacts,
    results,
    blobs,
  };
  return gzipSync(JSON.stringify(bundle));
}

export function readBundle(data: Buffer, source = '<bundle>'): EvidenceBundle {
  let parsed: unknown;
  try {
    parsed = JSON.parse(gunzipSync(data).toString('utf8'));
  } catch (e) {
    throw new Error(`${source} is not a govscan evidence bundle (gzip JSON): ${(e as Error).message}`);
  }
  const r = BundleSchema.safeParse(parsed);
  if (!r.success) throw new Error(`${source} is not a valid ${BUNDLE_FORMAT}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

export function replayBundle(bundle: EvidenceBundle): ReplayOutcome {
  const config = parseConfig(bundle.run.config, 'the bundle’s config');
  const replayed = detect(bundle.artifacts, config);
  const differences = compareResults(bundle.results, replayed);
  return { code: bundle.artifacts.locality.code, stored: bundle.results, replayed, equal: !differences.length, differences };
}
