// A few county portals of the fixture world (a district, a county-level city under its province
// directly, one in 四川, and 浦东新区, which the URL checks saw behind a WAF and the world plays so),
// crawled through the world's proxy and compared with their ground truth.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithTruth, formatEvalReport, loadThresholds } from '../fixtures/eval/compare.js';
import { crawlFixtureWorld } from '../src/cli/fixture-run.js';
import { loadCounties } from '../src/registry/counties.js';
import { levelOf } from '../src/registry/levels.js';
import { DEFAULT_LIMITS, writeReport } from '../src/report/index.js';
import { scoreRun } from '../src/scoring/score.js';
import { loadWeights } from '../src/scoring/weights.js';
import { loadResults, openDb, siteStatuses } from '../src/store/db.js';
import { getRun } from '../src/store/runs.js';
import { tempDirForTests } from './helpers/temp-dir.js';

describe('county portals of the fixture world, crawled', () => {
  const dir = tempDirForTests('govscan-county-');

  it('agree with their ground truth', { timeout: 300_000 }, async () => {
    const counties = loadCounties();
    const sites = ['330102', '510104', '469005', '310115'].map((c) => counties.find((l) => l.code === c)!);
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
    expect(report.sitesEvaluated).toBe(4);
    expect(report.siteStatus.agreement).toBe(1);
    expect(report.failures, formatEvalReport(report)).toEqual([]);
    expect(report.pass).toBe(true);
  });

  // The report of a county collection: each site says its level, ranks are the counties' own, and
  // its size per site is stated (stderr) and bounded, so a 2,840-site county report stays in reach.
  it('score and report as county sites, ranked among counties', { timeout: 120_000 }, () => {
    const db = openDb(join(dir, 'c.db'), { mustExist: true });
    try {
      const run = getRun(db, 1)!;
      const scores = scoreRun(db, run.id, loadWeights());
      expect(scores.sites.map((s) => levelOf(s.kind))).toEqual(['county', 'county', 'county', 'county']);
      const ranks = scores.sites.filter((s) => s.nationalRank !== null).map((s) => s.nationalRank);
      expect(ranks.length).toBeGreaterThanOrEqual(3);
      expect(ranks).toEqual(ranks.map((_, i) => i + 1)); // the counties' own ranking, from 1
      expect(scores.sites.find((s) => s.code === '310115')!.urlFlag).toBe('waf');
      const { bytes } = writeReport(db, run, scores, join(dir, 'r.html'), DEFAULT_LIMITS);
      const html = readFileSync(join(dir, 'r.html'), 'utf8');
      expect(html).toContain('"level":"县级 county"');
      expect(html).toContain('"urlCheck":"waf: anyi review');
      const empty = writeReport(db, run, { ...scores, sites: [] }, join(dir, 'e.html'), DEFAULT_LIMITS).bytes;
      const perSite = (bytes - empty) / scores.sites.length;
      process.stderr.write(
        `county report: ${(empty / 1e6).toFixed(2)} MB fixed + ${(perSite / 1e3).toFixed(0)} KB per site\n`,
      );
      expect(perSite).toBeLessThan(200_000); // at most ~40 KB results + 3 screenshots per site
    } finally {
      db.close();
    }
  });
});
