/** Running the catalogue over a site's artifacts: pure, deterministic, never throws. */
import type { IndicatorResult, SiteArtifacts } from '../src/types.js';
import { ConfigSchema, type Config } from '../src/config/config.js';
import type { DetectContext, Indicator } from './define.js';
import { CATALOGUE } from './catalogue.js';
import { renderGap } from './support/home.js';

export const DEFAULT_THRESHOLDS: Config['thresholds'] = ConfigSchema.parse({}).thresholds;

/** asOf is the homepage's fetch time (not the wall clock), so replays give identical results. */
export function detectionContext(site: SiteArtifacts, thresholds: Config['thresholds'] = DEFAULT_THRESHOLDS): DetectContext {
  const home = site.pages.find((p) => p.role === 'home' && p.crawler !== 'browser') ?? site.pages.find((p) => p.role === 'home');
  const t = Date.parse(home?.fetchedAt ?? site.startedAt);
  return { asOf: new Date(Number.isFinite(t) ? t : Date.parse(site.startedAt) || 0), thresholds };
}

export function runIndicator(ind: Indicator, site: SiteArtifacts, ctx: DetectContext): IndicatorResult {
  try {
    const r = ind.detect(site, ctx);
    if (r.id !== ind.id) r.id = ind.id;
    // An absence read from raw HTML alone is weaker when the page builds itself with JavaScript.
    if (r.status === 'absent' && ind.needs.includes('rendered')) {
      const gap = renderGap(site);
      // A header or footer from a file the snapshot lacks may hold the entry: that cannot be judged.
      if (gap?.kind === 'chrome') return { id: ind.id, status: 'unknown', confidence: 0, reason: `${r.reason} Not judged: ${gap.reason}.`, evidence: r.evidence, ...(r.value !== undefined ? { value: r.value } : {}) };
      if (gap) {
        r.confidence = Math.round(r.confidence * 0.6 * 100) / 100;
        r.reason = `${r.reason} Less certain: ${gap.reason}.`;
      }
    }
    return r;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { id: ind.id, status: 'unknown', confidence: 0, reason: `detector failed: ${msg}`, evidence: [] };
  }
}

/** One result per indicator in the catalogue (or the given subset), in catalogue order. */
export function runIndicators(site: SiteArtifacts, ctx: DetectContext, indicators: Indicator[] = CATALOGUE): IndicatorResult[] {
  return indicators.map((ind) => runIndicator(ind, site, ctx));
}
