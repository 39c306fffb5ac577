/** The bottom layer's vocabulary of detection: indicator results, their evidence and the dimensions. */

/** present = the capability exists / the norm is met; absent = it does not; unknown = could not tell. */
export type IndicatorStatus = 'present' | 'absent' | 'unknown';

export const DIMENSIONS = [
  'supply',
  'data',
  'response',
  'intelligence',
  'inclusion',
  'norms',
  'platform',
  'health',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export type EvidenceKind =
  | 'text' // matched visible text
  | 'link' // an <a>/<area> with href
  | 'attribute' // alt/title/aria-label/onclick …
  | 'meta'
  | 'script' // script src or inline script content
  | 'iframe'
  | 'form'
  | 'header' // an HTTP response header
  | 'request' // a network request the browser made
  | 'probe' // robots/sitemap/tls/dns/search probe
  | 'count' // a number read from a page or API
  | 'interaction' // a browser action and its outcome
  | 'absence'; // what was searched and where, when nothing was found

export interface Evidence {
  kind: EvidenceKind;
  /** Page (or probe) URL the evidence was read from. */
  url: string;
  /** CSS selector / attribute path of the matched node, when there is one. */
  selector?: string;
  /** The signal that matched (pattern source or literal). */
  pattern?: string;
  /** Short excerpt around the match (≤ 300 chars), untrusted text. */
  snippet?: string;
  /** bodyHash of the page snapshot the evidence comes from. */
  pageHash?: string;
  fetchedAt?: string;
  /** Came from the rendered (post-JavaScript) DOM or the browser's requests. */
  rendered?: boolean;
  /** sha256 of a screenshot blob. */
  screenshotHash?: string;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

export interface IndicatorResult {
  id: string;
  status: IndicatorStatus;
  /** Measured value; shape documented per indicator in the data dictionary. */
  value?: JsonValue;
  /** 0..1: how sure the detector is of the status. */
  confidence: number;
  /** One sentence a person can check against the evidence. Always set. */
  reason: string;
  evidence: Evidence[];
  /** True when the result depended on the rendered DOM / browser requests. */
  needsRender?: boolean;
}
