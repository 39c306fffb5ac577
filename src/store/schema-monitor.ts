import type { Migration } from './schema.js';

export const MONITOR_MIGRATION: Migration = {
  id: '008-monitor',
  // Availability monitoring (src/monitor/): one row per site and scheduled slot, so a restart can
  // neither probe a slot twice nor hide one it missed (`not_run`). Window summaries a crawl attached
  // to a site are kept with the site so replays judge `availability` exactly as the run did.
  sql: `
  CREATE TABLE monitor_sites (
    code      TEXT PRIMARY KEY REFERENCES sites(code),
    since_ms  INTEGER NOT NULL                      -- monitoring of this site began: slots before are not owed
  );

  CREATE TABLE monitor_visits (
    code            TEXT NOT NULL REFERENCES sites(code),
    slot_ms         INTEGER NOT NULL,              -- the scheduled time (ms since epoch): the visit's identity
    outcome         TEXT NOT NULL CHECK (outcome IN ('ok','failed','blocked','not_run')),
    started_at      TEXT,                          -- NULL for not_run
    fetch_status    TEXT,
    http_status     INTEGER,
    dns_ms          REAL,                          -- phase timings where the client reports them, else NULL
    connect_ms      REAL,
    tls_ms          REAL,
    first_byte_ms   REAL,
    total_ms        REAL,
    challenge       TEXT,                          -- block/challenge kind:vendor when one came back
    content_hash    TEXT,                          -- sha256 of the body
    headlines_json  TEXT,                          -- first dated headline link texts
    change          TEXT,                          -- NULL | 'changed' | 'unexpected:<why>' against the previous open visit
    vantage         TEXT NOT NULL,
    error           TEXT,
    PRIMARY KEY (code, slot_ms)
  );
  CREATE INDEX monitor_visits_slot ON monitor_visits(slot_ms);

  ALTER TABLE site_runs ADD COLUMN availability_json TEXT;
  `,
};
