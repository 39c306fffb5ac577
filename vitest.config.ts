import { defineConfig } from 'vitest/config';

/**
 * Two tiers. `unit` (npm run test:unit, under a minute): pure detection, scoring, storage and
 * parsing — no fixture world, browser, CLI child process or Lighthouse. `integration`: everything
 * else. `npm test` runs both.
 */
const UNIT = [
  'test/indicators/{dictionary-and-model,eval-fixes,page-level,realworld,robots-hostile,runner,site-level}.test.ts',
  'test/{bench-scale,block-shapes,concepts,county,crawl-units,crawl-link-checks,encoding,page-roles,progress,registry,schedule}.test.ts',
  'test/{scoring,store,tamper,flow,diff,export,replay,fixtures-eval,fixtures-generator,monitor}.test.ts',
];

export default defineConfig({
  test: {
    // Every test process refuses non-loopback DNS lookups and connections (see the guard).
    setupFiles: ['test/setup/network-guard.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: UNIT } },
    ],
  },
});
