/**
 * What each site status (FETCH_STATUSES, the `site_status` column) means, for the data dictionary.
 * Every status but `ok` means the homepage could not be read from where the run ran: the site has
 * no score (not zero) and indicators that need the page are `unknown`, never `absent`.
 */
import type { FetchStatus } from '../types.js';

export const SITE_STATUS_NOTES: Record<FetchStatus, string> = {
  ok: 'the homepage was read',
  dns: 'the host name does not resolve',
  refused: 'TCP connection refused or host unreachable',
  reset: 'the connection was reset or closed mid-response',
  geo_timeout:
    'unreachable from where the run ran: the connection or the first byte never came, also on a patient retry (from outside mainland China the usual case for more than half of government sites); says nothing about the site, never scored as absent',
  timeout: 'the response started but did not complete in time (body still arriving, page load not finished)',
  tls: 'the TLS handshake failed and no content could be read',
  http_4xx: 'the homepage answered 4xx',
  http_5xx: 'the homepage answered 5xx, also on retries',
  blocked: 'an anti-bot / WAF challenge (412, 468, 521, a JavaScript shell) or persistent 429',
  robots_denied: 'robots.txt disallows govscan',
  too_large: 'the body (or decompressed body) is over the configured limit',
  redirect_loop: 'redirects loop or exceed 10 hops',
  bad_content: 'not HTML where HTML was expected, or undecodable',
  policy_denied: 'refused by govscan itself (non-http(s), private address, out of scope)',
  skipped: 'the time budget ran out before the request',
  error: 'anything else; the error says what',
};
