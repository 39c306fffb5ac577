/**
 * `govscan eval --labels`: run the offline page-level detectors (indicators/analyze.ts) on each
 * hand-labelled saved page and compare them with the labels, label by label.
 *
 * Counting per label column (mapped to one indicator):
 *   predicted positive = status `present` and the mapping's `when` holds on the value;
 *   `absent`, `unknown` and `present` failing `when` are negative predictions.
 *   `unknown` results are also counted separately (all, and those on pages labelled 1).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile, type PageAnalysis } from '../../indicators/analyze.js';
import type { Evidence, IndicatorStatus, JsonValue } from '../types.js';
import {
  type ColumnMapping,
  checkMapAgainstHeader,
  defaultSourcesFor,
  describeWhen,
  EvalInputError,
  FILE_COLUMN,
  type LabelMap,
  type LabelsFile,
  loadLabels,
  loadMap,
  loadSources,
  type SourcesFile,
  whenHolds,
  where,
} from './labels.js';
import { type Agreement, agreement, confusion } from './metrics.js';

export interface LabelThresholds {
  /** Minimum precision and recall (0..1), if judged. */
  min?: number;
  /** Minimum Cohen's kappa, if judged. */
  minKappa?: number;
  /** Labels with fewer positives are reported as "too few positives to judge". */
  minPositives: number;
}

export type Verdict = 'pass' | 'fail' | 'too_few_positives' | 'not_judged';

export interface LabelEval extends Agreement {
  column: string;
  indicator: string;
  when?: string;
  /** Results `unknown` on any page, and on pages labelled 1. */
  unknown: number;
  unknownOnPositive: number;
  verdict: Verdict;
  failures: string[];
}

export interface Disagreement {
  file: string;
  line: number;
  label: string;
  indicator: string;
  expected: 0 | 1;
  kind: 'false_positive' | 'false_negative';
  status: IndicatorStatus;
  confidence: number;
  reason: string;
  /** Set when the status was `present` but the mapping's `when` did not hold. */
  whenFailed?: string;
  evidence?: Pick<Evidence, 'kind' | 'url' | 'selector' | 'pattern' | 'snippet'>;
  notes: string;
}

export interface PageOutcome {
  file: string;
  url: string;
  rendered: boolean;
  labels: Record<string, { expected: 0 | 1; status: IndicatorStatus; predicted: 0 | 1 }>;
}

export interface LabelsReport {
  title: string;
  date: string;
  asOf: string;
  govscanVersion: string;
  labelsFile: string;
  labelsSha256: string;
  mapFile: string;
  mapDescription?: string;
  sourcesFile?: string;
  pagesDir: string;
  pages: number;
  thresholds: LabelThresholds;
  labels: LabelEval[];
  pass: boolean;
  failures: string[];
  disagreements: Disagreement[];
  outcomes: PageOutcome[];
}

export interface LabelsEvalInput {
  labelsPath: string;
  pagesDir: string;
  mapPath: string;
  /** Explicit SOURCES.csv; default: the one beside LABELS.csv, if any. `false` = none. */
  sourcesPath?: string | false;
  asOf: Date;
  thresholds: LabelThresholds;
  /** For the report header. */
  govscanVersion: string;
  /** How to fill the pages cache, for the missing-page error: (sources, pagesDir) → command. */
  fetchHint?: (sources: SourcesFile, pagesDir: string) => string | undefined;
}

export interface LoadedInputs {
  map: LabelMap;
  labels: LabelsFile;
  sources?: SourcesFile;
}

/** Read and validate every input; check every labelled page exists. Throws EvalInputError. */
export function loadInputs(input: LabelsEvalInput): LoadedInputs {
  const map = loadMap(input.mapPath);
  const labels = loadLabels(input.labelsPath, (header) => checkMapAgainstHeader(map, header, input.labelsPath));
  const sourcesPath =
    input.sourcesPath === false ? undefined : (input.sourcesPath ?? defaultSourcesFor(input.labelsPath));
  const sources = sourcesPath ? loadSources(sourcesPath) : undefined;

  let dirOk = false;
  try {
    dirOk = statSync(input.pagesDir).isDirectory();
  } catch {
    /* reported below */
  }
  const missing = dirOk ? labels.pages.filter((p) => !existsSync(join(input.pagesDir, p.file))) : labels.pages;
  if (missing.length) {
    const head = dirOk
      ? `${missing.length} of ${labels.pages.length} labelled pages are not in --pages ${input.pagesDir}:`
      : `--pages ${input.pagesDir} is not a folder; none of the ${labels.pages.length} labelled pages can be read:`;
    const list = missing
      .slice(0, 8)
      .map((p) => `  ${where(input.labelsPath, p.line, FILE_COLUMN)}: ${join(input.pagesDir, p.file)}: no such file`);
    if (missing.length > 8) list.push(`  … and ${missing.length - 8} more`);
    const hint = sources && input.fetchHint ? input.fetchHint(sources, input.pagesDir) : undefined;
    throw new EvalInputError([head, ...list, ...(hint ? ['', hint] : [])].join('\n'));
  }
  return { map, labels, sources };
}

function firstEvidence(ev: Evidence[]): Disagreement['evidence'] {
  const e = ev.find((x) => x.snippet || x.selector || x.pattern) ?? ev[0];
  if (!e) return undefined;
  return {
    kind: e.kind,
    url: e.url,
    ...(e.selector ? { selector: e.selector } : {}),
    ...(e.pattern ? { pattern: e.pattern } : {}),
    ...(e.snippet ? { snippet: e.snippet } : {}),
  };
}

function judge(
  e: Omit<LabelEval, 'verdict' | 'failures'>,
  t: LabelThresholds,
): { verdict: Verdict; failures: string[] } {
  if (t.min === undefined && t.minKappa === undefined) return { verdict: 'not_judged', failures: [] };
  if (e.positives < t.minPositives) return { verdict: 'too_few_positives', failures: [] };
  const failures: string[] = [];
  if (t.min !== undefined && e.precision < t.min) failures.push(`precision ${e.precision.toFixed(3)} < ${t.min}`);
  if (t.min !== undefined && e.recall < t.min) failures.push(`recall ${e.recall.toFixed(3)} < ${t.min}`);
  if (t.minKappa !== undefined && e.kappa < t.minKappa) failures.push(`kappa ${e.kappa.toFixed(3)} < ${t.minKappa}`);
  return { verdict: failures.length ? 'fail' : 'pass', failures };
}

/** Score already-analysed pages against their labels (pure: no file access). */
export function scoreLabels(
  map: LabelMap,
  pages: {
    file: string;
    line: number;
    labels: Record<string, boolean>;
    notes: string;
    analysis: PageAnalysis;
    rendered: boolean;
  }[],
  thresholds: LabelThresholds,
): { labels: LabelEval[]; disagreements: Disagreement[]; outcomes: PageOutcome[] } {
  const disagreements: Disagreement[] = [];
  const outcomes: PageOutcome[] = pages.map((p) => ({
    file: p.file,
    url: p.analysis.url,
    rendered: p.rendered,
    labels: {},
  }));
  const labels = map.columns.map((m: ColumnMapping): LabelEval => {
    const pairs: { expected: boolean; predicted: boolean }[] = [];
    let unknown = 0;
    let unknownOnPositive = 0;
    pages.forEach((p, i) => {
      const expected = p.labels[m.column]!;
      const r = p.analysis.indicators.find((x) => x.id === m.indicator);
      if (!r) throw new Error(`the analysis of ${p.file} has no result for ${m.indicator}`);
      const w = r.status === 'present' ? whenHolds(m.when, r.value) : { ok: true };
      const predicted = r.status === 'present' && w.ok;
      if (r.status === 'unknown') {
        unknown++;
        if (expected) unknownOnPositive++;
      }
      pairs.push({ expected, predicted });
      outcomes[i]!.labels[m.column] = { expected: expected ? 1 : 0, status: r.status, predicted: predicted ? 1 : 0 };
      if (expected !== predicted)
        disagreements.push({
          file: p.file,
          line: p.line,
          label: m.column,
          indicator: m.indicator,
          expected: expected ? 1 : 0,
          kind: predicted ? 'false_positive' : 'false_negative',
          status: r.status,
          confidence: r.confidence,
          reason: r.reason,
          ...(w.ok
            ? {}
            : {
                whenFailed: `${describeWhen(m.when!)} required, got ${JSON.stringify(w.got as JsonValue) ?? 'nothing'}`,
              }),
          evidence: firstEvidence(r.evidence),
          notes: p.notes,
        });
    });
    const base = {
      column: m.column,
      indicator: m.indicator,
      ...(m.when ? { when: describeWhen(m.when) } : {}),
      ...agreement(confusion(pairs)),
      unknown,
      unknownOnPositive,
    };
    return { ...base, ...judge(base, thresholds) };
  });
  return { labels, disagreements, outcomes };
}

/** Load, validate, analyse every labelled page, and score. Throws EvalInputError on bad input. */
export function evaluateLabels(input: LabelsEvalInput): LabelsReport {
  const { map, labels, sources } = loadInputs(input);
  const analysed = labels.pages.map((p) => {
    const src = sources?.byFile.get(p.file);
    const rendered = src?.rendered ?? false;
    let analysis: PageAnalysis;
    try {
      analysis = analyzeFile(join(input.pagesDir, p.file), src?.url, { rendered, asOf: input.asOf });
    } catch (e) {
      if (e instanceof Error && e.name === 'AnalyzeInputError')
        throw new EvalInputError(`${where(input.labelsPath, p.line, FILE_COLUMN)}: ${e.message}`);
      throw e;
    }
    return { ...p, analysis, rendered };
  });
  const scored = scoreLabels(map, analysed, input.thresholds);
  const failures = scored.labels.flatMap((l) => l.failures.map((f) => `${l.column} (${l.indicator}): ${f}`));
  return {
    title: 'Hand-labelled evaluation of the page-level detectors',
    date: new Date().toISOString(),
    asOf: input.asOf.toISOString(),
    govscanVersion: input.govscanVersion,
    labelsFile: input.labelsPath,
    labelsSha256: labels.sha256,
    mapFile: map.path,
    ...(map.description ? { mapDescription: map.description } : {}),
    ...(sources ? { sourcesFile: sources.path } : {}),
    pagesDir: input.pagesDir,
    pages: labels.pages.length,
    thresholds: input.thresholds,
    labels: scored.labels,
    pass: failures.length === 0,
    failures,
    disagreements: scored.disagreements,
    outcomes: scored.outcomes,
  };
}
