/** Whose platform a linked host is, and whether the crawler could fetch it. */
import type { PageRole, PageSnapshot, SiteArtifacts } from '../../src/types.js';
import { NATIONAL_SERVICE_HOSTS, PROVINCE_DOMAINS, PROVINCIAL_SERVICE_HOST } from '../fingerprints.js';
import { hostOf, isUnder, registrableDomain } from '../page/urls.js';

/** The site's own registrable domain (from the homepage's final URL, else the registry URL). */
export function siteDomain(site: SiteArtifacts): string | undefined {
  const home = site.pages.find((p) => p.role === 'home' && p.status === 'ok');
  const host = hostOf(home?.finalUrl || home?.url || site.locality.portalUrl);
  return host ? registrableDomain(host) : undefined;
}

export function provinceDomains(site: SiteArtifacts): string[] {
  return PROVINCE_DOMAINS[site.locality.code.slice(0, 2)] ?? [];
}

/**
 * national: the national platform; local: under the portal's own domain; provincial: the province's
 * domains (fingerprints.ts), a <prov>zwfw.gov.cn host, or another .gov.cn host reached with the
 * city's area code in the URL (city portals link to their province's platform "with a location code").
 */
export function platformLevel(host: string | undefined, site: SiteArtifacts, url?: string): 'national' | 'provincial' | 'local' | 'unknown' {
  // No host: a relative link of a page saved to disk, so on the portal's own site.
  if (!host) return 'local';
  if (NATIONAL_SERVICE_HOSTS.some((re) => re.test(host))) return 'national';
  const own = siteDomain(site);
  if (own && isUnder(host, own)) return 'local';
  if (provinceDomains(site).some((d) => isUnder(host, d))) return 'provincial';
  if (PROVINCIAL_SERVICE_HOST.test(host)) return 'provincial';
  const code = site.locality.code;
  if (url && host.endsWith('.gov.cn') && /^\d{6}$/.test(code) && code !== '000000') {
    const q = (() => {
      try {
        return new URL(url).search;
      } catch {
        return '';
      }
    })();
    if (new RegExp(`[=/]${code.slice(0, 4)}\\d{2}(0{6})?(&|$)`).test(q)) return 'provincial';
  }
  return 'unknown';
}

/** Fetched pages of the given roles on this host: reachable if any is ok, not if all failed, undefined if none. */
export function reachability(site: SiteArtifacts, url: string, roles: PageRole[]): { reachable?: boolean; pages: PageSnapshot[] } {
  const host = hostOf(url);
  const pages = site.pages.filter((p) => roles.includes(p.role) && (p.url === url || hostOf(p.url) === host || hostOf(p.finalUrl) === host));
  if (!pages.length) return { pages };
  return { reachable: pages.some((p) => p.status === 'ok'), pages };
}
