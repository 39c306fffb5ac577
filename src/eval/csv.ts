/**
 * CSV and file-name helpers shared by `eval --labels` and `corpus fetch`: rows that know their
 * line numbers, and errors that name `file:line column "name"`. No indicator code is loaded here.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** A problem with the inputs: the CLI turns it into exit code 2. */
export class EvalInputError extends Error {
  override name = 'EvalInputError';
}

export const where = (file: string, line: number | undefined, column?: string) =>
  `${file}${line ? `:${line}` : ''}${column !== undefined ? ` column "${column}"` : ''}`;

interface CsvRow {
  /** 1-based line where the record starts. */
  line: number;
  cells: string[];
}

export function readBytes(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new EvalInputError(
      `cannot read ${what} ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`,
    );
  }
}

/** Parse a CSV file into a trimmed header and rows that know their line numbers. */
export function readCsv(file: string, what: string): { header: string[]; rows: CsvRow[]; bytes: Buffer } {
  const bytes = readBytes(file, what);
  const text = bytes.toString('utf8');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new EvalInputError(`${where(file, err.lines)}: not valid CSV: ${err.message}`);
  }
  if (!records.length) throw new EvalInputError(`${file}: empty ${what} (no header row)`);
  const rows = records.map(({ record, info }) => ({
    // csv-parse reports the line a record ends on; step back over newlines inside quoted fields.
    line: info.lines - record.reduce((k, c) => k + (c.match(/\n/g)?.length ?? 0), 0),
    cells: record,
  }));
  const header = rows[0]!.cells.map((h) => h.trim());
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (!h) throw new EvalInputError(`${where(file, rows[0]!.line)}: column ${i + 1} of the header has no name`);
    if (seen.has(h)) throw new EvalInputError(`${where(file, rows[0]!.line, h)}: column appears twice in the header`);
    seen.add(h);
  });
  for (const r of rows.slice(1))
    if (r.cells.length !== header.length)
      throw new EvalInputError(`${where(file, r.line)}: has ${r.cells.length} fields, the header has ${header.length}`);
  return { header, rows: rows.slice(1), bytes };
}

/** A bare file name, no folders: it is joined to --pages / --out. */
export function checkFileName(name: string, file: string, line: number, column = 'file'): string {
  const n = name.trim();
  if (!n) throw new EvalInputError(`${where(file, line, column)}: empty file name`);
  if (/[/\\\0]/.test(n) || n === '.' || n === '..' || n.startsWith('.'))
    throw new EvalInputError(
      `${where(file, line, column)}: must be a plain file name, without folders or a leading dot (got ${JSON.stringify(n)})`,
    );
  return n;
}
