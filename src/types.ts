/**
 * The shared vocabulary of the pipeline:
 *   registry → crawl → artifacts → indicators → SQLite → scoring → export/report.
 * Every stage speaks these types; nothing here does any work.
 */
import type { PageRole } from '../crawlers/page-roles.js';
import type { AvailabilitySummary } from './types-availability.js';

// ───────────────────────────── registry ─────────────────────────────

/** Kinds of the prefecture-level registry (localities.csv). */
export const PREFECTURE_KINDS = [
  'municipality',
  'prefecture_city',
  'autonomous_prefecture',
  'prefecture',
  'league',
] as const;
/** Kinds of the county-level registry (counties.csv): the values that file has, from the name suffix. */
export const COUNTY_KINDS = [
  'district',
  'county',
  'county_city',
  'autonomous_county',
  'banner',
  'autonomous_banner',
  'special_district',
  'forestry_district',
] as const;
export const REGISTRY_KINDS = [...PREFECTURE_KINDS, ...COUNTY_KINDS] as const;
/**
 * Every kind a stored site may have: the registry's, plus `adhoc` for a site checked by URL
 * (`govscan check https://…`) that is not in the registry. Ad-hoc sites are scored but never
 * ranked or tiered with the registry's localities (src/scoring/score.ts).
 */
export const LOCALITY_KINDS = [...REGISTRY_KINDS, 'adhoc'] as const;
export type LocalityKind = (typeof LOCALITY_KINDS)[number];

/** Registry levels: the 337 prefecture-level governments, the ~2,840 county-level ones, or both. */
export const LEVELS = ['prefecture', 'county'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_CHOICES = [...LEVELS, 'all'] as const;
export type LevelChoice = (typeof LEVEL_CHOICES)[number];

/**
 * What the registry's URL checks say against a county row's portal URL (counties_url_checks.csv):
 * `doubtful` (DOUBTFUL / verify notes: maybe not this government's portal), `unreachable` (the
 * probe got no page and nobody confirmed it by hand), `waf` (blocked for scripts, confirmed in a
 * browser), `small_body` (a tiny page at probe: a JS challenge or redirect shell?).
 */
export const URL_FLAGS = ['doubtful', 'unreachable', 'waf', 'small_body'] as const;
export type UrlFlag = (typeof URL_FLAGS)[number];

export interface Locality {
  /**
   * 6-digit GB/T 2260 code for registry localities, e.g. "510100"; for an ad-hoc site
   * `adhoc:` + host[:port][/path][?query] of its URL, e.g. "adhoc:www.example.gov.cn"
   * (src/registry/adhoc.ts).
   */
  code: string;
  name: string;
  province: string;
  kind: LocalityKind;
  /** Portal homepage as given by the registry (scheme is a hint). */
  portalUrl: string;
  urlSource: string;
  /** County rows: the prefecture-level row (or 省直辖 group: 419000, 429000, 469000, 659000) they belong to. */
  prefectureCode?: string;
  /** County rows the URL checks doubt, with the check's note: shown, never dropped. */
  urlFlag?: UrlFlag;
  urlNote?: string;
}

// ───────────────────────────── crawling ─────────────────────────────

/**
 * Terminal status of one fetch, and of a whole site (its homepage's).
 * Retryable: geo_timeout (once, patiently), timeout, reset, http_5xx (and 429). Everything else is final.
 * Failures say nothing about a site's content: indicators that need the page are `unknown`, never absent.
 */
export const FETCH_STATUSES = [
  'ok',
  'dns', // name does not resolve
  'refused', // TCP connection refused / host unreachable
  'reset', // connection reset or closed mid-response
  // The connection or the first byte never came (TCP connect or time to first byte ran out, or a
  // proxy's connect/read timeout before headers). From outside mainland China this is the usual
  // case for more than half of government sites: unreachable from here, never scored as absent.
  'geo_timeout',
  'timeout', // a response started but did not complete in time (body dripping, page load not finished)
  'tls', // TLS handshake failed (only when TLS errors are not ignored)
  'http_4xx',
  'http_5xx',
  // The block taxonomy (crawlers/http/block-shapes.ts): never read as "the site lacks it".
  'challenge_failed', // an anti-bot challenge page (Ruishu, 加速乐, acw…) that was not passed; vendor in `challenge`
  'ip_block_page', // a WAF block page (360 访问异常页面, 安全狗, 云锁…) instead of content
  'rate_limited', // 429 still after the retries
  'soft_404', // 404 whose page only sends the visitor on by script (usually to the homepage)
  'robots_denied',
  'too_large', // body or decompressed body over the limit
  'redirect_loop',
  'bad_content', // not HTML where HTML was expected, undecodable
  'policy_denied', // refused by govscan itself: non-http(s), private address, out of scope
  'skipped', // budget exhausted before this request ran
  'error', // anything else; the message says what
] as const;
export type FetchStatus = (typeof FETCH_STATUSES)[number];

/** Statuses of a site that answered with something other than its content: never "absent". */
export const BLOCK_STATUSES: ReadonlySet<FetchStatus> = new Set<FetchStatus>([
  'challenge_failed',
  'ip_block_page',
  'rate_limited',
  'soft_404',
]);

/** Why a page was fetched: a role of the page-role table (crawlers/page-roles.ts), their one source (type only: the bottom layer imports no crawler code). */
export type { PageRole } from '../crawlers/page-roles.js';

export type CrawlerKind = 'http' | 'browser' | 'probe';

export interface PageSnapshot {
  /** The URL that was requested. */
  url: string;
  /** After redirects. */
  finalUrl: string;
  role: PageRole;
  status: FetchStatus;
  httpStatus?: number;
  /** Response headers, lower-cased names. */
  headers: Record<string, string>;
  contentType?: string;
  /** Charset the body was decoded with, and how it was chosen. */
  charset?: string;
  charsetSource?: 'bom' | 'header' | 'meta' | 'sniffed' | 'default';
  /** Decoded document (HTML / JSON / text). Absent for failures and link checks. */
  body?: string;
  /** sha256 (hex) of the raw response bytes; the snapshot blob key. */
  bodyHash?: string;
  /** The raw response bytes, in memory until the store writes them as the snapshot blob. */
  raw?: Buffer;
  bytes?: number;
  fetchedAt: string; // ISO 8601
  crawler: CrawlerKind;
  depth: number;
  referrer?: string;
  /** Text of the link that led here (helps explain role assignment). */
  linkText?: string;
  title?: string;
  error?: string;
  durationMs?: number;
  /** HTTP requests made for this page (HTTP crawler): over 1 means it was retried, e.g. a silent host's patient retry. */
  attempts?: number;
  /** Network requests the browser made while loading (browser crawler only). */
  requests?: NetworkRequest[];
  /** sha256 of a PNG screenshot blob (browser crawler only). */
  screenshotHash?: string;
  /** The PNG itself, in memory until the store writes it as a blob (not persisted on the object). */
  screenshot?: Buffer;
  /** Set when the page came through (or stopped at) an anti-bot challenge. */
  challenge?: ChallengeRecord;
}

/** Who made the challenge page (recognised by crawlers/http/block-shapes.ts). */
export type ChallengeVendor = 'ruishu' | 'jsl' | 'acw' | 'wzws' | 'yunsuo' | 'cloudflare' | 'generic';

export interface ChallengeRecord {
  vendor: ChallengeVendor;
  /** Did this page get past it? */
  passed: boolean;
  /**
   * How: `browser` — Chromium ran the challenge and reloaded; `cookies` — HTTP with the cookies
   * (and User-Agent) the browser earned for the site; `none` — not passed.
   */
  via: 'browser' | 'cookies' | 'none';
  /** Challenge reloads the browser went through, and time spent waiting them out. */
  reloads?: number;
  waitedMs?: number;
}

export interface NetworkRequest {
  url: string;
  resourceType: string;
  status?: number;
  failed?: string;
}

export interface ProbeResult {
  url: string;
  status: FetchStatus;
  httpStatus?: number;
  body?: string;
  bodyHash?: string;
  headers?: Record<string, string>;
  finalUrl?: string;
  error?: string;
  fetchedAt: string;
}

export interface TlsFacts {
  /** Could an https connection be made at all? */
  httpsAvailable: boolean;
  /** Certificate chain valid for the host (against system CAs + configured extra CAs). */
  certValid: boolean;
  certError?: string;
  issuer?: string;
  validTo?: string;
  /** Does http:// redirect to https:// ? */
  redirectsToHttps?: boolean;
  /** Strict-Transport-Security header, if any. */
  hsts?: string;
  fetchedAt: string;
}

export interface DnsFacts {
  a: string[];
  aaaa: string[];
  error?: string;
  /** Was an IPv6 connection attempted and did it succeed? undefined = not attempted. */
  ipv6Reachable?: boolean;
  resolver: string; // "system" or "127.0.0.1:5353"
  fetchedAt: string;
}

export interface SiteProbes {
  robots?: ProbeResult; // /robots.txt
  sitemapXml?: ProbeResult; // /sitemap.xml (or from robots Sitemap:)
  notFound?: ProbeResult; // a random path, to see how 404s behave
  tls?: TlsFacts;
  dns?: DnsFacts;
  /** A site-search request made with a common query (e.g. 政府), if a search form was found. */
  search?: ProbeResult & { query: string };
}

export interface LinkCheck {
  url: string;
  fromUrl: string;
  linkText?: string;
  status: FetchStatus;
  httpStatus?: number;
  internal: boolean;
}

/** Outcome of acting on a page in the browser (issue 5). */
export interface Interaction {
  capability: 'accessibility_mode' | 'elderly_mode' | 'smart_qa' | 'site_search';
  outcome: 'verified' | 'not_working' | 'not_found' | 'error';
  detail: string;
  screenshotHash?: string;
  /** The PNG itself, in memory until the store writes it as a blob. */
  screenshot?: Buffer;
  at: string;
  /** smart_qa: the fixed question asked (audit.qaQuestion) and what came back. */
  asked?: QaExchange;
}

export interface QaExchange {
  question: string;
  /** A reply text appeared (not only the question echoed). */
  answered: boolean;
  /** The reply's first line, as shown (≤ 200 characters). */
  reply?: string;
}

/** Everything collected for one site in one run. Detection reads only this. */
export interface SiteArtifacts {
  locality: Locality;
  startedAt: string;
  finishedAt: string;
  /** Terminal status of the site: its homepage's status. */
  siteStatus: FetchStatus;
  siteError?: string;
  /**
   * The anti-bot challenge the homepage put up and how it ended: passed (`via` cookies or browser:
   * the site was measured as if unprotected, status ok) or not (status challenge_failed).
   */
  challenge?: ChallengeRecord;
  pages: PageSnapshot[];
  probes: SiteProbes;
  linkChecks: LinkCheck[];
  interactions: Interaction[];
  /** The availability monitor's window summary, attached by the crawl from the monitor table (src/monitor/). */
  availability?: AvailabilitySummary;
}

// Availability monitoring's vocabulary, likewise.
export * from './types-availability.js';
// Detection's vocabulary (results, evidence, dimensions) lives in its own file of this layer.
export * from './types-detection.js';

// ───────────────────────────── runs ─────────────────────────────

export type RunKind = 'crawl' | 'check' | 'audit' | 'replay';
export type RunState = 'running' | 'done' | 'interrupted' | 'failed';
