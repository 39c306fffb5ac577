/**
 * The scoring configuration ("weights file"): dimensions → sub-indicators → indicator refs, each
 * with a rule that turns an indicator result into a fraction 0..1 of its points; deductions for
 * norms; 单项否决 (veto) items; tier cut-offs. Validated with zod so a bad file fails with the
 * path of the bad value. The canonical JSON of the parsed config is hashed: that hash identifies
 * the config a stored score was produced with.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { INDICATOR_IDS } from '../../indicators/values.js';
import { describeIssues, valueFieldProblems } from './weights-issues.js';

const indicatorId = z.enum(INDICATOR_IDS);
// Numbers are bounded (points and deductions by the 100-point total, weights and thresholds by
// sanity): a typo such as 1e12 is an error naming its path, not a silently skewed score.
/** Dotted path into the indicator's value, e.g. "rate" or "medianDays". */
const fieldPath = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'a dotted field path');

export const RuleSchema = z.discriminatedUnion('type', [
  /** present → 1, absent → 0. */
  z.object({ type: z.literal('presence') }).strict(),
  /** A 0..1 number in the value (clamped). */
  z.object({ type: z.literal('ratio'), field: fieldPath }).strict(),
  /** numerator / denominator fields of the value (0 when the denominator is 0 → excluded). */
  z.object({ type: z.literal('fraction'), numerator: fieldPath, denominator: fieldPath }).strict(),
  /**
   * Linear between two thresholds: value at `full` (or better) → 1, at `zero` (or worse) → 0.
   * full < zero means lower is better (e.g. reply days), full > zero means higher is better.
   */
  z
    .object({
      type: z.literal('threshold'),
      field: fieldPath,
      full: z.number().min(-1e9).max(1e9),
      zero: z.number().min(-1e9).max(1e9),
    })
    .strict()
    .refine((r) => r.full !== r.zero, { message: 'full and zero must differ' }),
  /** log10(1+x) / log10(1+full), capped at 1: counts with a long tail (datasets). */
  z.object({ type: z.literal('log'), field: fieldPath, full: z.number().positive().max(1e9) }).strict(),
  /** Share of the listed fields that are truthy (booleans, non-empty strings/arrays). */
  z.object({ type: z.literal('fields'), fields: z.array(fieldPath).min(1) }).strict(),
  /** Length of an array field / full, capped at 1 (e.g. interaction channel kinds). */
  z.object({ type: z.literal('count'), field: fieldPath, full: z.number().int().positive().max(100_000) }).strict(),
]);
export type Rule = z.infer<typeof RuleSchema>;

/** A rule applied to one indicator's result: what scored refs and deductions share. */
const IndicatorRuleBase = z.object({
  indicator: indicatorId,
  /** Unique key of this ref in the config; defaults to the indicator id (needed when one indicator is used twice). */
  key: z.string().min(1).optional(),
});

const RefSchema = IndicatorRuleBase.extend({ weight: z.number().positive().max(1000), rule: RuleSchema }).strict();

const SubSchema = z.object({ name: z.string().min(1), refs: z.array(RefSchema).min(1) }).strict();

const DimensionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case id'),
    name: z.string().min(1),
    /** Points of the dimension in the total (dimension maxima sum to 100). */
    max: z.number().positive().max(100),
    subs: z.array(SubSchema).min(1),
  })
  .strict();

const DeductionSchema = IndicatorRuleBase.extend({
  /** Points taken off the total when the rule scores 0 (proportionally for partial scores). */
  points: z.number().positive().max(100),
  rule: RuleSchema,
}).strict();

const VetoSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    indicator: indicatorId,
    /** Fires when the indicator is absent, or when a numeric field exceeds `gt`. Unknown never fires (it is flagged instead). */
    when: z.union([z.literal('absent'), z.object({ field: fieldPath, gt: z.number().min(-1e9).max(1e9) }).strict()]),
  })
  .strict();

const TierSchema = z.object({ name: z.string().min(1), min: z.number().min(0).max(100) }).strict();

export const WeightsSchema = z
  .object({
    version: z.literal(1),
    name: z.string().min(1),
    dimensions: z.array(DimensionSchema).min(1),
    deductions: z
      .object({ cap: z.number().min(0).max(100), items: z.array(DeductionSchema) })
      .strict()
      .default({ cap: 0, items: [] }),
    vetoes: z.array(VetoSchema).default([]),
    /** 'flag': vetoes are listed only; 'lowest_tier': a vetoed site is put in the last tier whatever its score. */
    vetoEffect: z.enum(['flag', 'lowest_tier']).default('flag'),
    /** Share of scored weight (0..1) that must be known for a site to be ranked and tiered. */
    minCoverage: z.number().min(0).max(1).default(0.6),
    tiers: z
      .object({
        /** 'absolute': a site's total against `min`; 'percentile': `min` is the share (0..100) of ranked sites below the tier. */
        mode: z.enum(['absolute', 'percentile']),
        /** Best tier first; the last tier must have min 0. */
        levels: z.array(TierSchema).min(1),
      })
      .strict(),
  })
  .strict()
  .superRefine((w, ctx) => {
    const sum = w.dimensions.reduce((s, d) => s + d.max, 0);
    if (Math.abs(sum - 100) > 1e-9)
      ctx.addIssue({ code: 'custom', path: ['dimensions'], message: `dimension maxima must sum to 100 (got ${sum})` });
    const keys = new Set<string>();
    for (const [di, d] of w.dimensions.entries())
      for (const [si, s] of d.subs.entries())
        for (const [ri, r] of s.refs.entries()) {
          const k = r.key ?? r.indicator;
          if (keys.has(k))
            ctx.addIssue({
              code: 'custom',
              path: ['dimensions', di, 'subs', si, 'refs', ri, 'key'],
              message: `duplicate ref key "${k}" (set "key")`,
            });
          keys.add(k);
        }
    const ids = new Set(w.dimensions.map((d) => d.id));
    if (ids.size !== w.dimensions.length)
      ctx.addIssue({ code: 'custom', path: ['dimensions'], message: 'dimension ids must be unique' });
    const lv = w.tiers.levels;
    for (let i = 1; i < lv.length; i++)
      if (lv[i]!.min >= lv[i - 1]!.min)
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', 'levels', i, 'min'],
          message: 'tier minima must strictly decrease',
        });
    if (lv[lv.length - 1]!.min !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['tiers', 'levels', lv.length - 1, 'min'],
        message: 'the last tier must have min 0',
      });
  });

export type Weights = z.infer<typeof WeightsSchema>;

export class WeightsError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`invalid scoring weights ${source}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'WeightsError';
  }
}

export const DEFAULT_WEIGHTS_FILE = fileURLToPath(new URL('./weights.default.json', import.meta.url));

export function parseWeights(input: unknown, source = '<weights>'): Weights {
  const r = WeightsSchema.safeParse(input);
  if (!r.success) throw new WeightsError(source, describeIssues(WeightsSchema, r.error.issues, input));
  const fields = valueFieldProblems(r.data);
  if (fields.length) throw new WeightsError(source, fields);
  return r.data;
}

export function loadWeights(file: string = DEFAULT_WEIGHTS_FILE): Weights {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new WeightsError(file, [`cannot read file: ${(e as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new WeightsError(file, [`not valid JSON: ${(e as Error).message}`]);
  }
  return parseWeights(json, file);
}

/** JSON with object keys sorted at every level: the same config always gives the same text. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

export const weightsHash = (w: Weights): string => createHash('sha256').update(canonicalJson(w)).digest('hex');

export const refKey = (r: { indicator: string; key?: string }): string => r.key ?? r.indicator;
