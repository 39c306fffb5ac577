/**
 * `govscan export`: the indicator tables of a scored run as CSV / XLSX / JSON, filtered by
 * province, kind and tier, with the data dictionary (md + json) written beside them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filterLocalities, type LocalityFilter } from '../registry/registry.js';
import type { RunScores, SiteScore } from '../scoring/index.js';
import { type Db, loadEffectiveResults, type RunRow, siteChallenges } from '../store/db.js';
import { runSummary } from '../store/runs.js';
import { auditRunsOf, loadRunAudits } from './audit.js';
import { loadCatalogue } from './catalogue.js';
import { toCsv } from './csv.js';
import { buildDictionary, dictionaryMarkdown } from './dictionary.js';
import { exportJson } from './json.js';
import { type ExportSite, mainTable } from './table.js';
import { writeXlsx } from './xlsx.js';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface SiteFilter extends Pick<LocalityFilter, 'province' | 'kind'> {
  /** Exact tier name (e.g. 领先发展). */
  tier?: string;
}

export function filterSites(sites: SiteScore[], f: SiteFilter): SiteScore[] {
  const here = filterLocalities(sites, { province: f.province, kind: f.kind });
  return f.tier ? here.filter((s) => s.tier === f.tier) : here;
}

export function loadExportSites(db: Db, runId: number, sites: SiteScore[]): ExportSite[] {
  const audits = loadRunAudits(db, runId).sites;
  const challenges = siteChallenges(db, runId);
  return sites.map((score) => ({
    score,
    results: new Map(loadEffectiveResults(db, runId, score.code).map((r) => [r.id, r])),
    ...(audits.has(score.code) ? { audit: audits.get(score.code)! } : {}),
    ...(challenges.has(score.code) ? { challenge: challenges.get(score.code)! } : {}),
  }));
}

export interface ExportRequest {
  db: Db;
  run: RunRow;
  scores: RunScores;
  formats: ExportFormat[];
  outDir: string;
  filter?: SiteFilter;
}

/** Writes the requested tables and the dictionary; returns the paths written, in order. */
export async function exportRun(req: ExportRequest): Promise<{ paths: string[]; sites: number }> {
  const { db, run, scores, formats, outDir } = req;
  mkdirSync(outDir, { recursive: true });
  const metas = loadCatalogue();
  const sites = loadExportSites(db, run.id, filterSites(scores.sites, req.filter ?? {}));
  const table = mainTable(scores, sites, metas);
  const dict = buildDictionary(metas, scores.weights, scores.configHash, table.columns, runSummary(run));
  const stem = `govscan-run${run.id}`;
  const paths: string[] = [];
  const write = (name: string, data: string): void => {
    const p = join(outDir, name);
    writeFileSync(p, data);
    paths.push(p);
  };
  if (formats.includes('csv')) write(`${stem}.csv`, toCsv(table.columns, table.rows));
  if (formats.includes('xlsx')) {
    const p = join(outDir, `${stem}.xlsx`);
    await writeXlsx(p, scores, sites, metas, dict);
    paths.push(p);
  }
  if (formats.includes('json'))
    write(`${stem}.json`, `${JSON.stringify(exportJson(run, scores, sites, auditRunsOf(db, run.id)), null, 2)}\n`);
  write('data-dictionary.md', dictionaryMarkdown(dict));
  write('data-dictionary.json', `${JSON.stringify(dict, null, 2)}\n`);
  return { paths, sites: sites.length };
}
