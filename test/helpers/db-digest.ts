/** Digests of database contents, to prove a command or a stage left rows alone. */
import { createHash } from 'node:crypto';
import type { Db } from '../../src/store/db.js';

const hash = (rows: unknown[]): string =>
  createHash('sha256')
    .update(JSON.stringify(rows, (_k, v) => (v && typeof v === 'object' && v.type === 'Buffer' ? Buffer.from(v.data).toString('base64') : v)))
    .digest('hex');

/** Every table's rows (in rowid / key order), hashed: table → sha256. */
export function allTables(db: Db): Record<string, string> {
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  return Object.fromEntries(tables.map((t) => [t, hash(db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all())]));
}

/** The rows one run owns (its artifacts, results with evidence, site rows, scores), hashed per table. */
export function runRows(db: Db, runId: number): Record<string, string> {
  const perRun = ['runs', 'pages', 'link_checks', 'interactions', 'site_runs', 'indicator_results', 'site_scores', 'dimension_scores', 'indicator_scores'];
  const out: Record<string, string> = {};
  for (const t of perRun) out[t] = hash(db.prepare(`SELECT * FROM "${t}" WHERE ${t === 'runs' ? 'id' : 'run_id'} = ? ORDER BY rowid`).all(runId));
  out.evidence = hash(db.prepare('SELECT e.* FROM evidence e JOIN indicator_results r ON r.id = e.result_id WHERE r.run_id = ? ORDER BY e.id').all(runId));
  return out;
}
