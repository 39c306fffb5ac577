/** `govscan report`: build the report data from SQLite and write the self-contained HTML file (or, for large runs, a directory: directory.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunScores } from '../scoring/index.js';
import type { Db, RunRow } from '../store/db.js';
import { buildReportData, DEFAULT_LIMITS, type ReportLimits } from './data.js';
import { renderReportHtml } from './html.js';

export { buildReportData, DEFAULT_LIMITS, type ReportData, type ReportLimits } from './data.js';
export { type ReportDirectory, sitePageFile, writeReportDirectory } from './directory.js';
export { escapeHtml, renderReportHtml, renderSitePageHtml, scriptSafeJson } from './html.js';
export { DEFAULT_SPLIT_ABOVE } from './limits.js';

export function writeReport(
  db: Db,
  run: RunRow,
  scores: RunScores,
  file: string,
  limits: ReportLimits = DEFAULT_LIMITS,
): { file: string; bytes: number } {
  const html = renderReportHtml(buildReportData(db, run, scores, limits));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}
