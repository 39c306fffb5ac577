/** A crawl run recorded with `cfg` and where it ran from, as `govscan crawl` records one (no sites). */
import { type Config, userAgent } from '../../src/config/config.js';
import { runVantage } from '../../src/config/identity.js';
import { createRun, type Db } from '../../src/store/db.js';

export function createRunWithVantage(db: Db, cfg: Config): number {
  return createRun(db, {
    kind: 'crawl',
    config: cfg,
    options: {},
    siteCodes: [],
    toolVersion: 't',
    vantage: runVantage(cfg, userAgent(cfg)),
  });
}
