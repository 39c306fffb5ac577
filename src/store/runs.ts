/** The `runs` table: a crawl, check, audit or replay run, its state, and which run is "the newest finished". */

import type { RunKind, RunState } from '../types.js';
import type { Db } from './db.js';
import { guardDb } from './errors.js';
import { sha256 } from './integrity.js';

export interface RunRow {
  id: number;
  kind: RunKind;
  state: RunState;
  started_at: string;
  finished_at: string | null;
  config_json: string;
  config_hash: string;
  options_json: string;
  site_codes: string;
  tool_version: string;
  note: string | null;
}

/** A run as exports and reports show it (camelCase, without the stored config and options). */
export interface RunSummary {
  id: number;
  kind: RunKind;
  state: RunState;
  startedAt: string;
  finishedAt: string | null;
  toolVersion: string;
}

export function runSummary(run: RunRow): RunSummary {
  return {
    id: run.id,
    kind: run.kind,
    state: run.state,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    toolVersion: run.tool_version,
  };
}

export function createRun(
  db: Db,
  r: { kind: RunKind; config: unknown; options: unknown; siteCodes: string[]; toolVersion: string; startedAt?: string },
): number {
  const configJson = JSON.stringify(r.config);
  const info = guardDb(db.name, `starting a ${r.kind} run`, true, () =>
    db
      .prepare(
        `INSERT INTO runs (kind, state, started_at, config_json, config_hash, options_json, site_codes, tool_version)
       VALUES (?, 'running', ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.kind,
        r.startedAt ?? new Date().toISOString(),
        configJson,
        sha256(configJson),
        JSON.stringify(r.options ?? {}),
        JSON.stringify(r.siteCodes),
        r.toolVersion,
      ),
  );
  return Number(info.lastInsertRowid);
}

export function setRunState(db: Db, runId: number, state: RunState, note?: string): void {
  guardDb(db.name, `marking run ${runId} ${state}`, false, () =>
    db
      .prepare('UPDATE runs SET state = ?, finished_at = ?, note = COALESCE(?, note) WHERE id = ?')
      .run(state, state === 'running' ? null : new Date().toISOString(), note ?? null, runId),
  );
}

export function getRun(db: Db, runId: number): RunRow | undefined {
  return db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRow | undefined;
}

export function listRuns(db: Db): RunRow[] {
  return db.prepare('SELECT * FROM runs ORDER BY id').all() as RunRow[];
}

/**
 * The one definition of "the newest finished run", used wherever a command defaults its run
 * (score, export, report, audit): the highest-id crawl or check run whose state is `done`.
 * Interrupted, failed and running runs never count; audit and replay runs are not collections.
 */
export function newestFinishedRun(db: Db): RunRow | undefined {
  return db
    .prepare(`SELECT * FROM runs WHERE kind IN ('crawl','check') AND state = 'done' ORDER BY id DESC LIMIT 1`)
    .get() as RunRow | undefined;
}

/** Finished crawl/check runs up to and including `runId` (which counts even unfinished), oldest first. */
export function finishedRunsUpTo(db: Db, runId: number): { id: number; started_at: string }[] {
  return db
    .prepare(
      `SELECT id, started_at FROM runs WHERE kind IN ('crawl','check') AND (state = 'done' OR id = ?) AND id <= ? ORDER BY id`,
    )
    .all(runId, runId) as { id: number; started_at: string }[];
}

/** Newest run of a kind that did not finish, for --resume. */
export function unfinishedRun(db: Db, kind: RunKind): RunRow | undefined {
  return db
    .prepare(`SELECT * FROM runs WHERE kind = ? AND state IN ('running','interrupted') ORDER BY id DESC LIMIT 1`)
    .get(kind) as RunRow | undefined;
}
