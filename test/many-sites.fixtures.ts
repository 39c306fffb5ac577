/**
 * A scored run with many county sites, cheaply: the hand-made cast of scoring.fixtures.ts (hostile
 * text, a screenshot, a browser audit) in run b, plus `n` generated county sites with full results,
 * varied scores and a home-page screenshot each. For the report directory's size and link checks.
 */
import { INDICATOR_IDS } from '../indicators/values.js';
import { type Db, putBlob, saveSite } from '../src/store/db.js';
import type { Locality } from '../src/types.js';
import { addAudit } from './audit-rows.fixtures.js';
import { artifacts, buildRun, GOOD, PNG_1PX, results } from './scoring.fixtures.js';

/** Generated county i: 6-digit codes 51xxxx (四川) and 33xxxx (浙江) that no registry site of the cast has. */
export function county(i: number): Locality {
  const [prefix, province] = i % 2 ? ['33', '浙江省'] : ['51', '四川省'];
  const code = `${prefix}${6000 + i}`;
  return {
    code,
    name: `测试县${i}`,
    province,
    kind: 'county',
    prefectureCode: `${code.slice(0, 4)}00`,
    portalUrl: `https://www.county${i}.gov.cn/`,
    urlSource: 'test',
  };
}

/** Runs a and b of the cast, the audit on run b, and `n` counties in run b. Returns run b's id. */
export function manySitesRun(db: Db, n: number): number {
  buildRun(db, 'a');
  const { runId } = buildRun(db, 'b');
  addAudit(db, runId);
  const shot = putBlob(db, PNG_1PX, 'image/png');
  for (let i = 0; i < n; i++) {
    // Every third county misses a few indicators, so scores and tiers vary.
    const spec = { ...GOOD };
    if (i % 3 === 0) for (const id of INDICATOR_IDS.slice(i % 7, (i % 7) + 4)) delete spec[id];
    saveSite(db, runId, artifacts(county(i), 'ok', shot), results(spec, i % 3 === 0 ? 'absent' : 'present'));
  }
  return runId;
}
