/**
 * SQLite schema, as named migrations applied in order. Table `schema_migrations` records which
 * have run; opening a database applies the missing ones, each in its own transaction.
 * Never edit a migration that has shipped: add a new one at the end. Each module that owns
 * tables (scoring, audit) adds its own named migration here.
 */
import { AUDIT_MIGRATION, AUDIT_RESULTS_MIGRATION } from './schema-audit.js';
import { COUNTY_SITES_MIGRATION } from './schema-county.js';
import { MONITOR_MIGRATION } from './schema-monitor.js';
import { PAGE_ATTEMPTS_MIGRATION, RUN_VANTAGE_MIGRATION } from './schema-vantage.js';

export interface Migration {
  id: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    id: '001-core',
    // runs, sites, artifacts (pages, probes, link checks, interactions), results, evidence
    sql: `
  CREATE TABLE runs (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,                 -- crawl | check | audit | replay
    state         TEXT NOT NULL,                 -- running | done | interrupted | failed
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    config_json   TEXT NOT NULL,
    config_hash   TEXT NOT NULL,
    options_json  TEXT NOT NULL DEFAULT '{}',    -- CLI options: filters, proxy, resume, …
    site_codes    TEXT NOT NULL,                 -- JSON array: the sites this run covers, in order
    tool_version  TEXT NOT NULL,
    note          TEXT
  );

  CREATE TABLE sites (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    province    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    portal_url  TEXT NOT NULL,
    url_source  TEXT NOT NULL DEFAULT ''
  );

  -- One row per (run, site) once the site is finished; its presence is what --resume checks.
  CREATE TABLE site_runs (
    run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    code         TEXT NOT NULL REFERENCES sites(code),
    site_status  TEXT NOT NULL,                  -- FetchStatus of the homepage
    site_error   TEXT,
    started_at   TEXT NOT NULL,
    finished_at  TEXT NOT NULL,
    pages        INTEGER NOT NULL,
    probes_json  TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (run_id, code)
  );

  -- Content-addressed snapshots: page bodies, screenshots (gzip-compressed).
  CREATE TABLE blobs (
    hash        TEXT PRIMARY KEY,                -- sha256 of the uncompressed bytes
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL,
    data        BLOB NOT NULL
  );

  CREATE TABLE pages (
    id              INTEGER PRIMARY KEY,
    run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    code            TEXT NOT NULL,
    seq             INTEGER NOT NULL,            -- order within the site's artifacts
    url             TEXT NOT NULL,
    final_url       TEXT NOT NULL,
    role            TEXT NOT NULL,
    status          TEXT NOT NULL,
    http_status     INTEGER,
    content_type    TEXT,
    charset         TEXT,
    charset_source  TEXT,
    body_hash       TEXT,                        -- sha256 of the raw bytes; the blob when the snapshot kept them
    text_hash       TEXT REFERENCES blobs(hash), -- decoded text (what detectors read)
    bytes           INTEGER,
    fetched_at      TEXT NOT NULL,
    crawler         TEXT NOT NULL,
    depth           INTEGER NOT NULL,
    referrer        TEXT,
    link_text       TEXT,
    title           TEXT,
    error           TEXT,
    duration_ms     INTEGER,
    headers_json    TEXT NOT NULL DEFAULT '{}',
    requests_json   TEXT,
    screenshot_hash TEXT REFERENCES blobs(hash)
  );
  CREATE INDEX pages_run_site ON pages(run_id, code, seq);

  CREATE TABLE link_checks (
    run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    code         TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    url          TEXT NOT NULL,
    from_url     TEXT NOT NULL,
    link_text    TEXT,
    status       TEXT NOT NULL,
    http_status  INTEGER,
    internal     INTEGER NOT NULL
  );
  CREATE INDEX link_checks_run_site ON link_checks(run_id, code);

  CREATE TABLE interactions (
    run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    code            TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    capability      TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    detail          TEXT NOT NULL,
    screenshot_hash TEXT REFERENCES blobs(hash),
    at              TEXT NOT NULL
  );

  CREATE TABLE indicator_results (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    code         TEXT NOT NULL,
    indicator    TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('present','absent','unknown')),
    value_json   TEXT,
    confidence   REAL NOT NULL,
    reason       TEXT NOT NULL,
    needs_render INTEGER NOT NULL DEFAULT 0,
    UNIQUE (run_id, code, indicator)
  );

  CREATE TABLE evidence (
    id              INTEGER PRIMARY KEY,
    result_id       INTEGER NOT NULL REFERENCES indicator_results(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    url             TEXT NOT NULL,
    selector        TEXT,
    pattern         TEXT,
    snippet         TEXT,
    page_hash       TEXT,
    fetched_at      TEXT,
    rendered        INTEGER NOT NULL DEFAULT 0,
    screenshot_hash TEXT
  );
  CREATE INDEX evidence_result ON evidence(result_id);

  -- Analysts' view: every indicator of every site from the newest finished run that has it.
  CREATE VIEW latest_indicators AS
  SELECT s.code, s.name, s.province, s.kind, r.indicator, r.status, r.value_json, r.confidence, r.reason,
         r.run_id, runs.started_at AS run_started_at
  FROM indicator_results r
  JOIN runs ON runs.id = r.run_id
  JOIN sites s ON s.code = r.code
  WHERE runs.kind IN ('crawl','check')
    AND r.run_id = (
      SELECT MAX(r2.run_id) FROM indicator_results r2 JOIN runs ru2 ON ru2.id = r2.run_id
      WHERE r2.code = r.code AND r2.indicator = r.indicator AND ru2.kind IN ('crawl','check')
    );
  `,
  },
  {
    id: '002-scores',
    // Scores per run, keyed by the sha256 of the canonical weights JSON that produced them (src/scoring/).
    sql: `
  CREATE TABLE score_configs (
    hash          TEXT PRIMARY KEY,              -- sha256 of the canonical weights JSON
    weights_json  TEXT NOT NULL,                 -- that canonical JSON: re-parse it to reproduce a score
    name          TEXT NOT NULL,
    created_at    TEXT NOT NULL
  );

  CREATE TABLE site_scores (
    run_id           INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    code             TEXT NOT NULL REFERENCES sites(code),
    config_hash      TEXT NOT NULL REFERENCES score_configs(hash),
    scored           INTEGER NOT NULL,           -- 0: homepage not fetched, no score (not zero)
    no_score_reason  TEXT,
    total            REAL,                       -- out of 100; NULL when not scored or a dimension is wholly unknown
    coverage         REAL NOT NULL,              -- known share of the 100 points, 0..1
    deducted         REAL NOT NULL DEFAULT 0,
    national_rank    INTEGER,
    provincial_rank  INTEGER,
    tier             TEXT,
    flags_json       TEXT NOT NULL DEFAULT '[]',
    vetoes_json      TEXT NOT NULL DEFAULT '[]',
    scored_at        TEXT NOT NULL,
    PRIMARY KEY (run_id, code, config_hash)
  );

  CREATE TABLE dimension_scores (
    run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    code         TEXT NOT NULL,
    config_hash  TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    dimension    TEXT NOT NULL,
    name         TEXT NOT NULL,
    points       REAL,
    max          REAL NOT NULL,
    coverage     REAL NOT NULL,
    PRIMARY KEY (run_id, code, config_hash, dimension)
  );

  -- One row per weighted ref and per deduction item (kind = 'ref' | 'deduction').
  CREATE TABLE indicator_scores (
    run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    code         TEXT NOT NULL,
    config_hash  TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('ref','deduction')),
    ref_key      TEXT NOT NULL,
    indicator    TEXT NOT NULL,
    dimension    TEXT,
    sub          TEXT,
    status       TEXT NOT NULL,
    points       REAL,                          -- ref: points earned; deduction: points deducted
    max          REAL NOT NULL,
    fraction     REAL,
    excluded     INTEGER NOT NULL,
    note         TEXT,
    PRIMARY KEY (run_id, code, config_hash, kind, ref_key)
  );
  CREATE INDEX site_scores_config ON site_scores(config_hash);
  `,
  },
  AUDIT_MIGRATION,
  AUDIT_RESULTS_MIGRATION,
  RUN_VANTAGE_MIGRATION,
  PAGE_ATTEMPTS_MIGRATION,
  {
    id: '007-page-challenge',
    // Whether a page came through (or stopped at) an anti-bot challenge, and how: PageSnapshot.challenge.
    sql: `
    ALTER TABLE pages ADD COLUMN challenge_json TEXT;
    ALTER TABLE site_runs ADD COLUMN challenge_json TEXT;
    `,
  },
  MONITOR_MIGRATION,
  COUNTY_SITES_MIGRATION,
  {
    id: '012-interaction-asked',
    // smart_qa's browser check: the question asked and the reply's first line (Interaction.asked).
    sql: 'ALTER TABLE interactions ADD COLUMN asked_json TEXT;',
  },
];
