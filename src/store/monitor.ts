/** The availability monitor's tables: `monitor_sites` (since when a site is owed visits) and `monitor_visits`. */

import type { AvailabilitySummary, FetchStatus, MonitorVisit, VisitOutcome } from '../types.js';
import type { Db } from './db.js';

interface VisitRow {
  code: string;
  slot_ms: number;
  outcome: VisitOutcome;
  started_at: string | null;
  fetch_status: string | null;
  http_status: number | null;
  dns_ms: number | null;
  connect_ms: number | null;
  tls_ms: number | null;
  first_byte_ms: number | null;
  total_ms: number | null;
  challenge: string | null;
  content_hash: string | null;
  headlines_json: string | null;
  change: string | null;
  vantage: string;
  error: string | null;
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const orUndef = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function fromRow(r: VisitRow): MonitorVisit {
  const timings = {
    dnsMs: orUndef(r.dns_ms),
    connectMs: orUndef(r.connect_ms),
    tlsMs: orUndef(r.tls_ms),
    firstByteMs: orUndef(r.first_byte_ms),
    totalMs: orUndef(r.total_ms),
  };
  return {
    code: r.code,
    slotMs: r.slot_ms,
    outcome: r.outcome,
    startedAt: orUndef(r.started_at),
    fetchStatus: orUndef(r.fetch_status) as FetchStatus | undefined,
    httpStatus: orUndef(r.http_status),
    timings,
    challenge: orUndef(r.challenge),
    contentHash: orUndef(r.content_hash),
    headlines: r.headlines_json ? (JSON.parse(r.headlines_json) as string[]) : undefined,
    change: orUndef(r.change),
    vantage: r.vantage,
    error: orUndef(r.error),
  };
}

/** Registers sites for monitoring from `sinceMs`; a site already registered keeps its first start. */
export function registerMonitoredSites(db: Db, codes: Iterable<string>, sinceMs: number): void {
  const stmt = db.prepare('INSERT OR IGNORE INTO monitor_sites (code, since_ms) VALUES (?, ?)');
  db.transaction(() => {
    for (const c of codes) stmt.run(c, sinceMs);
  })();
}

/** Since when `code` is owed visits, and its newest recorded slot (undefined when none). */
export function monitorProgress(db: Db, code: string): { sinceMs: number; lastSlotMs?: number } | undefined {
  const r = db
    .prepare(
      `SELECT m.since_ms AS since, (SELECT MAX(slot_ms) FROM monitor_visits v WHERE v.code = m.code) AS last
       FROM monitor_sites m WHERE m.code = ?`,
    )
    .get(code) as { since: number; last: number | null } | undefined;
  return r && { sinceMs: r.since, lastSlotMs: orUndef(r.last) };
}

/** Records a visit; a slot already recorded is left as it is (a restart never writes a slot twice). Returns whether it was new. */
export function recordVisit(db: Db, v: MonitorVisit): boolean {
  const t = v.timings;
  const info = db
    .prepare(
      `INSERT OR IGNORE INTO monitor_visits (code, slot_ms, outcome, started_at, fetch_status, http_status,
         dns_ms, connect_ms, tls_ms, first_byte_ms, total_ms, challenge, content_hash, headlines_json, change, vantage, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      v.code,
      v.slotMs,
      v.outcome,
      orNull(v.startedAt),
      orNull(v.fetchStatus),
      orNull(v.httpStatus),
      orNull(t.dnsMs),
      orNull(t.connectMs),
      orNull(t.tlsMs),
      orNull(t.firstByteMs),
      orNull(t.totalMs),
      orNull(v.challenge),
      orNull(v.contentHash),
      v.headlines ? JSON.stringify(v.headlines) : null,
      orNull(v.change),
      v.vantage,
      orNull(v.error),
    );
  return info.changes > 0;
}

/** Slots not yet recorded for `code` are written as `not_run` (one transaction). */
export function recordNotRun(db: Db, code: string, slots: Iterable<number>, vantage: string): number {
  let n = 0;
  db.transaction(() => {
    for (const slotMs of slots) if (recordVisit(db, { code, slotMs, outcome: 'not_run', timings: {}, vantage })) n++;
  })();
  return n;
}

/** The newest open visit of `code` before `slotMs` that kept a content hash (change tracking compares against it). */
export function previousOpenVisit(db: Db, code: string, slotMs: number): MonitorVisit | undefined {
  const r = db
    .prepare(
      `SELECT * FROM monitor_visits WHERE code = ? AND slot_ms < ? AND content_hash IS NOT NULL
       ORDER BY slot_ms DESC LIMIT 1`,
    )
    .get(code, slotMs) as VisitRow | undefined;
  return r && fromRow(r);
}

/** A site's visits with from ≤ slot < to, oldest first, streamed (a window is read without holding it). */
export function* visitsBetween(db: Db, code: string, fromMs: number, toMs: number): Generator<MonitorVisit> {
  const rows = db
    .prepare('SELECT * FROM monitor_visits WHERE code = ? AND slot_ms >= ? AND slot_ms < ? ORDER BY slot_ms')
    .iterate(code, fromMs, toMs) as IterableIterator<VisitRow>;
  for (const r of rows) yield fromRow(r);
}

/** Monitored sites with their newest visit (`--status`), by code. */
export function* monitoredSites(
  db: Db,
): Generator<{ code: string; name: string; sinceMs: number; last?: MonitorVisit }> {
  const rows = db
    .prepare(
      `SELECT v.*, s.name, m.since_ms, m.code -- m.code last: a site without visits keeps its code
       FROM monitor_sites m JOIN sites s ON s.code = m.code
       LEFT JOIN monitor_visits v ON v.code = m.code
         AND v.slot_ms = (SELECT MAX(slot_ms) FROM monitor_visits x WHERE x.code = m.code AND x.outcome <> 'not_run')
       ORDER BY m.code`,
    )
    .iterate() as IterableIterator<VisitRow & { since_ms: number; name: string }>;
  for (const r of rows)
    yield { code: r.code, name: r.name, sinceMs: r.since_ms, ...(r.slot_ms !== null ? { last: fromRow(r) } : {}) };
}

export function isMonitored(db: Db, code: string): boolean {
  return !!db.prepare('SELECT 1 FROM monitor_sites WHERE code = ?').get(code);
}

/** The monitor windows a run's crawl attached to its sites (site_runs.availability_json), by code. */
export function storedWindows(db: Db, runId: number): Map<string, AvailabilitySummary> {
  const rows = db
    .prepare('SELECT code, availability_json FROM site_runs WHERE run_id = ? AND availability_json IS NOT NULL')
    .all(runId) as { code: string; availability_json: string }[];
  return new Map(rows.map((r) => [r.code, JSON.parse(r.availability_json) as AvailabilitySummary]));
}

/** Outcomes of a site's visits with from ≤ slot < to, oldest first (the report's heatmap): no bodies, no timings. */
export function* visitOutcomesBetween(
  db: Db,
  code: string,
  fromMs: number,
  toMs: number,
): Generator<{ slotMs: number; outcome: VisitOutcome; unexpected: boolean }> {
  const rows = db
    .prepare(
      `SELECT slot_ms, outcome, change LIKE 'unexpected:%' AS unexpected FROM monitor_visits
       WHERE code = ? AND slot_ms >= ? AND slot_ms < ? ORDER BY slot_ms`,
    )
    .iterate(code, fromMs, toMs) as IterableIterator<{
    slot_ms: number;
    outcome: VisitOutcome;
    unexpected: number | null;
  }>;
  for (const r of rows) yield { slotMs: r.slot_ms, outcome: r.outcome, unexpected: r.unexpected === 1 };
}

/** Visits recorded so far, all sites (the bench watches a running monitor with this). */
export function visitCount(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM monitor_visits').get() as { n: number }).n;
}

/** The newest recorded slot of each site (where a killed monitor got to). */
export function lastSlots(db: Db): Map<string, number> {
  const rows = db.prepare('SELECT code, MAX(slot_ms) AS last FROM monitor_visits GROUP BY code').all() as {
    code: string;
    last: number;
  }[];
  return new Map(rows.map((r) => [r.code, r.last]));
}

/** (site, slot) pairs recorded more than once: none while the primary key holds. */
export function doubledSlots(db: Db): number {
  return (
    db
      .prepare(
        'SELECT COUNT(*) AS n FROM (SELECT code, slot_ms FROM monitor_visits GROUP BY code, slot_ms HAVING COUNT(*) > 1)',
      )
      .get() as { n: number }
  ).n;
}
