/** The `runs` table: a crawl, check, audit or replay run, its state, and which run is "the newest finished". */

import { type RunVantage, redactedConfig } from '../config/identity.js';
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
  /** Migration 005: where the run ran from; NULL for older runs. */
  vantage: string | null;
  resolver: string | null;
  user_agent: string | null;
  contact_url: string | null;
  /** Name of the allow-list header sent, '' for none, NULL when not recorded. */
  allow_list_header: string | null;
}

/** A run as exports and reports show it (camelCase, without the stored config and options). */
export interface RunSummary {
  id: number;
  kind: RunKind;
  state: RunState;
  startedAt: string;
  finishedAt: string | null;
  toolVersion: string;
  /** Where the run ran from and who it said it was; null for runs stored before it was recorded. */
  vantage: RunVantage | null;
}

export function vantageOf(run: RunRow): RunVantage | null {
  if (run.vantage === null || run.vantage === undefined) return null;
  return {
    vantage: run.vantage,
    resolver: run.resolver ?? 'system',
    userAgent: run.user_agent ?? '',
    contactUrl: run.contact_url ?? '',
    allowListHeader: run.allow_list_header || null,
  };
}

/** One line for people: "beijing-idc-1 · resolver system · UA … · allow-list header X-…". */
export function vantageLine(v: RunVantage | null): string {
  if (!v) return 'vantage not recorded (run stored before govscan recorded it)';
  return `vantage ${v.vantage} · resolver ${v.resolver} · User-Agent "${v.userAgent}" · allow-list header ${v.allowListHeader ?? 'none'}`;
}

export function runSummary(run: RunRow): RunSummary {
  return {
    id: run.id,
    kind: run.kind,
    state: run.state,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    toolVersion: run.tool_version,
    vantage: vantageOf(run),
  };
}

export function createRun(
  db: Db,
  r: {
    kind: RunKind;
    config: unknown;
    options: unknown;
    siteCodes: string[];
    toolVersion: string;
    startedAt?: string;
    vantage?: RunVantage;
  },
): number {
  // The allow-list header's value is a shared secret: the stored config keeps its name only.
  const configJson = JSON.stringify(redactedConfig(r.config));
  const v = r.vantage;
  const info = guardDb(db.name, `starting a ${r.kind} run`, true, () =>
    db
      .prepare(
        `INSERT INTO runs (kind, state, started_at, config_json, config_hash, options_json, site_codes, tool_version,
                           vantage, resolver, user_agent, contact_url, allow_list_header)
       VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.kind,
        r.startedAt ?? new Date().toISOString(),
        configJson,
        sha256(configJson),
        JSON.stringify(r.options ?? {}),
        JSON.stringify(r.siteCodes),
        r.toolVersion,
        v?.vantage ?? null,
        v?.resolver ?? null,
        v?.userAgent ?? null,
        v?.contactUrl ?? null,
        v ? (v.allowListHeader ?? '') : null,
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
