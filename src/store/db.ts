/**
 * The SQLite store (better-sqlite3, WAL): opening and migrating a database. All SQL of govscan
 * lives in src/store/, in small repositories per table group (runs, sites, snapshots, results,
 * scores, audits, blobs), re-exported here. A site's artifacts and indicator results are written
 * in one transaction when the site finishes, so a killed run loses at most the sites in flight.
 */

import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseError, guardDb } from './errors.js';
import { MIGRATIONS } from './schema.js';

export type Db = Database.Database;

/**
 * Open (and migrate) a database. `mustExist`: the commands that read a database (runs, score,
 * export, report, diff, replay, bundle) refuse a missing, empty or foreign file instead of
 * silently starting a new, empty database there. A crawl creates it.
 */
export function openDb(file: string, opts: { mustExist?: boolean } = {}): Db {
  if (opts.mustExist && file !== ':memory:') assertDatabaseFile(file);
  let db: Db | undefined;
  try {
    return guardDb(
      file,
      'opening it',
      true,
      () => {
        if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
        db = new Database(file, { fileMustExist: !!opts.mustExist && file !== ':memory:' });
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL'); // WAL + NORMAL: durable at checkpoint, safe against kill -9
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        if (opts.mustExist && !db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'`).get())
          throw new DatabaseError(
            `${file} is a SQLite database but not a govscan one (it has no govscan tables): pass the right --db`,
            file,
            true,
          );
        migrate(db);
        return db;
      },
      true,
    );
  } catch (e) {
    db?.close();
    throw e;
  }
}

/** A database to read must be a non-empty file (an empty main file with a WAL beside it is a new database being written). */
function assertDatabaseFile(file: string): void {
  if (!existsSync(file))
    throw new DatabaseError(
      `no database at ${file}: run \`govscan crawl\` or \`govscan demo\` first, or pass --db`,
      file,
      true,
    );
  const st = statSync(file);
  if (st.isDirectory())
    throw new DatabaseError(`${file} is a directory, not a database file: pass --db with a file path`, file, true);
  const wal = `${file}-wal`;
  if (st.size === 0 && !(existsSync(wal) && statSync(wal).size > 0))
    throw new DatabaseError(
      `database ${file} is empty (0 bytes): it holds no runs (a file truncated by a full disk or a failed copy?); pass the right --db, or run \`govscan crawl\` to start one`,
      file,
      true,
    );
}

export function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT id FROM schema_migrations').all() as { id: string }[]).map((r) => r.id));
  const known = new Set(MIGRATIONS.map((m) => m.id));
  const unknown = [...applied].filter((id) => !known.has(id));
  if (unknown.length)
    throw new DatabaseError(
      `database ${db.name} has migrations this govscan does not know (${unknown.join(', ')}): it was written by a newer govscan; use that version`,
      db.name,
      true,
    );
  for (const m of MIGRATIONS) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(m.id, new Date().toISOString());
    })();
  }
}

export { getBlob, putBlob, readBlob } from './blobs.js';
export { sha256 } from './integrity.js';
export { readPageText } from './page-rows.js';
export { loadEffectiveResults, loadResults, resultsRunOf, saveResults } from './results.js';
export { stripUndefined } from './rows.js';
export { createRun, getRun, listRuns, newestFinishedRun, type RunRow, setRunState, unfinishedRun } from './runs.js';
export {
  finishedSiteCodes,
  getSite,
  lastSiteStatuses,
  siteChallenges,
  siteStatuses,
  siteStored,
  upsertSites,
} from './sites.js';
export { loadSiteArtifacts, saveSite } from './snapshots.js';
