/**
 * Broken-link check: up to `linkChecksPerSite` distinct links from the homepage and columns,
 * sampled deterministically (ordered by a hash of the URL, so reruns check the same links),
 * HEAD first and GET when HEAD is refused or fails (many servers mishandle HEAD).
 */
import type { LinkCheck } from '../../src/types.js';
import { sha256 } from './snapshot.js';
import { withinRoot } from './scope.js';
import type { SiteServices } from './services.js';

const WORKERS = 4;
const MAX_PER_EXTERNAL_HOST = 2;
/** A GET fallback only needs the status: stop reading after this much. */
const GET_PEEK_BYTES = 16 * 1024;

export async function checkLinks(
  svc: SiteServices,
  site: string,
  pool: { url: string; fromUrl: string; text: string }[],
  siteRoot: string,
  sitePort: string,
  deadline: number,
  /** Hosts whose certificate already failed for this site: their links are checked for existence, not the certificate again. */
  unverifiedHosts?: ReadonlySet<string>,
): Promise<LinkCheck[]> {
  const n = svc.config.crawl.linkChecksPerSite;
  if (!n) return [];
  const byUrl = new Map<string, { url: string; fromUrl: string; text: string }>();
  for (const l of pool) if (!byUrl.has(l.url)) byUrl.set(l.url, l);
  // At most a couple of links per external host: a shared host (beian, CONAC…) says little about this site.
  const perExternalHost = new Map<string, number>();
  const sample = [...byUrl.values()]
    .map((l) => ({ l, key: sha256(`${site}\u0000${l.url}`) }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((x) => x.l)
    .filter((l) => {
      const u = new URL(l.url);
      if (withinRoot(u, siteRoot, sitePort)) return true;
      const n = perExternalHost.get(u.host) ?? 0;
      perExternalHost.set(u.host, n + 1);
      return n < MAX_PER_EXTERNAL_HOST;
    })
    .slice(0, n);

  const out: LinkCheck[] = new Array(sample.length);
  let next = 0;
  const worker = async () => {
    while (next < sample.length) {
      const i = next++;
      const l = sample[i]!;
      out[i] = await checkOne(svc, site, l, withinRoot(new URL(l.url), siteRoot, sitePort), deadline, unverifiedHosts);
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

  get(url: string, check: () => Promise<Pick<LinkCheck, 'status' | 'httpStatus'>>): Promise<Pick<LinkCheck, 'status' | 'httpStatus'>> {
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

async function checkOne(
  svc: SiteServices,
  site: string,
  l: { url: string; fromUrl: string; text: string },
  internal: boolean,
  deadline: number,
  unverifiedHosts?: ReadonlySet<string>,
): Promise<LinkCheck> {
  const base = { url: l.url, fromUrl: l.fromUrl, linkText: l.text || undefined, internal };
  // The answer depends on whether the certificate is verified, so that is part of the cache key.
  const key = unverifiedHosts?.has(new URL(l.url).host) ? `${l.url}\u0000unverified` : l.url;
  const outcome = await svc.linkChecks.get(key, async () => {
    if (svc.config.crawl.respectRobotsTxt) {
      const { robots } = await svc.robots.get(new URL(l.url).origin, site, deadline);
      if (!robots.isAllowed(l.url)) return { status: 'robots_denied' as const };
    }
    const head = await svc.client.fetch({ url: l.url, method: 'HEAD', role: 'link_check', site, deadline, noRetry: true, unverifiedHosts });
    if (head.status === 'ok' || head.status === 'policy_denied' || head.status === 'skipped' || head.status === 'dns')
      return { status: head.status, httpStatus: head.httpStatus };
    const get = await svc.client.fetch({ url: l.url, role: 'link_check', site, deadline, bodyLimit: GET_PEEK_BYTES, unverifiedHosts });
    return { status: get.status, httpStatus: get.httpStatus };
  });
  return { ...base, ...outcome };
}
