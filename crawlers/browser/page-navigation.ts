/**
 * How the renderer reads a navigation: whether a request is the top-level document of our page,
 * and which page status an HTTP code or a Chromium network error stands for.
 */
import type { Request } from 'playwright';
import type { PageSnapshot } from '../../src/types.js';

/** Is this request the navigation of a page's top frame, and of which page? */
export function topLevelNavigation(req: Request): 'ours' | 'other-page' | undefined {
  if (!req.isNavigationRequest()) return undefined;
  try {
    const frame = req.frame();
    if (frame.parentFrame()) return undefined;
    // The first page of the context is ours; popups are closed as they open.
    return frame.page() === frame.page().context().pages()[0] ? 'ours' : 'other-page';
  } catch {
    return undefined;
  }
}

export function statusOf(http?: number): PageSnapshot['status'] {
  if (!http) return 'ok';
  if (http >= 500) return 'http_5xx';
  if (http >= 400) return [412, 468, 521].includes(http) ? 'challenge_failed' : 'http_4xx';
  return 'ok';
}

export function classifyNavError(msg: string): PageSnapshot['status'] {
  if (/ERR_NAME_NOT_RESOLVED/.test(msg)) return 'dns';
  if (/ERR_CONNECTION_REFUSED|ERR_ADDRESS_UNREACHABLE/.test(msg)) return 'refused';
  // Chromium gave up connecting or waiting for the first byte: nothing came back at all.
  if (/ERR_CONNECTION_TIMED_OUT|ERR_TIMED_OUT/.test(msg)) return 'geo_timeout';
  if (/ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_EMPTY_RESPONSE/.test(msg)) return 'reset';
  if (/ERR_CERT|ERR_SSL/.test(msg)) return 'tls';
  if (/ERR_TOO_MANY_REDIRECTS/.test(msg)) return 'redirect_loop';
  if (/ERR_BLOCKED_BY_CLIENT/.test(msg)) return 'policy_denied';
  if (/ERR_ABORTED|Download is starting/.test(msg)) return 'bad_content';
  return 'error';
}
