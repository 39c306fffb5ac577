/**
 * Turning one indicator result into a fraction (0..1) of its points, by the rule named in the
 * weights file. Unknown results are never scored: they come back as `excluded` with the reason,
 * so the caller can rescale over the known weight and flag the gap.
 */
import type { IndicatorResult, JsonValue } from '../types.js';
import type { Rule } from './weights.js';

export type RuleOutcome = { fraction: number; note?: string } | { excluded: string };

export function readField(value: JsonValue | undefined, path: string): JsonValue | undefined {
  let cur: JsonValue | undefined = value;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, JsonValue>)[part];
  }
  return cur;
}

const clamp01 = (x: number): number => (x < 0 ? 0 : Math.min(x, 1));
const isNum = (v: JsonValue | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
const truthy = (v: JsonValue | undefined): boolean =>
  Array.isArray(v) ? v.length > 0 : typeof v === 'string' ? v.trim() !== '' : v === true || (isNum(v) && v > 0);

export function applyRule(rule: Rule, r: IndicatorResult | undefined): RuleOutcome {
  if (!r) return { excluded: 'no result stored for this indicator' };
  if (r.status === 'unknown') return { excluded: `unknown: ${r.reason}` };
  if (rule.type === 'presence') return { fraction: r.status === 'present' ? 1 : 0 };
  const measured = measure(rule, r.value);
  if (measured !== undefined) return { fraction: clamp01(measured) };
  // An absent capability has nothing to measure: it scores zero. A present one without the
  // measured field cannot be scored honestly either way.
  if (r.status === 'absent') return { fraction: 0 };
  return { excluded: `present but the value has no usable ${describeFields(rule)}` };
}

/** The raw 0..1 score from the value, or undefined when the needed field is missing. */
function measure(rule: Exclude<Rule, { type: 'presence' }>, value: JsonValue | undefined): number | undefined {
  switch (rule.type) {
    case 'ratio': {
      const v = readField(value, rule.field);
      return isNum(v) ? v : undefined;
    }
    case 'fraction': {
      const n = readField(value, rule.numerator);
      const d = readField(value, rule.denominator);
      return isNum(n) && isNum(d) && d > 0 ? n / d : undefined;
    }
    case 'threshold': {
      const v = readField(value, rule.field);
      return isNum(v) ? (v - rule.zero) / (rule.full - rule.zero) : undefined;
    }
    case 'log': {
      const v = readField(value, rule.field);
      return isNum(v) ? Math.log10(1 + Math.max(0, v)) / Math.log10(1 + rule.full) : undefined;
    }
    case 'count': {
      const v = readField(value, rule.field);
      return Array.isArray(v)
        ? new Set(v.map((x) => JSON.stringify(x))).size / rule.full
        : isNum(v)
          ? v / rule.full
          : undefined;
    }
    case 'fields': {
      if (value === undefined || value === null || typeof value !== 'object') return undefined;
      return rule.fields.filter((f) => truthy(readField(value, f))).length / rule.fields.length;
    }
  }
}

function describeFields(rule: Exclude<Rule, { type: 'presence' }>): string {
  switch (rule.type) {
    case 'fraction':
      return `${rule.numerator}/${rule.denominator}`;
    case 'fields':
      return `fields (${rule.fields.join(', ')})`;
    default:
      return `field "${rule.field}"`;
  }
}

/** A short human description of a rule, for the data dictionary and the report. */
export function describeRule(rule: Rule): string {
  switch (rule.type) {
    case 'presence':
      return 'present = full points, absent = 0';
    case 'ratio':
      return `${rule.field} (0..1) × points`;
    case 'fraction':
      return `${rule.numerator} / ${rule.denominator} × points`;
    case 'threshold':
      return rule.full < rule.zero
        ? `${rule.field} ≤ ${rule.full} full, ≥ ${rule.zero} zero, linear between`
        : `${rule.field} ≥ ${rule.full} full, ≤ ${rule.zero} zero, linear between`;
    case 'log':
      return `log10(1+${rule.field}) / log10(1+${rule.full}), capped at full points`;
    case 'count':
      return `distinct ${rule.field} / ${rule.full}, capped at full points`;
    case 'fields':
      return `share of ${rule.fields.join(', ')} that are set`;
  }
}
