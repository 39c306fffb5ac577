/**
 * The indicator catalogue's public face: the catalogue, running it, offline analysis of saved
 * pages, and the data dictionary generated from the same definitions.
 */
export { CATALOGUE, INDICATOR_IDS } from './discover.js';
export { detectionContext, runIndicators, runIndicator, DEFAULT_THRESHOLDS } from './runner.js';
export { analyzeHtml, analyzeFile, analyzePath, siteFromHtml, urlFromHtml, AnalyzeInputError, PAGE_INDICATORS } from './analyze.js';
export type { AnalyzeOptions, PageAnalysis } from './analyze.js';
export { dictionary, dictionaryMarkdown } from './data-dictionary.js';
export type { DataDictionaryEntry } from './data-dictionary.js';
export { defineIndicator } from './define.js';
export type { DetectContext, DetectInput, Indicator, Outcome } from './define.js';
