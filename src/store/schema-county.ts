import type { Migration } from './schema.js';

export const COUNTY_SITES_MIGRATION: Migration = {
  id: '010-county-sites',
  // County-level sites (src/registry/counties.ts): the prefecture-level row they belong to, and what
  // the registry's URL checks doubt about their portal URL (flag + note), shown with their results.
  sql: `
  ALTER TABLE sites ADD COLUMN prefecture_code TEXT;
  ALTER TABLE sites ADD COLUMN url_flag TEXT;
  ALTER TABLE sites ADD COLUMN url_note TEXT;
  `,
};
