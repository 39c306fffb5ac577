// A few county portals of the fixture world (a district, a county-level city under its province
// directly, one in 四川), crawled through the world's proxy and compared with their ground truth.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareWithTruth, formatEvalReport, loadThresholds } from '../fixtures/eval/compare.js';
import { crawlFixtureWorld } from '../src/cli/fixture-run.js';
import { loadCounties } from '../src/registry/counties.js';
import { loadResults, siteStatuses } from '../src/store/db.js';

describe('county portals of the fixture world, crawled', () => {
  const dir = mkdtempSync(join(tmpdir(), 'govscan-county-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('agree with their ground truth', { timeout: 300_000 }, async () => {
    const counties = loadCounties();
    const sites = ['330102', '510104', '469005'].map((c) => counties.find((l) => l.code === c)!);
    const report = await crawlFixtureWorld(
      {
        sites,
        level: 'county',
        dbFile: join(dir, 'c.db'),
        logFile: join(dir, 'c.log'),
        showProgress: false,
        options: {},
      },
      async (r, world) => {
        const results = siteStatuses(r.db, r.runId).map((row) => ({
          code: row.code,
          siteStatus: row.site_status,
          indicators: loadResults(r.db, r.runId, row.code),
        }));
        const manifest = {
          ...world.manifest,
          sites: world.manifest.sites.filter((s) => sites.some((l) => l.code === s.code)),
        };
        return compareWithTruth(manifest, results, loadThresholds());
      },
    );
    expect(report.sitesEvaluated).toBe(3);
    expect(report.siteStatus.agreement).toBe(1);
    expect(report.failures, formatEvalReport(report)).toEqual([]);
    expect(report.pass).toBe(true);
  });
});
