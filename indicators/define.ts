/**
 * The contract every indicator follows (like a Lighthouse audit): metadata that documents it
 * (and generates the data dictionary) plus a pure `detect` over a site's artifacts.
 * No network, no browser, no clock: "now" is `ctx.asOf`, so replaying stored artifacts
 * always gives the same answer. One file in a dimension folder whose default export comes from
 * `defineIndicator` is the whole indicator: discover.ts finds it, runner.ts runs it.
 */
import type { Config } from '../src/config/config.js';
import type { Dimension, IndicatorResult, SiteArtifacts } from '../src/types.js';
import type { View } from './support/home.js';

/** Artifacts an indicator reads; `page` means "only the homepage (raw and/or rendered)"; `availability`: the monitor's window summary. */
export type ArtifactNeed =
  | 'home'
  | 'rendered'
  | 'pages'
  | 'platforms'
  | 'probes'
  | 'linkChecks'
  | 'interactions'
  | 'availability';

export interface IndicatorMeta {
  id: string;
  dimension: Dimension;
  /** Place within its dimension (catalogue, exports and dictionary order); none: last; ties go by id. */
  order?: number;
  name: { zh: string; en: string };
  /** What it measures and how, in a sentence or two (goes into the data dictionary). */
  measures: string;
  /** The standard or evaluation it follows, with the threshold if there is one. */
  standard: string;
  /** What `present` means for this indicator (e.g. "an entry exists" or "the norm is met"). */
  presentMeans: string;
  /** 'object' when the indicator documents value fields, else 'none'. */
  valueType: 'none' | 'object';
  /** Fields of `value`, documented for analysts: name → meaning. */
  valueFields?: Record<string, string>;
  /** `page`: decidable from the homepage alone (used by `govscan analyze`); `site`: needs more. */
  scope: 'page' | 'site';
  needs: ArtifactNeed[];
  /**
   * A homepage that is down, blocked or denied: `unknown` — the runner answers unknown with the
   * blocker's reason and `detect` is not called; `self` — `detect` runs and reads `ctx.blocker`.
   * Default: `unknown` when `needs` has 'home', else `self`.
   */
  blockedHome?: 'unknown' | 'self';
}

export interface DetectContext {
  /** Reference time for freshness/age computations: the run's homepage fetch time. */
  asOf: Date;
  thresholds: Config['thresholds'];
}

/** What `detect` receives: the context plus the homepage views, computed once per site by the runner. */
export interface DetectInput extends DetectContext {
  /** Raw first, then rendered, then same-site frames; empty when the homepage is blocked. */
  views: View[];
  /** Why the homepage cannot be read (only seen by `blockedHome: 'self'` indicators). */
  blocker?: string;
}

/** A detector's answer; the runner stamps the indicator's id on it. */
export type Outcome = Omit<IndicatorResult, 'id'>;

export interface Indicator extends IndicatorMeta {
  detect(site: SiteArtifacts, ctx: DetectInput): Outcome;
}

/**
 * What an indicator file writes. `valueType` follows from `valueFields`; `scope` defaults to what
 * `needs` says: an indicator that reads the homepage is a page indicator, one that does not is a site one.
 */
export type IndicatorSpec = Omit<Indicator, 'valueType' | 'scope'> & { scope?: Indicator['scope'] };

const DEFINED = new WeakSet<object>();

export function defineIndicator(spec: IndicatorSpec): Indicator {
  const ind: Indicator = {
    ...spec,
    valueType: spec.valueFields ? 'object' : 'none',
    scope: spec.scope ?? (spec.needs.includes('home') ? 'page' : 'site'),
  };
  DEFINED.add(ind);
  return ind;
}

/** True for an object made by defineIndicator (discovery refuses anything else). */
export function isIndicator(x: unknown): x is Indicator {
  return typeof x === 'object' && x !== null && DEFINED.has(x);
}

export function blockedHomePolicy(ind: IndicatorMeta): 'unknown' | 'self' {
  return ind.blockedHome ?? (ind.needs.includes('home') ? 'unknown' : 'self');
}
