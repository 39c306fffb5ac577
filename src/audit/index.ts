/**
 * The browser audit stage (issue 5): Lighthouse, axe-core and verification by acting
 * (crawlers/verify/), stored per (audit run, site) under the audit run, which names the crawl run it audits.
 */

export {
  type AuditedSite,
  type AxeRow,
  axeRows,
  finishedAuditSites,
  type LighthouseRow,
  lighthouseRows,
  type Redetect,
  saveAuditedSite,
} from '../store/audits.js';
export {
  AXE_CATEGORIES,
  type AxeCategory,
  type AxeRuleViolation,
  type AxeSummary,
  categoryOf,
  runAxe,
  summarise,
} from './axe.js';
export {
  DEFAULT_LIGHTHOUSE_LOCK,
  type LighthouseOptions,
  type LighthouseResult,
  LighthouseRunner,
  lighthouseOptionsFrom,
} from './lighthouse.js';
export {
  AuditInputError,
  type AuditStageOptions,
  type AuditStageResult,
  reachableSites,
  runAuditStage,
} from './stage.js';
