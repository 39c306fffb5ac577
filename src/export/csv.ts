/**
 * CSV for Excel and for scripts: UTF-8 with BOM (Excel then shows Chinese correctly), CRLF,
 * RFC 4180 quoting. Cells come from crawled sites, so text starting with = + - @ (or a tab/CR)
 * is prefixed with ' to keep spreadsheets from running it as a formula. Numbers are left alone.
 */
import type { Cell, Column } from './table.js';

export const BOM = '\uFEFF';

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? String(v) : v;
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Header: "中文 / English" in one row, so both audiences can read it and it stays one header line. */
export function toCsv(columns: Column[], rows: Record<string, Cell>[]): string {
  const lines = [columns.map((c) => csvCell(`${c.zh} / ${c.en}`)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c.key] ?? null)).join(','));
  return `${BOM + lines.join('\r\n')}\r\n`;
}
