/**
 * Inputs of `govscan eval --labels`: the hand-labelled sample (LABELS.csv), the map from label
 * columns to indicator ids (JSON, validated with zod) and the optional SOURCES.csv that gives
 * each page's real URL and whether it is a browser DOM dump.
 *
 * Every problem is reported as `file:line column "name": what is wrong`, and nothing is
 * evaluated until all inputs are valid.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PAGE_INDICATORS } from '../../indicators/analyze.js';
import { INDICATOR_IDS } from '../../indicators/values.js';
import { checkFileName, EvalInputError, readBytes, readCsv, where } from './csv.js';

export { EvalInputError, where } from './csv.js';

export const DEFAULT_MAP = fileURLToPath(new URL('./maps/realpages.json', import.meta.url));

// ───────────────────────────── LABELS.csv ─────────────────────────────

export interface LabelledPage {
  file: string;
  line: number;
  /** Label column → 0/1 as a boolean. */
  labels: Record<string, boolean>;
  notes: string;
}

export interface LabelsFile {
  path: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  /** Every column of the header, in order (`file` first). */
  header: string[];
  pages: LabelledPage[];
}

export const FILE_COLUMN = 'file';
export const NOTES_COLUMN = 'notes';

/**
 * LABELS.csv: a `file` column, 0/1 label columns, and a free-text `notes` column.
 * `labelColumns` are the columns that hold 0/1 cells (the mapped ones).
 */
export function loadLabels(path: string, labelColumns: (header: string[]) => string[]): LabelsFile {
  const { header, rows, bytes } = readCsv(path, 'labels file');
  if (header[0] !== FILE_COLUMN)
    throw new EvalInputError(
      `${where(path, 1, header[0])}: the first column must be "${FILE_COLUMN}" (the page's file name relative to --pages)`,
    );
  const cols = labelColumns(header);
  if (!rows.length) throw new EvalInputError(`${path}: no labelled pages (only a header)`);
  const seen = new Map<string, number>();
  const pages = rows.map((r): LabelledPage => {
    const cell = (c: string) => r.cells[header.indexOf(c)] ?? '';
    const file = checkFileName(cell(FILE_COLUMN), path, r.line);
    const before = seen.get(file);
    if (before)
      throw new EvalInputError(
        `${where(path, r.line, FILE_COLUMN)}: ${file} is labelled twice (also on line ${before})`,
      );
    seen.set(file, r.line);
    const labels: Record<string, boolean> = {};
    for (const c of cols) {
      const v = cell(c).trim();
      if (v !== '0' && v !== '1')
        throw new EvalInputError(
          `${where(path, r.line, c)}: must be 0 or 1 (got ${JSON.stringify(cell(c))}) for ${file}`,
        );
      labels[c] = v === '1';
    }
    return { file, line: r.line, labels, notes: header.includes(NOTES_COLUMN) ? cell(NOTES_COLUMN).trim() : '' };
  });
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), header, pages };
}

// ───────────────────────────── the map ─────────────────────────────

const WhenSchema = z
  .object({
    field: z.string().min(1, 'must name a field of the indicator value'),
    equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    exists: z.boolean().optional(),
  })
  .strict()
  .refine((w) => (w.equals !== undefined) !== (w.exists !== undefined), 'give exactly one of "equals" or "exists"');

const ColumnSchema = z.object({ indicator: z.string().min(1), when: WhenSchema.optional() }).strict();

const MapSchema = z
  .object({
    description: z.string().optional(),
    columns: z.record(z.string(), ColumnSchema),
    ignore: z.array(z.string()).default([]),
  })
  .strict();

export type When = z.infer<typeof WhenSchema>;
export interface ColumnMapping {
  column: string;
  indicator: string;
  when?: When;
}
export interface LabelMap {
  path: string;
  description?: string;
  columns: ColumnMapping[];
  ignore: string[];
  /** Line of each column's key in the JSON file, for error messages. */
  lines: Record<string, number>;
}

/** Line (1-based) of a JSON key path, found by scanning for each quoted key in turn. */
function lineOfPath(text: string, path: readonly PropertyKey[]): number | undefined {
  let pos = 0;
  for (const key of path) {
    if (typeof key !== 'string') continue;
    const at = text.indexOf(JSON.stringify(key), pos);
    if (at < 0) break;
    pos = at;
  }
  return pos ? text.slice(0, pos).split('\n').length : undefined;
}

function lineOfOffset(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Close ids for a mistyped one (shared words), to say "did you mean". */
function suggest(id: string): string[] {
  const words = id
    .toLowerCase()
    .split(/[_\W]+/)
    .filter((w) => w.length > 2);
  return INDICATOR_IDS.filter((x) => words.some((w) => x.includes(w)));
}

export function loadMap(path: string): LabelMap {
  const text = readBytes(path, 'label map')
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg) ?? null;
    const l = /line (\d+)/.exec(msg);
    const line = l ? Number(l[1]) : m ? lineOfOffset(text, Number(m[1])) : undefined;
    throw new EvalInputError(`${where(path, line)}: not valid JSON: ${msg}`);
  }
  const parsed = MapSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const column = i.path[0] === 'columns' && typeof i.path[1] === 'string' ? i.path[1] : undefined;
      const at = i.path.length ? ` at ${i.path.map(String).join('.')}` : '';
      return `  ${where(path, lineOfPath(text, i.path), column)}: ${i.message}${at}`;
    });
    throw new EvalInputError(`invalid label map ${path}:\n${lines.join('\n')}`);
  }
  const m = parsed.data;
  const pageIds = new Set(PAGE_INDICATORS().map((i) => i.id));
  const lines: Record<string, number> = {};
  const columns: ColumnMapping[] = [];
  for (const [column, spec] of Object.entries(m.columns)) {
    const line = lineOfPath(text, ['columns', column]) ?? 0;
    lines[column] = line;
    if (!(INDICATOR_IDS as readonly string[]).includes(spec.indicator)) {
      const s = suggest(spec.indicator);
      throw new EvalInputError(
        `${where(path, lineOfPath(text, ['columns', column, 'indicator']), column)}: "${spec.indicator}" is not an indicator id` +
          (s.length ? ` (did you mean ${s.join(', ')}?)` : ` (ids: ${INDICATOR_IDS.join(', ')})`),
      );
    }
    if (!pageIds.has(spec.indicator))
      throw new EvalInputError(
        `${where(path, lineOfPath(text, ['columns', column, 'indicator']), column)}: "${spec.indicator}" is not a page-level indicator, so a saved page cannot show it (page-level: ${[...pageIds].join(', ')})`,
      );
    if (m.ignore.includes(column))
      throw new EvalInputError(`${where(path, line, column)}: the column is both mapped and in "ignore"`);
    columns.push({ column, indicator: spec.indicator, ...(spec.when ? { when: spec.when } : {}) });
  }
  if (!columns.length) throw new EvalInputError(`${path}: "columns" maps no label column`);
  return { path, description: m.description, columns, ignore: m.ignore, lines };
}

/**
 * Check the map against the LABELS.csv header: every mapped column exists, and every column
 * other than `file` is mapped or ignored (a new label column is never silently dropped).
 */
export function checkMapAgainstHeader(map: LabelMap, header: string[], labelsPath: string): string[] {
  for (const c of map.columns)
    if (!header.includes(c.column))
      throw new EvalInputError(
        `${where(map.path, map.lines[c.column], c.column)}: not a column of ${labelsPath} (its columns: ${header.join(', ')})`,
      );
  const mapped = new Set(map.columns.map((c) => c.column));
  for (const h of header) {
    if (h === FILE_COLUMN || mapped.has(h) || map.ignore.includes(h)) continue;
    throw new EvalInputError(
      `${where(labelsPath, 1, h)}: the column is neither mapped nor ignored in ${map.path}: add it under "columns" with its indicator id, or to "ignore"`,
    );
  }
  return map.columns.map((c) => c.column);
}

/** Does a `present` result's value satisfy the mapping's `when`? Also says why not. */
export function whenHolds(when: When | undefined, value: unknown): { ok: boolean; got?: unknown } {
  if (!when) return { ok: true };
  let v: unknown = value;
  for (const part of when.field.split('.')) {
    if (v && typeof v === 'object' && !Array.isArray(v) && part in (v as object))
      v = (v as Record<string, unknown>)[part];
    else {
      v = undefined;
      break;
    }
  }
  if (when.exists !== undefined) return { ok: (v !== undefined && v !== null) === when.exists, got: v };
  if (Array.isArray(v)) return { ok: v.includes(when.equals), got: v };
  return { ok: v === when.equals, got: v };
}

export function describeWhen(when: When): string {
  if (when.exists !== undefined) return `value.${when.field} ${when.exists ? 'exists' : 'is absent'}`;
  return `value.${when.field} = ${JSON.stringify(when.equals)}`;
}

// ───────────────────────────── SOURCES.csv ─────────────────────────────

export interface PageSource {
  file: string;
  line: number;
  /** First http(s) URL in the `url` cell, if any. */
  url?: string;
  /** `raw_or_rendered` starts with "rendered": a browser DOM dump. */
  rendered: boolean;
  /** Corpus fields when present (used to say how to fetch the pages). */
  repo?: string;
  commit?: string;
  path?: string;
}

export interface SourcesFile {
  path: string;
  header: string[];
  byFile: Map<string, PageSource>;
}

/** The first http(s) URL in free text, or undefined. */
export function firstUrl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = /https?:\/\/[^\s"'<>()（）,，;；]+/i.exec(text);
  if (!m) return undefined;
  const candidate = m[0].replace(/[.。:：!?]+$/, '');
  try {
    const u = new URL(candidate);
    return u.hostname ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The SOURCES.csv beside a labels file, when there is one. */
export function defaultSourcesFor(labelsPath: string): string | undefined {
  const p = join(dirname(labelsPath), 'SOURCES.csv');
  return existsSync(p) ? p : undefined;
}

export function loadSources(path: string): SourcesFile {
  const { header, rows } = readCsv(path, 'sources file');
  if (!header.includes(FILE_COLUMN))
    throw new EvalInputError(`${where(path, 1, FILE_COLUMN)}: missing column in header`);
  const byFile = new Map<string, PageSource>();
  for (const r of rows) {
    const cell = (c: string) => (header.includes(c) ? r.cells[header.indexOf(c)]?.trim() : undefined);
    const file = checkFileName(cell(FILE_COLUMN) ?? '', path, r.line);
    if (byFile.has(file))
      throw new EvalInputError(
        `${where(path, r.line, FILE_COLUMN)}: ${file} is listed twice (also on line ${byFile.get(file)!.line})`,
      );
    byFile.set(file, {
      file,
      line: r.line,
      url: firstUrl(cell('url')),
      rendered: /^rendered/i.test(cell('raw_or_rendered') ?? ''),
      repo: cell('repo') || undefined,
      commit: cell('commit') || undefined,
      path: cell('path') || undefined,
    });
  }
  return { path, header, byFile };
}
