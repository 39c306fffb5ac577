import type { Migration } from './schema.js';

export const PAGE_ATTEMPTS_MIGRATION: Migration = {
  id: '006-page-attempts',
  // HTTP requests made for a page (1 + retries, a silent host's patient retry included); NULL before.
  sql: 'ALTER TABLE pages ADD COLUMN attempts INTEGER;',
};

export const RUN_VANTAGE_MIGRATION: Migration = {
  id: '005-run-vantage',
  // Where a run ran from and who it said it was (src/config/identity.ts). NULL in every column for
  // runs stored before this migration: not recorded, which is not the same as "none".
  sql: `
  ALTER TABLE runs ADD COLUMN vantage TEXT;            -- network.vantage, e.g. beijing-idc-1 ('unspecified' when not set)
  ALTER TABLE runs ADD COLUMN resolver TEXT;           -- network.resolver (host:port) or 'system'
  ALTER TABLE runs ADD COLUMN user_agent TEXT;         -- the User-Agent sent, contact URL filled in
  ALTER TABLE runs ADD COLUMN contact_url TEXT;
  ALTER TABLE runs ADD COLUMN allow_list_header TEXT;  -- name of the allow-list header sent ('' none); never its value
  `,
};
