/**
 * The indicator catalogue's public face: the catalogue, running it, offline analysis of saved
 * pages, and the data dictionary generated from the same definitions.
 */
export { CATALOGUE, missingIds } from './catalogue.js';
export { detectionContext, runIndicators, runIndicator, DEFAULT_THRESHOLDS } from './run.js';
export { analyzeHtml, analyzeFile, analyzePath, siteFromHtml, urlFromHtml, AnalyzeInputError, PAGE_INDICATORS } from './analyze.js';
export type { AnalyzeOptions, PageAnalysis } from './analyze.js';
export { dictionary, dictionaryMarkdown } from './dictionary.js';
export type { DataDictionaryEntry } from './dictionary.js';
export type { DetectContext, Indicator } from './define.js';
