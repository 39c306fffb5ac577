/**
 * The contract every indicator follows (like a Lighthouse audit): metadata that documents it
 * (and generates the data dictionary) plus a pure `detect` over a site's artifacts.
 * No network, no browser, no clock: "now" is `ctx.asOf`, so replaying stored artifacts
 * always gives the same answer.
 */
import type { Config } from '../src/config/config.js';
import type { Dimension, IndicatorResult, SiteArtifacts } from '../src/types.js';

/** Artifacts an indicator reads; `page` means "only the homepage (raw and/or rendered)". */
export type ArtifactNeed = 'home' | 'rendered' | 'pages' | 'platforms' | 'probes' | 'linkChecks' | 'interactions';

export interface IndicatorMeta {
  id: string;
  dimension: Dimension;
  name: { zh: string; en: string };
  /** What it measures and how, in a sentence or two (goes into the data dictionary). */
  measures: string;
  /** The standard or evaluation it follows, with the threshold if there is one. */
  standard: string;
  /** What `present` means for this indicator (e.g. "an entry exists" or "the norm is met"). */
  presentMeans: string;
  valueType: 'none' | 'boolean' | 'number' | 'string' | 'object';
  /** Fields of `value`, documented for analysts: name → meaning. */
  valueFields?: Record<string, string>;
  /** `page`: decidable from the homepage alone (used by `govscan analyze`); `site`: needs more. */
  scope: 'page' | 'site';
  needs: ArtifactNeed[];
}

export interface DetectContext {
  /** Reference time for freshness/age computations: the run's homepage fetch time. */
  asOf: Date;
  thresholds: Config['thresholds'];
}

export interface Indicator extends IndicatorMeta {
  detect(site: SiteArtifacts, ctx: DetectContext): IndicatorResult;
}

export function defineIndicator(ind: Indicator): Indicator {
  return ind;
}
