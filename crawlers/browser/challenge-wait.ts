/**
 * Waiting out an anti-bot challenge as a visitor's browser does: the page's own script computes
 * its cookie and reloads, and we only wait (bounded) until the top-level document is no longer a
 * challenge. Nothing in the page is faked or patched, so a challenge that rejects automation
 * stays unpassed and is reported as such.
 */
import type { ChallengeRecord } from '../../src/types.js';
import { challengeVendor } from '../http/block-shapes.js';
import type { ServedDocument } from './document.js';

const POLL_MS = 150;

const isChallenge = (d: ServedDocument | undefined) => d?.result.block?.kind === 'challenge';

const isRedirect = (d: ServedDocument) => (d.result.httpStatus ?? 0) >= 300 && (d.result.httpStatus ?? 0) < 400;

export interface ChallengeWait {
  /** The top-level documents in the order served (a document is listed before Chromium gets it). */
  served: () => readonly ServedDocument[];
  /** The page's main-frame navigations, so the page read afterwards is the new document, not the challenge. */
  parsed: () => number;
  /** A top-level document is being fetched now: the page's script has asked for its reload. */
  fetching: () => boolean;
  /** How long the page's script gets to solve the challenge and ask for the reload. */
  waitMs: number;
  /** How long a reload already asked for may take to arrive (the rest of the load allowance). */
  loadMs: number;
}

/**
 * The challenge this load met (undefined when its documents had none), once the last document is
 * past it and parsed, or the wait is spent: `waitMs` for the script to ask for its reload, and
 * while that reload is on its way, up to `loadMs` (a slow server is not a failed challenge).
 */
export async function waitOutChallenge(w: ChallengeWait): Promise<ChallengeRecord | undefined> {
  const { served, parsed, fetching, waitMs, loadMs } = w;
  const first = served().findIndex(isChallenge);
  if (first < 0) return undefined;
  const vendor = challengeVendor(served()[first]!.result.block!);
  const start = Date.now();
  const pending = () => {
    const docs = served();
    return isChallenge(docs.at(-1)) || parsed() < docs.filter((d) => !isRedirect(d)).length;
  };
  const more = () => {
    const spent = Date.now() - start;
    return spent < waitMs || (fetching() && spent < loadMs);
  };
  while (pending() && more()) await new Promise((r) => setTimeout(r, POLL_MS));
  const docs = served();
  const last = docs.at(-1)!;
  const passed = !isChallenge(last) && last.decoded.status === 'ok';
  return {
    vendor,
    passed,
    via: passed ? 'browser' : 'none',
    reloads: docs.length - 1 - first,
    waitedMs: Date.now() - start,
  };
}
