/**
 * The browser audit stage (issue 5): Lighthouse, axe-core and verification by acting
 * (crawlers/verify/), stored per (audit run, site) under the audit run, which names the crawl run it audits.
 */
export { runAuditStage, reachableSites, AuditInputError, type AuditStageOptions, type AuditStageResult } from './stage.js';
export { LighthouseRunner, lighthouseOptionsFrom, DEFAULT_LIGHTHOUSE_LOCK, type LighthouseOptions, type LighthouseResult } from './lighthouse.js';
export { runAxe, summarise, categoryOf, AXE_CATEGORIES, type AxeCategory, type AxeSummary, type AxeRuleViolation } from './axe.js';
export {
  saveAuditedSite, finishedAuditSites, lighthouseRows, axeRows,
  type AuditedSite, type LighthouseRow, type AxeRow, type Redetect,
} from '../store/audits.js';
