/** Digests of database contents, to prove a command or a stage left rows alone. */
import { createHash } from 'node:crypto';
import type { Db } from '../../src/store/db.js';

const isBuffer = (v: unknown): v is { type: 'Buffer'; data: number[] } =>
  !!v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer';

const hash = (rows: unknown[]): string =>
  createHash('sha256')
    .update(JSON.stringify(rows, (_k, v) => (isBuffer(v) ? Buffer.from(v.data).toString('base64') : v)))
    .digest('hex');

/** Every table's rows (in rowid order), hashed: table → sha256. */
export function allTables(db: Db): Record<string, string> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  const rows = (t: string) => db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all();
  return Object.fromEntries(tables.map(({ name }) => [name, hash(rows(name))]));
}

const PER_RUN = [
  'runs',
  'pages',
  'link_checks',
  'interactions',
  'site_runs',
  'indicator_results',
  'site_scores',
  'dimension_scores',
  'indicator_scores',
];

/** The rows one run owns (its artifacts, results with evidence, site rows, scores), hashed per table. */
export function runRows(db: Db, runId: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of PER_RUN) {
    const key = t === 'runs' ? 'id' : 'run_id';
    out[t] = hash(db.prepare(`SELECT * FROM "${t}" WHERE ${key} = ? ORDER BY rowid`).all(runId));
  }
  const evidence = `SELECT e.* FROM evidence e JOIN indicator_results r ON r.id = e.result_id
    WHERE r.run_id = ? ORDER BY e.id`;
  out.evidence = hash(db.prepare(evidence).all(runId));
  return out;
}
