/** The common shape of "is there an entry link on the homepage" detectors. */
import type { Evidence } from '../../src/types.js';
import type { Concept } from '../concepts/index.js';
import type { Outcome } from '../define.js';
import { absent, linkEvidence, present } from './evidence.js';
import { absenceEvidence, type View } from './home.js';
import { bestEntry, describeMatch, entryConfidence, type LinkMatch } from './links.js';

export interface EntryFound {
  match: LinkMatch;
  view: View;
  evidence: Evidence;
  value: { url: string; host: string; text?: string };
  confidence: number;
  reason: string;
}

/** Find the best entry in the homepage views; a `none` result is ready to return. */
export function findEntry(
  views: View[],
  concept: Concept,
  what: string,
  maxLabel?: number,
): { found?: EntryFound; result?: Outcome } {
  const best = bestEntry(views, concept, maxLabel);
  if (!best)
    return {
      result: absent(
        undefined,
        0.75,
        `No ${what} entry on the homepage.`,
        absenceEvidence(views, `concept ${concept.id}`),
      ),
    };
  const l = best.match.link;
  const url = l.url ?? best.view.model.url;
  return {
    found: {
      match: best.match,
      view: best.view,
      evidence: linkEvidence(best.view.page, l, best.match.pattern),
      value: { url, host: l.host ?? new URL(url).hostname, ...(l.label ? { text: l.label } : {}) },
      confidence: entryConfidence(best.match),
      reason: `${what} entry found by ${describeMatch(best.match)}${best.view.rendered ? ' in the rendered DOM' : ''}`,
    },
  };
}

export function simpleEntry(views: View[], concept: Concept, what: string): Outcome {
  const { found, result } = findEntry(views, concept, what);
  if (result) return result;
  return present(found!.value, found!.confidence, `${found!.reason}.`, [found!.evidence], found!.view.rendered);
}
