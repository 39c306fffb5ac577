/**
 * The registry of the 337 localities (src/registry/localities.csv, provenance in PROVENANCE.md).
 * Rows are validated with zod before any request is made; a bad row is reported with
 * file, line, column and the problem, and nothing is crawled. The county level
 * (counties.csv) is read by ./counties.ts with the same rules.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { z } from 'zod';
import { type Locality, type LocalityKind, PREFECTURE_KINDS } from '../types.js';
import { matchSite } from './site-query.js';

export const DEFAULT_REGISTRY = fileURLToPath(new URL('./localities.csv', import.meta.url));

const COLUMNS = ['code', 'name', 'province', 'kind', 'portal_url', 'url_source'] as const;

export const httpUrl = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL with a host name');

export const sixDigitCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 code');

const RowSchema = z.object({
  code: sixDigitCode,
  name: z.string().trim().min(2, 'must be a place name'),
  province: z.string().trim().min(2, 'must be a province name'),
  kind: z.enum(PREFECTURE_KINDS, { message: `must be one of ${PREFECTURE_KINDS.join(', ')}` }),
  portal_url: httpUrl,
  url_source: z.string().trim().default(''),
});

export class RegistryError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { line: number; column: string; message: string }[],
  ) {
    super(
      `invalid registry ${file}:\n` +
        problems.map((p) => `  ${file}:${p.line} column "${p.column}": ${p.message}`).join('\n'),
    );
    this.name = 'RegistryError';
  }
}

/**
 * The registry's text from its bytes. Excel and Notepad save "Unicode" as UTF-16, and Chinese
 * Windows saves CSV as GBK: read as UTF-8 either gives a header with no known column. UTF-16 (with
 * a byte-order mark, or recognisable by its NUL bytes) is decoded; bytes that are not UTF-8 are
 * refused with the line they are on, rather than read as garbled place names.
 */
export function decodeRegistry(buf: Buffer, file = '<registry>'): string {
  const utf16 = utf16Of(buf);
  if (utf16) return iconv.decode(buf, utf16); // drops the BOM
  const text = new TextDecoder('utf-8').decode(buf);
  const bad = text.indexOf('\ufffd');
  if (bad >= 0) {
    const line = text.slice(0, bad).split('\n').length;
    throw new RegistryError(file, [
      {
        line,
        column: '-',
        message: 'the file is not UTF-8 (GBK or another legacy encoding?); save it as UTF-8 (in Excel: CSV UTF-8)',
      },
    ]);
  }
  return text;
}

/** UTF-16 by its BOM, or by NUL bytes in every other position (ASCII text without a BOM). */
function utf16Of(buf: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  const n = Math.min(buf.length, 1024) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) even++;
    if (buf[i + 1] === 0) odd++;
  }
  if (n >= 8 && odd > n / 4 && even === 0) return 'utf-16le';
  if (n >= 8 && even > n / 4 && odd === 0) return 'utf-16be';
  return undefined;
}

export type RegistryProblem = RegistryError['problems'][number];

/**
 * The rows of a registry-like CSV as header → cell records, each with its 1-based line; a bad
 * file (not CSV, a missing column, a row with the wrong number of fields) is reported like a bad row.
 */
export function readRegistryRows(
  text: string,
  file: string,
  required: readonly string[],
): { rows: { line: number; raw: Record<string, string> }[]; problems: RegistryProblem[] } {
  let records: string[][];
  try {
    // A file edited by hand can mix CRLF and LF; csv-parse takes the first ending it sees for all rows.
    const lines = text.replace(/\r\n?/g, '\n');
    records = parse(lines, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new RegistryError(file, [{ line: err.lines ?? 0, column: '-', message: `not valid CSV: ${err.message}` }]);
  }
  const header = (records[0] ?? []).map((h) => h.trim());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    // Excel's "Unicode Text" is tab-separated: say so rather than only that columns are missing.
    const hint =
      header.length === 1 && header[0]!.includes('\t')
        ? ' (the header is separated by tabs: save the file as CSV, comma-separated)'
        : '';
    throw new RegistryError(file, [
      { line: 1, column: missing.join(', '), message: `missing column in header${hint}` },
    ]);
  }
  const problems: RegistryProblem[] = [];
  const rows: { line: number; raw: Record<string, string> }[] = [];
  records.slice(1).forEach((cells, i) => {
    const line = i + 2; // 1-based, after the header (the registry has no multi-line fields)
    if (cells.length !== header.length) {
      problems.push({ line, column: '-', message: `has ${cells.length} fields, header has ${header.length}` });
      return;
    }
    rows.push({ line, raw: Object.fromEntries(header.map((h, j) => [h, cells[j]!])) });
  });
  return { rows, problems };
}

/**
 * The rows of a registry-like CSV that pass `schema`, typed, each with its line; the rows that do
 * not become problems named by line and column (the caller adds its own, then `throwIfProblems`).
 */
export function readValidRows<T>(
  text: string,
  file: string,
  required: readonly string[],
  schema: {
    safeParse(
      x: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };
  },
): { rows: { line: number; row: T }[]; problems: RegistryProblem[] } {
  const read = readRegistryRows(text, file, required);
  const rows: { line: number; row: T }[] = [];
  for (const { line, raw } of read.rows) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) rows.push({ line, row: parsed.data });
    else read.problems.push(...issuesAt(line, parsed.error.issues));
  }
  return { rows, problems: read.problems };
}

/** A file with problems is refused as a whole, its problems in line order. */
export function throwIfProblems(file: string, problems: RegistryProblem[]): void {
  if (problems.length)
    throw new RegistryError(
      file,
      problems.sort((a, b) => a.line - b.line),
    );
}

/** A validated registry row as the rest of govscan sees it (the portal URL normalised). */
export function localityOf(r: {
  code: string;
  name: string;
  province: string;
  kind: LocalityKind;
  portal_url: string;
  url_source: string;
}): Locality {
  return {
    code: r.code,
    name: r.name,
    province: r.province,
    kind: r.kind,
    portalUrl: new URL(r.portal_url).href,
    urlSource: r.url_source,
  };
}

/** zod issues as registry problems on one line. */
export function issuesAt(line: number, issues: readonly { path: PropertyKey[]; message: string }[]): RegistryProblem[] {
  return issues.map((issue) => ({ line, column: String(issue.path[0] ?? '-'), message: issue.message }));
}

export function parseRegistry(text: string, file = '<registry>'): Locality[] {
  const { rows, problems } = readValidRows(
    text,
    file,
    COLUMNS.filter((c) => c !== 'url_source'),
    RowSchema,
  );
  const out: Locality[] = [];
  const seenCodes = new Map<string, number>();
  const seenHosts = new Map<string, number>();
  for (const { line, row: r } of rows) {
    const prevCode = seenCodes.get(r.code);
    if (prevCode)
      problems.push({ line, column: 'code', message: `duplicate code ${r.code} (first on line ${prevCode})` });
    seenCodes.set(r.code, line);
    const host = new URL(r.portal_url).hostname;
    const prevHost = seenHosts.get(host);
    if (prevHost)
      problems.push({ line, column: 'portal_url', message: `host ${host} already used on line ${prevHost}` });
    seenHosts.set(host, line);
    out.push(localityOf(r));
  }
  throwIfProblems(file, problems);
  return out;
}

/** A registry file's text, decoded as decodeRegistry does; an unreadable file is a RegistryError. */
export function readRegistryFile(file: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    throw new RegistryError(file, [{ line: 0, column: '-', message: `cannot read file: ${(e as Error).message}` }]);
  }
  return decodeRegistry(buf, file);
}

export function loadRegistry(file = DEFAULT_REGISTRY): Locality[] {
  return parseRegistry(readRegistryFile(file), file);
}

export interface LocalityFilter {
  /** Substring of the province name (e.g. 四川). */
  province?: string;
  /** This prefecture-level code (exact) and its county rows. */
  prefecture?: string;
  kind?: string;
  code?: string;
  name?: string;
}

/**
 * Filters match as users type them: province and name by substring, code by prefix (so "51" = 四川).
 * Works on anything that names a locality: registry rows, scored sites.
 */
export function filterLocalities<
  T extends Pick<Locality, 'province' | 'kind' | 'code' | 'name'> & { prefectureCode?: string },
>(all: T[], f: LocalityFilter): T[] {
  return all.filter(
    (l) =>
      (!f.province || l.province.includes(f.province)) &&
      (!f.prefecture || l.code === f.prefecture || l.prefectureCode === f.prefecture) &&
      (!f.kind || l.kind === f.kind) &&
      (!f.code || l.code.startsWith(f.code)) &&
      (!f.name || l.name.includes(f.name)),
  );
}

/**
 * Resolve a user's "code | name | portal URL" to one registry locality, or explain why not
 * (a SiteQueryError). URLs match a portal normalised (src/registry/site-query.ts): scheme and
 * trailing slash ignored, `www.` and the path significant. `govscan check` also accepts URLs that
 * are not in the registry: see `matchSite` there.
 */
export function findLocality(all: Locality[], query: string): Locality {
  return matchSite(all, query).locality;
}
