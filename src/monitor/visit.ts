/**
 * What one probe answer means: did the homepage open within the limit (the 2019 rule), what does
 * it say (content hash, headlines), and did it change unexpectedly since the last open visit.
 * Pure: the scheduler hands in the answer and the previous visit.
 */
import { findDates } from '../../indicators/page/dates.js';
import { pageModel } from '../../indicators/page/model.js';
import { sha256 } from '../store/integrity.js';
import type { FetchStatus, MonitorVisit, VisitOutcome, VisitTimings } from '../types.js';

/** What a prober reports for one homepage visit. */
export interface ProbeAnswer {
  fetchStatus: FetchStatus;
  httpStatus?: number;
  finalUrl?: string;
  timings: VisitTimings;
  /** The decoded body, when one came back. */
  body?: string;
  /** The block shape the answer is (crawlers/http/block-shapes.ts). */
  block?: { kind: string; vendor: string };
  error?: string;
}

const HEADLINES = 10;
/** Our vantage refused, not the site down: such visits are neither open nor failed. */
const VANTAGE_REFUSED: ReadonlySet<FetchStatus> = new Set<FetchStatus>([
  'ip_block_page',
  'rate_limited',
  'policy_denied',
]);

export function visitOutcome(a: ProbeAnswer, failAfterMs: number): VisitOutcome {
  if (VANTAGE_REFUSED.has(a.fetchStatus)) return 'blocked';
  const inTime = a.timings.totalMs !== undefined && a.timings.totalMs <= failAfterMs;
  // A JavaScript challenge opens in a citizen's browser whatever its HTTP status (Ruishu 412, 加速乐
  // 521 by design): the site is up, and the challenge is recorded with the visit.
  if (a.fetchStatus === 'challenge_failed') return inTime ? 'ok' : 'failed';
  return a.fetchStatus === 'ok' && (a.httpStatus ?? 200) < 400 && inTime ? 'ok' : 'failed';
}

/** Texts of the first links in dated list rows: what the homepage currently announces. */
export function headlines(body: string, url: string, asOf: Date): string[] {
  const model = pageModel({
    url,
    finalUrl: url,
    role: 'home',
    status: 'ok',
    headers: {},
    body,
    fetchedAt: asOf.toISOString(),
    crawler: 'http',
    depth: 0,
  });
  const out: string[] = [];
  for (const row of model.rows) {
    if (out.length >= HEADLINES) break;
    const label = row.links[0]?.text.trim();
    if (!row.inChrome && label && findDates(row.text, asOf).length) out.push(label.slice(0, 120));
  }
  return out;
}

/**
 * Against the previous open visit: undefined (same page), 'changed', or 'unexpected:<why>' when the
 * page was replaced by a block page or a placeholder (a page that had dated headlines has none).
 */
export function changeOf(
  prev: Pick<MonitorVisit, 'contentHash' | 'headlines'> | undefined,
  cur: { contentHash: string; headlines: string[]; block?: ProbeAnswer['block'] },
): string | undefined {
  if (cur.block && cur.block.kind !== 'challenge') return `unexpected:${cur.block.kind} (${cur.block.vendor})`;
  if (!prev?.contentHash || prev.contentHash === cur.contentHash) return undefined;
  const hadHeadlines = (prev.headlines?.length ?? 0) >= 3;
  if (hadHeadlines && cur.headlines.length === 0) return 'unexpected:placeholder (every dated headline gone)';
  return 'changed';
}

/** The visit record of an answer (change tracking for open visits that carried a body). */
export function visitRecord(
  code: string,
  slotMs: number,
  startedAt: number,
  a: ProbeAnswer,
  ctx: { failAfterMs: number; vantage: string; previous?: MonitorVisit },
): MonitorVisit {
  const outcome = visitOutcome(a, ctx.failAfterMs);
  const visit: MonitorVisit = {
    code,
    slotMs,
    outcome,
    startedAt: new Date(startedAt).toISOString(),
    fetchStatus: a.fetchStatus,
    ...(a.httpStatus !== undefined ? { httpStatus: a.httpStatus } : {}),
    timings: a.timings,
    ...(a.block ? { challenge: `${a.block.kind}:${a.block.vendor}` } : {}),
    vantage: ctx.vantage,
    ...(a.error ? { error: a.error } : {}),
  };
  if (a.body === undefined || outcome === 'failed') return visit;
  const contentHash = sha256(a.body);
  const heads = headlines(a.body, a.finalUrl ?? 'http://localhost/', new Date(startedAt));
  const change = changeOf(ctx.previous, { contentHash, headlines: heads, block: a.block });
  return { ...visit, contentHash, headlines: heads, ...(change ? { change } : {}) };
}
