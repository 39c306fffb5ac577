/**
 * Broken-link check: up to `linkChecksPerSite` distinct links, homepage links before column links,
 * sampled deterministically within each tier (ordered by a hash of the URL, so reruns check the same links),
 * HEAD first and GET when HEAD is refused or fails (many servers mishandle HEAD).
 */
import type { FetchStatus, LinkCheck, PageSnapshot } from '../../src/types.js';
import { withinRoot } from './scope.js';
import type { SiteServices } from './services.js';
import { sha256 } from './snapshot.js';

const WORKERS = 4;
const MAX_PER_EXTERNAL_HOST = 2;
/** A GET fallback only needs the status: stop reading after this much. */
const GET_PEEK_BYTES = 16 * 1024;
/** HEAD answers that a GET would not change (everything else gets a GET: many servers mishandle HEAD). */
const HEAD_IS_ENOUGH = new Set<FetchStatus>(['ok', 'policy_denied', 'skipped', 'dns', 'tls']);
/**
 * The link sample is its own measurement and runs last, after the page crawl, the homepage render
 * (which can wait long in a shared browser queue) and the search probe. Without an allowance of its
 * own a slow render leaves no time and every link comes back "skipped" (→ unknown). Internal links
 * go one at a time to the portal host (per-host politeness), and a loaded government server takes
 * one to two seconds per answer: the allowance is sized per link.
 */
export const LINK_CHECK_MS_PER_LINK = 2_000;
export const LINK_CHECK_MIN_ALLOWANCE_MS = 20_000;
/** A host measured slower than this per answer is still given no more per link (a dying host stays bounded). */
export const LINK_CHECK_MAX_MS_PER_LINK = 10_000;

/**
 * The deadline link checks run under: the site's, but never less than the allowance for `links`
 * from now, at the portal host's measured pace (`paceMs`: answer time + politeness pause) when it
 * is slower than the default per link.
 */
export function linkCheckDeadline(siteDeadline: number, links: number, now = Date.now(), paceMs?: number): number {
  const perLink = Math.min(LINK_CHECK_MAX_MS_PER_LINK, Math.max(LINK_CHECK_MS_PER_LINK, paceMs ?? 0));
  return Math.max(siteDeadline, now + Math.max(LINK_CHECK_MIN_ALLOWANCE_MS, links * perLink));
}

/**
 * Page outcomes that answer a link check of the same URL: plain HTTP answers. Not reused: pages
 * never requested (robots), and outcomes that describe the page rather than the link (too large,
 * not HTML) — a link check would call those fine. The benchmark counts requests by the same rule.
 */
export const REUSABLE_PAGE_STATUSES: readonly FetchStatus[] = ['ok', 'http_4xx', 'http_5xx'];

export type KnownAnswers = ReadonlyMap<string, Pick<LinkCheck, 'status' | 'httpStatus'>>;

/** The answers a site's own HTTP page fetches give its link sample, by requested URL. */
export function answersFromPages(pages: readonly PageSnapshot[]): KnownAnswers {
  const m = new Map<string, Pick<LinkCheck, 'status' | 'httpStatus'>>();
  for (const p of pages)
    if (
      p.crawler === 'http' &&
      p.httpStatus !== undefined &&
      REUSABLE_PAGE_STATUSES.includes(p.status) &&
      !m.has(p.url)
    )
      m.set(p.url, { status: p.status, httpStatus: p.httpStatus });
  return m;
}

export interface LinkCheckOptions {
  svc: SiteServices;
  site: string;
  /** Links of the homepage (first) and columns, duplicates allowed. */
  pool: readonly { url: string; fromUrl: string; text: string }[];
  /** The site's host root and port: links within them are internal. */
  siteRoot: string;
  sitePort: string;
  deadline: number;
  /** Hosts whose certificate already failed for this site: links there are checked for existence only. */
  unverifiedHosts?: ReadonlySet<string>;
  /**
   * Answers the site crawl already has: a link that was fetched as a page (a GET of the same URL,
   * redirects followed) is not requested again — one request fewer on a politely paced host, and
   * the stored page is the evidence.
   */
  crawled?: KnownAnswers;
}

export async function checkLinks(opts: LinkCheckOptions): Promise<LinkCheck[]> {
  const { svc, site, pool, siteRoot, sitePort, unverifiedHosts, crawled } = opts;
  const n = svc.config.crawl.linkChecksPerSite;
  if (!n) return [];
  const byUrl = new Map<string, { url: string; fromUrl: string; text: string }>();
  for (const l of pool) if (!byUrl.has(l.url)) byUrl.set(l.url, l);
  // At most a couple of links per external host: a shared host (beian, CONAC…) says little about this site.
  const perExternalHost = new Map<string, number>();
  // Homepage links first, then column links: the checklist's 错链/断链 is judged on the homepage
  // first, and a pool where column articles outnumber homepage links would dilute a homepage whose
  // link directory is rotten (e.g. 14 of 52 links dead) to a harmless-looking rate. The crawl
  // discovers the homepage before anything else, so the first entry's source is the homepage.
  const homeUrl = pool[0]?.fromUrl;
  const sample = [...byUrl.values()]
    .map((l) => ({ l, tier: l.fromUrl === homeUrl ? 0 : 1, key: sha256(`${site}\u0000${l.url}`) }))
    .sort((a, b) => a.tier - b.tier || (a.key < b.key ? -1 : 1))
    .map((x) => x.l)
    .filter((l) => {
      const u = new URL(l.url);
      if (withinRoot(u, siteRoot, sitePort)) return true;
      const n = perExternalHost.get(u.host) ?? 0;
      perExternalHost.set(u.host, n + 1);
      return n < MAX_PER_EXTERNAL_HOST;
    })
    .slice(0, n);

  // Internal links queue one at a time on the portal host: its measured pace sizes the allowance.
  const internal = sample.find((l) => withinRoot(new URL(l.url), siteRoot, sitePort) && !crawled?.has(l.url));
  const pace = internal && svc.client.gate.paceMs(new URL(internal.url).host);
  const deadline = linkCheckDeadline(opts.deadline, sample.length, Date.now(), pace);
  const out: LinkCheck[] = new Array(sample.length);
  let next = 0;
  const worker = async () => {
    while (next < sample.length) {
      const i = next++;
      const l = sample[i]!;
      const known = crawled?.get(l.url);
      const internal = withinRoot(new URL(l.url), siteRoot, sitePort);
      if (known) {
        out[i] = { url: l.url, fromUrl: l.fromUrl, linkText: l.text || undefined, internal, ...known };
        continue;
      }
      out[i] = await checkOne({ svc, site, link: l, internal, deadline, unverifiedHosts });
    }
  };
  await Promise.all(Array.from({ length: Math.min(WORKERS, sample.length) }, worker));
  return out.filter(Boolean);
}

/**
 * The same URL linked from many portals (beian.miit.gov.cn, the national platform, CONAC…) is
 * checked once per crawler: its answer does not depend on which site links it, and hammering a
 * shared host hundreds of times would be both slow (per-host pacing) and impolite.
 */
export class LinkCheckCache {
  private readonly results = new Map<string, Promise<Pick<LinkCheck, 'status' | 'httpStatus'>>>();

  get(
    url: string,
    check: () => Promise<Pick<LinkCheck, 'status' | 'httpStatus'>>,
  ): Promise<Pick<LinkCheck, 'status' | 'httpStatus'>> {
    let r = this.results.get(url);
    if (!r) {
      r = check();
      if (this.results.size > 50_000) this.results.delete(this.results.keys().next().value!);
      this.results.set(url, r);
      // "skipped" (a site's time budget ran out) is not an answer about the link.
      void r.then((x) => {
        if (x.status === 'skipped') this.results.delete(url);
      });
    }
    return r;
  }
}

interface OneCheck extends Pick<LinkCheckOptions, 'svc' | 'site' | 'deadline' | 'unverifiedHosts'> {
  link: { url: string; fromUrl: string; text: string };
  internal: boolean;
}

/** HEAD, else GET; a certificate failure is tried again without verification (does the target exist?). */
async function checkOne({ svc, site, link: l, internal, deadline, unverifiedHosts }: OneCheck): Promise<LinkCheck> {
  const base = { url: l.url, fromUrl: l.fromUrl, linkText: l.text || undefined, internal };
  // The answer depends on whether the certificate is verified, so that is part of the cache key.
  const key = unverifiedHosts?.has(new URL(l.url).host) ? `${l.url}\u0000unverified` : l.url;
  const outcome = await svc.linkChecks.get(key, async () => {
    if (svc.config.crawl.respectRobotsTxt) {
      const { robots } = await svc.robots.get(new URL(l.url).origin, site, deadline, unverifiedHosts);
      if (!robots.isAllowed(l.url)) return { status: 'robots_denied' as const };
    }
    const probe = async (hosts?: ReadonlySet<string>) => {
      const request = { url: l.url, role: 'link_check' as const, site, deadline, unverifiedHosts: hosts };
      const head = await svc.client.fetch({ ...request, method: 'HEAD', noRetry: true });
      if (HEAD_IS_ENOUGH.has(head.status)) return { status: head.status, httpStatus: head.httpStatus };
      const get = await svc.client.fetch({ ...request, bodyLimit: GET_PEEK_BYTES });
      return { status: get.status, httpStatus: get.httpStatus };
    };
    const first = await probe(unverifiedHosts);
    if (first.status !== 'tls') return first;
    // A bad certificate is the https indicator's finding, not a broken link: does the target exist?
    return probe(new Set([...(unverifiedHosts ?? []), new URL(l.url).host]));
  });
  return { ...base, ...outcome };
}
