/**
 * What a site's status (its homepage's fetch status) and its access column mean, for the data
 * dictionary. A Record over FetchStatus, so a new status cannot ship without its meaning.
 */
import type { FetchStatus } from '../types.js';

export const SITE_STATUS_MEANING: Record<FetchStatus, string> = {
  ok: 'the homepage was read (directly, or past a challenge: see the access column)',
  dns: 'the host name does not resolve',
  refused: 'the TCP connection was refused or the host is unreachable',
  reset: 'the connection was reset or closed mid-response',
  geo_timeout:
    'unreachable from where the run ran: the connection or the first byte never came, also on a patient retry (from outside mainland China the usual case for more than half of government sites); says nothing about the site, never scored as absent',
  timeout: 'the response started but did not complete in time (body still arriving, page load not finished)',
  tls: 'no content could be read because the TLS handshake failed',
  http_4xx: 'the homepage answered a client error (403, 404, …)',
  http_5xx: 'the homepage answered a server error, also on retries',
  challenge_failed:
    'an anti-bot challenge (Ruishu 瑞数, 加速乐 jsl, Alibaba acw, 玄武盾 wzws, 云锁 yunsuo, Cloudflare, generic) answered and the browser did not get past it within the wait; the vendor is in the access column and the evidence keeps the rendered attempt',
  ip_block_page: 'a WAF block page (360 访问异常页面, 安全狗, 云锁, 创宇盾, …) answered instead of the content',
  rate_limited: 'HTTP 429 still after the retries',
  soft_404: 'the portal URL answers 404 with a page that only redirects by script; the registry URL needs checking',
  robots_denied: "robots.txt disallows govscan's user agent (or its server failed: then nothing may be crawled)",
  too_large: 'the homepage (or its decompressed body) is over the size limit',
  redirect_loop: 'redirects never end',
  bad_content: 'not a text document (binary, a PDF or archive labelled as HTML)',
  policy_denied: 'refused by govscan itself (not http(s), a private address)',
  skipped: 'not requested: the time budget ran out or the run stopped',
  error: 'anything else; the error says what',
};

export const ACCESS_MEANING: Record<string, string> = {
  direct: 'the content was read without any challenge',
  'challenge_passed: <vendor> via cookies':
    'the browser passed the challenge once and its cookies (with the User-Agent they are bound to) carried the HTTP crawl: measured as if unprotected',
  'challenge_passed: <vendor> via browser':
    'HTTP was refused even with the cookies (a challenge on every page): pages were read in the browser within a smaller page budget (crawl.challengeBrowserPages)',
  'challenge_failed: <vendor>': 'the challenge was not passed; page-dependent indicators are unknown, never absent',
};
