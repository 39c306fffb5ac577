/**
 * The indicator catalogue's public face: the catalogue, running it, offline analysis of saved
 * pages, and the data dictionary generated from the same definitions.
 */

export type { AnalyzeOptions, PageAnalysis } from './analyze.js';
export {
  AnalyzeInputError,
  analyzeFile,
  analyzeHtml,
  analyzePath,
  PAGE_INDICATORS,
  siteFromHtml,
  urlFromHtml,
} from './analyze.js';
export type { DataDictionaryEntry } from './data-dictionary.js';
export { dictionary, dictionaryMarkdown } from './data-dictionary.js';
export type { DetectContext, DetectInput, Indicator, Outcome } from './define.js';
export { defineIndicator } from './define.js';
export { CATALOGUE, INDICATOR_IDS } from './discover.js';
export { DEFAULT_THRESHOLDS, detectionContext, runIndicator, runIndicators } from './runner.js';
