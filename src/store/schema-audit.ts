/** Migrations of the browser audit stage (govscan audit), kept beside the core schema. Never edit a shipped one. */
import type { Migration } from './schema.js';

export const AUDIT_MIGRATION: Migration = {
  id: '003-audit',
  // The browser audit stage (govscan audit): per (audit run, site) progress, Lighthouse and axe results.
  // Interactions it verifies go to the `interactions` table under the audit run (before 004, also the crawl run's).
  sql: `
  -- One row per (audit run, site) once the site is finished; its presence is what --resume checks.
  CREATE TABLE audit_sites (
    run_id        INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    crawl_run_id  INTEGER NOT NULL,              -- the crawl run whose site was audited
    url           TEXT NOT NULL,                 -- homepage audited (the crawl's final URL)
    started_at    TEXT NOT NULL,
    finished_at   TEXT NOT NULL,
    steps_json    TEXT NOT NULL DEFAULT '{}',    -- step → ok | error message | skipped
    PRIMARY KEY (run_id, code)
  );

  CREATE TABLE lighthouse_results (
    run_id              INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    code                TEXT NOT NULL,
    url                 TEXT NOT NULL,
    final_url           TEXT,
    status              TEXT NOT NULL,           -- ok | error | timeout
    error               TEXT,
    performance         REAL,                    -- category scores 0..1 (NULL when not computed)
    accessibility       REAL,
    best_practices      REAL,
    seo                 REAL,
    lcp_ms              REAL,
    cls                 REAL,
    tbt_ms              REAL,
    fcp_ms              REAL,
    si_ms               REAL,
    metrics_json        TEXT NOT NULL DEFAULT '{}',
    warnings_json       TEXT NOT NULL DEFAULT '[]',
    lighthouse_version  TEXT,
    form_factor         TEXT,
    duration_ms         INTEGER NOT NULL,
    lhr_hash            TEXT REFERENCES blobs(hash), -- the full Lighthouse report (JSON)
    fetched_at          TEXT NOT NULL,
    PRIMARY KEY (run_id, code)
  );

  CREATE TABLE axe_results (
    run_id           INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    code             TEXT NOT NULL,
    url              TEXT NOT NULL,
    status           TEXT NOT NULL,              -- ok | error | timeout
    error            TEXT,
    axe_version      TEXT,
    violations       INTEGER,                    -- violated rules
    violation_nodes  INTEGER,                    -- elements violating them
    categories_json  TEXT NOT NULL DEFAULT '{}', -- category → { rules, nodes }
    impacts_json     TEXT NOT NULL DEFAULT '{}', -- impact → nodes
    rules_json       TEXT NOT NULL DEFAULT '[]', -- [{ id, category, impact, nodes, help, tags }]
    passes           INTEGER,
    incomplete       INTEGER,
    duration_ms      INTEGER NOT NULL,
    fetched_at       TEXT NOT NULL,
    PRIMARY KEY (run_id, code)
  );
  `,
};

export const AUDIT_RESULTS_MIGRATION: Migration = {
  id: '004-audit-results',
  // The audit run stores its combined results (crawl artifacts + the interactions it verified) under
  // itself instead of rewriting the crawl run's. The analysts' view counts them as results of the
  // crawl run they audited: per site and indicator, the newest crawl/check run, and within it the
  // newest audit's result if an audit verified the site (as src/store/results.ts reads them).
  sql: `
  DROP VIEW latest_indicators;
  CREATE VIEW latest_indicators AS
  WITH eff AS (
    SELECT r.*,
      COALESCE((SELECT a.crawl_run_id FROM audit_sites a WHERE a.run_id = r.run_id AND a.code = r.code), r.run_id)
        AS base_run
    FROM indicator_results r JOIN runs ru ON ru.id = r.run_id
    WHERE ru.kind IN ('crawl','check','audit')
  ), ranked AS (
    SELECT eff.*, ROW_NUMBER() OVER (PARTITION BY code, indicator ORDER BY base_run DESC, run_id DESC) AS n FROM eff
  )
  SELECT s.code, s.name, s.province, s.kind, ranked.indicator, ranked.status, ranked.value_json, ranked.confidence,
         ranked.reason, ranked.base_run AS run_id, runs.started_at AS run_started_at
  FROM ranked JOIN runs ON runs.id = ranked.base_run JOIN sites s ON s.code = ranked.code
  WHERE ranked.n = 1;
  `,
};
