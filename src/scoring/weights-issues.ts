/**
 * Problems of a weights file as a person fixes them: the JSON path, the key or value at fault, and
 * "did you mean" when a known name is close. zod's own wording ("Invalid input", a list of 30 ids)
 * does not say which key was misspelt, and a misspelt value field is no schema error at all: the
 * rule would read nothing and the indicator would drop out of every score without a word.
 */
import type { z } from 'zod';
import { CATALOGUE } from '../../indicators/discover.js';
import { didYouMean } from '../util/did-you-mean.js';

type Issue = z.core.$ZodIssue;
type Path = PropertyKey[];
type AnySchema = { def: Record<string, unknown> & { type: string } };

const pathText = (path: Path) => path.map(String).join('.') || '(root)';

function at(value: unknown, path: Path): unknown {
  let v = value;
  for (const seg of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[seg] : undefined;
  return v;
}

/** Through defaults, optionals and pipes to the schema that holds the shape. */
function unwrap(s: AnySchema | undefined): AnySchema | undefined {
  while (s && ['default', 'prefault', 'optional', 'nullable', 'readonly'].includes(s.def.type))
    s = s.def.innerType as AnySchema;
  while (s && s.def.type === 'pipe') s = s.def.in as AnySchema;
  return s;
}

/** The union member an input was meant for: by its discriminator, else the object member. */
function member(s: AnySchema, value: unknown): AnySchema | undefined {
  const options = (s.def.options as AnySchema[]).map(unwrap).filter((o): o is AnySchema => !!o);
  const disc = s.def.discriminator as string | undefined;
  const want = disc ? at(value, [disc]) : undefined;
  if (disc && want !== undefined) {
    const hit = options.find((o) =>
      (unwrap((o.def.shape as Record<string, AnySchema>)[disc])?.def.values as unknown[] | undefined)?.includes(want),
    );
    if (hit) return hit;
  }
  return options.find((o) => o.def.type === 'object');
}

/** Keys the object at `path` may have, read from the schema itself. */
function keysAt(schema: AnySchema, input: unknown, path: Path): string[] | undefined {
  let s = unwrap(schema);
  const resolve = (v: unknown) => {
    s = unwrap(s);
    if (s?.def.type === 'union') s = member(s, v);
  };
  for (let i = 0; i < path.length; i++) {
    resolve(at(input, path.slice(0, i)));
    if (s?.def.type === 'object') s = (s.def.shape as Record<string, AnySchema>)[String(path[i])];
    else if (s?.def.type === 'array') s = s.def.element as AnySchema;
    else return undefined;
  }
  resolve(at(input, path));
  return s?.def.type === 'object' ? Object.keys(s.def.shape as object) : undefined;
}

/** One line per problem: `<json path>: <what is wrong>`. */
export function describeIssues(
  zodSchema: unknown,
  issues: readonly Issue[],
  input: unknown,
  prefix: Path = [],
): string[] {
  const schema = zodSchema as AnySchema;
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    const got = at(input, path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = keysAt(schema, input, path) ?? [];
        return issue.keys.map(
          (k) =>
            `${pathText(path)}: unknown key "${k}"${didYouMean(k, known) || (known.length ? ` (allowed: ${known.join(', ')})` : '')}`,
        );
      }
      case 'invalid_value':
        if (typeof got === 'string' && issue.values.length > 3)
          return [
            `${pathText(path)}: "${got}" is not allowed${didYouMean(got, issue.values.map(String)) || ` (allowed: ${issue.values.join(', ')})`}`,
          ];
        return [`${pathText(path)}: ${issue.message}`];
      case 'invalid_union': {
        const options = (issue as { options?: unknown[] }).options;
        if (options && typeof got === 'string')
          return [
            `${pathText(path)}: "${got}" is not allowed${didYouMean(got, options.map(String)) || ` (allowed: ${options.join(', ')})`}`,
          ];
        // The member meant is the one whose complaints are not about the kind of value at the top.
        const meant = issue.errors.find(
          (errs) =>
            errs.length &&
            !errs.some((e) => e.path.length === 0 && (e.code === 'invalid_type' || e.code === 'invalid_value')),
        );
        if (meant) return describeIssues(schema, meant, input, path);
        const literals = issue.errors
          .flat()
          .flatMap((e) => (e.code === 'invalid_value' && e.path.length === 0 ? e.values.map(String) : []));
        if (typeof got === 'string' && literals.length)
          return [
            `${pathText(path)}: "${got}" is not allowed${didYouMean(got, literals) || ` (allowed: ${literals.join(', ')} or an object)`}`,
          ];
        return [
          `${pathText(path)}: ${
            issue.errors
              .flat()
              .map((e) => e.message)
              .join('; or ') || issue.message
          }`,
        ];
      }
      default:
        return [`${pathText(path)}: ${issue.message}`];
    }
  });
}

/** Fields of each indicator's value, from the catalogue (the data dictionary's source). */
const VALUE_FIELDS = new Map(CATALOGUE.map((i) => [i.id, Object.keys(i.valueFields ?? {})]));

interface RuleLike {
  type: string;
  field?: string;
  numerator?: string;
  denominator?: string;
  fields?: string[];
}
interface WeightsLike {
  dimensions: { subs: { refs: { indicator: string; rule: RuleLike }[] }[] }[];
  deductions: { items: { indicator: string; rule: RuleLike }[] };
  vetoes: { indicator: string; when: 'absent' | { field: string } }[];
}

/** Rules and vetoes that read a field the indicator's value does not have. */
export function valueFieldProblems(w: WeightsLike): string[] {
  const out: string[] = [];
  const check = (indicator: string, field: string | undefined, path: Path) => {
    const known = VALUE_FIELDS.get(indicator);
    const head = field?.split('.')[0];
    if (!head || !known?.length || known.includes(head)) return;
    out.push(
      `${pathText(path)}: ${indicator} has no value field "${head}"${didYouMean(head, known) || ` (its fields: ${known.join(', ')})`}`,
    );
  };
  const checkRule = (indicator: string, rule: RuleLike, path: Path) => {
    for (const k of ['field', 'numerator', 'denominator'] as const) check(indicator, rule[k], [...path, k]);
    for (const [i, f] of (rule.fields ?? []).entries()) check(indicator, f, [...path, 'fields', i]);
  };
  for (const [di, d] of w.dimensions.entries())
    for (const [si, s] of d.subs.entries())
      for (const [ri, r] of s.refs.entries())
        checkRule(r.indicator, r.rule, ['dimensions', di, 'subs', si, 'refs', ri, 'rule']);
  for (const [i, d] of w.deductions.items.entries()) checkRule(d.indicator, d.rule, ['deductions', 'items', i, 'rule']);
  for (const [i, v] of w.vetoes.entries())
    if (typeof v.when === 'object') check(v.indicator, v.when.field, ['vetoes', i, 'when', 'field']);
  return out;
}
