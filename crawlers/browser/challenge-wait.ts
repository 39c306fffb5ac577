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

/**
 * The challenge this load met (undefined when its documents had none), once the last document is
 * past it and parsed, or `waitMs` is spent. `served` lists the top-level documents in the order
 * served (a document is listed before Chromium gets it); `parsed` counts the page's
 * DOMContentLoaded events, so the page read afterwards is the new document, not the challenge.
 */
export async function waitOutChallenge(
  served: () => readonly ServedDocument[],
  parsed: () => number,
  waitMs: number,
): Promise<ChallengeRecord | undefined> {
  const first = served().findIndex(isChallenge);
  if (first < 0) return undefined;
  const vendor = challengeVendor(served()[first]!.result.block!);
  const start = Date.now();
  const pending = () => {
    const docs = served();
    return isChallenge(docs.at(-1)) || parsed() < docs.filter((d) => !isRedirect(d)).length;
  };
  while (pending() && Date.now() - start < waitMs) await new Promise((r) => setTimeout(r, POLL_MS));
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
