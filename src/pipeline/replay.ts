/**
 * Replay: re-run detection offline from stored snapshots and compare with the stored results.
 * Evidence bundles (evidence-bundle.ts) carry one site's artifacts, results and config in one
 * file, so an auditor can replay them on another machine without the database. Both check every
 * hash first: a snapshot or bundle that fails is "tampered", never replayed and never "identical".
 */
import { type Config, parseConfig } from '../config/config.js';
import type { Db } from '../store/db.js';
import { describeTamper, type Tamper } from '../store/integrity.js';
import { loadEffectiveSite, loadResults, resultsRunOf } from '../store/results.js';
import { getRun } from '../store/runs.js';
import { siteStored } from '../store/sites.js';
import type { IndicatorResult } from '../types.js';
import { canonical } from '../util/canonical-json.js';
import { detect } from './collect.js';
import { checkEffectiveSnapshots, type EvidenceBundle, verifyBundle } from './evidence-bundle.js';

export { canonical } from '../util/canonical-json.js';
export {
  BUNDLE_FORMAT,
  BundleFormatError,
  type EvidenceBundle,
  exportBundle,
  makeBundle,
  readBundle,
  verifyBundle,
} from './evidence-bundle.js';

export type ReplayVerdict = 'identical' | 'differs' | 'tampered';

export interface ReplayOutcome {
  code: string;
  /** The run the snapshots belong to. */
  run: number;
  verdict: ReplayVerdict;
  stored: IndicatorResult[];
  /** Empty when tampered: detection never runs on snapshots that fail their hash check. */
  replayed: IndicatorResult[];
  equal: boolean;
  /** One line per indicator whose replayed result differs from the stored one. */
  differences: string[];
  /** One line per item that fails its hash check: what, where, expected and actual sha256. */
  tampered: string[];
  /** Pages whose raw bytes were not kept (older databases or bundles): their text was checked against its own hash only. */
  unverified: string[];
}

function outcome(
  base: { code: string; run: number; stored: IndicatorResult[]; unverified: string[] },
  replayed: IndicatorResult[],
  tampered: Tamper[],
): ReplayOutcome {
  const differences = tampered.length ? [] : compareResults(base.stored, replayed);
  const verdict: ReplayVerdict = tampered.length ? 'tampered' : differences.length ? 'differs' : 'identical';
  return {
    ...base,
    verdict,
    replayed,
    equal: verdict === 'identical',
    differences,
    tampered: tampered.map(describeTamper),
  };
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
      diffs.push(
        `${s.id}: stored ${s.status} ${canonical(s.value ?? null)} ≠ replayed ${r.status} ${canonical(r.value ?? null)}` +
          (s.status === r.status && canonical(s.value ?? null) === canonical(r.value ?? null)
            ? ' (reason/evidence differ)'
            : ''),
      );
    byId.delete(s.id);
  }
  for (const id of byId.keys()) diffs.push(`${id}: produced on replay but not stored`);
  return diffs;
}

function runConfig(db: Db, runId: number): Config {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run ${runId} in the database`);
  return parseConfig(JSON.parse(run.config_json), `run ${runId}'s stored config`);
}

/** Replay a site of a run: the results readers see (an audit's combined view, if any) against detection now. */
export function replaySite(db: Db, runId: number, code: string): ReplayOutcome {
  const config = runConfig(db, runId);
  if (!siteStored(db, runId, code)) throw new Error(`run ${runId} has no stored site ${code}`);
  const stored = loadResults(db, resultsRunOf(db, runId, code), code);
  const check = checkEffectiveSnapshots(db, runId, code);
  const base = { code, run: runId, stored, unverified: check.unverified };
  if (check.problems.length) return outcome(base, [], check.problems);
  const { artifacts } = loadEffectiveSite(db, runId, code);
  if (!artifacts) throw new Error(`run ${runId} has no stored site ${code}`);
  return outcome(base, detect(artifacts, config), []);
}

export function replayBundle(bundle: EvidenceBundle, opts: { expectDigest?: string } = {}): ReplayOutcome {
  const { problems, unverified } = verifyBundle(bundle, opts.expectDigest);
  const base = { code: bundle.artifacts.locality.code, run: bundle.run.id, stored: bundle.results, unverified };
  if (problems.length) return outcome(base, [], problems);
  const config = parseConfig(bundle.run.config, 'the bundle’s config');
  return outcome(base, detect(bundle.artifacts, config), []);
}
