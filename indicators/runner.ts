/**
 * Running the catalogue over a site's artifacts: pure, deterministic, never throws. The runner
 * owns what every detector would otherwise repeat (like Lighthouse's runner): it stamps the id,
 * checks the declared `needs`, answers `unknown` for a blocked homepage once for all indicators
 * that read it, validates each answer and weakens absences the raw HTML alone cannot support.
 */

import { type Config, ConfigSchema } from '../src/config/config.js';
import type { IndicatorResult, SiteArtifacts } from '../src/types.js';
import type { Indicator } from './define.js';
import { type ArtifactNeed, blockedHomePolicy, type DetectContext, type DetectInput } from './define.js';
import { CATALOGUE } from './discover.js';
import { outcomeProblem } from './result-schema.js';
import { type HomeViews, homeViews, renderGap } from './support/home.js';

export const DEFAULT_THRESHOLDS: Config['thresholds'] = ConfigSchema.parse({}).thresholds;

/** asOf is the homepage's fetch time (not the wall clock), so replays give identical results. */
export function detectionContext(site: SiteArtifacts, thresholds = DEFAULT_THRESHOLDS): DetectContext {
  const homes = site.pages.filter((p) => p.role === 'home');
  const home = homes.find((p) => p.crawler !== 'browser') ?? homes[0];
  const t = Date.parse(home?.fetchedAt ?? site.startedAt);
  return { asOf: new Date(Number.isFinite(t) ? t : Date.parse(site.startedAt) || 0), thresholds };
}

/** Where each need lives in the artifacts; a need whose artifact is not there cannot be judged. */
const NEED_FIELD: Record<ArtifactNeed, keyof SiteArtifacts> = {
  home: 'pages',
  rendered: 'pages',
  pages: 'pages',
  platforms: 'pages',
  probes: 'probes',
  linkChecks: 'linkChecks',
  interactions: 'interactions',
  availability: 'availability',
};

function missingNeed(ind: Indicator, site: SiteArtifacts): ArtifactNeed | undefined {
  return ind.needs.find((n) => {
    const v = (site as unknown as Record<string, unknown>)[NEED_FIELD[n]];
    return n === 'probes' || n === 'availability' ? typeof v !== 'object' || v === null : !Array.isArray(v);
  });
}

function unknownResult(id: string, reason: string): IndicatorResult {
  return { id, status: 'unknown', confidence: 0, reason, evidence: [] };
}

/** One indicator's result; `home` lets runIndicators compute the homepage views once per site. */
export function runIndicator(
  ind: Indicator,
  site: SiteArtifacts,
  ctx: DetectContext,
  home?: HomeViews,
): IndicatorResult {
  const id = ind.id;
  try {
    const need = missingNeed(ind, site);
    if (need) return unknownResult(id, `Not judged: the artifacts have no ${NEED_FIELD[need]} (needed: ${need}).`);
    const { views, blocker } = home ?? homeViews(site);
    if (blocker && blockedHomePolicy(ind) === 'unknown') return unknownResult(id, blocker);
    const input: DetectInput = { ...ctx, views, ...(blocker ? { blocker } : {}) };
    const out = ind.detect(site, input);
    const problem = outcomeProblem(out);
    if (problem) return unknownResult(id, `detector returned an invalid result: ${problem}`);
    const r: IndicatorResult = { id, ...out };
    // An absence read from raw HTML alone is weaker when the page builds itself with JavaScript.
    if (r.status === 'absent' && ind.needs.includes('rendered')) {
      const gap = renderGap(site);
      // A header or footer from a file the snapshot lacks may hold the entry: that cannot be judged.
      if (gap?.kind === 'chrome') {
        const value = r.value !== undefined ? { value: r.value } : {};
        const reason = `${r.reason} Not judged: ${gap.reason}.`;
        return { id, status: 'unknown', confidence: 0, reason, evidence: r.evidence, ...value };
      }
      if (gap) {
        r.confidence = Math.round(r.confidence * 0.6 * 100) / 100;
        r.reason = `${r.reason} Less certain: ${gap.reason}.`;
      }
    }
    return r;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return unknownResult(id, `detector failed: ${msg}`);
  }
}

/** One result per indicator in the catalogue (or the given subset), in catalogue order. */
export function runIndicators(site: SiteArtifacts, ctx: DetectContext, indicators = CATALOGUE): IndicatorResult[] {
  let home: HomeViews | undefined;
  try {
    home = homeViews(site);
  } catch {
    home = undefined; // each indicator then reports the failure itself
  }
  return indicators.map((ind) => runIndicator(ind, site, ctx, home));
}
