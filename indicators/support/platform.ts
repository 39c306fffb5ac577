/** Whose platform a linked host is, and whether the crawler could fetch it. */
import type { Evidence, PageRole, PageSnapshot, SiteArtifacts } from '../../src/types.js';
import type { Concept } from '../concepts/index.js';
import type { DetectInput, Outcome } from '../define.js';
import { NATIONAL_SERVICE_HOSTS, PROVINCE_DOMAINS, PROVINCIAL_SERVICE_HOST } from '../fingerprints.js';
import type { PageLink } from '../page/model.js';
import { hostOf, isUnder, registrableDomain } from '../page/urls.js';
import { absent, linkEvidence, pageEvidence, unknown } from './evidence.js';
import { absenceEvidence, failedList, pagesByRole, type View } from './home.js';
import { bestEntry, describeMatch, entryConfidence } from './links.js';

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
export function platformLevel(
  host: string | undefined,
  site: SiteArtifacts,
  url?: string,
): 'national' | 'provincial' | 'local' | 'unknown' {
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
export function reachability(
  site: SiteArtifacts,
  url: string,
  roles: PageRole[],
): { reachable?: boolean; pages: PageSnapshot[] } {
  const host = hostOf(url);
  const pages = site.pages.filter(
    (p) => roles.includes(p.role) && (p.url === url || hostOf(p.url) === host || hostOf(p.finalUrl) === host),
  );
  if (!pages.length) return { pages };
  return { reachable: pages.some((p) => p.status === 'ok'), pages };
}

export interface PlatformPagesSpec {
  roles: PageRole[];
  /** Names the pages in "… could not be fetched", e.g. 'Service list pages'. */
  pages: string;
  /** The homepage entry that leads to the platform. */
  concept: Concept;
  absentConfidence: number;
  /** Reasons: no entry on a readable homepage (absent), entry but nothing reached (unknown). */
  noEntry: string;
  notReached: string;
}

/**
 * The fetched platform pages an indicator reads, or its answer when there are none: pages that
 * failed → unknown; no entry on a readable homepage → absent; otherwise (blocked, not reached) unknown.
 */
export type PlatformPages = { ok: PageSnapshot[]; failed: PageSnapshot[] } | { none: Outcome };

export function platformPages(site: SiteArtifacts, ctx: DetectInput, spec: PlatformPagesSpec): PlatformPages {
  const { ok, failed } = pagesByRole(site, spec.roles);
  if (ok.length) return { ok, failed };
  if (failed.length) return { none: unknown(`${spec.pages} could not be fetched: ${failedList(failed)}.`) };
  const { views, blocker } = ctx;
  if (!blocker && !bestEntry(views, spec.concept)) {
    const searched = absenceEvidence(views, `CONCEPTS.${spec.concept.id}`);
    return { none: absent(undefined, spec.absentConfidence, spec.noEntry, searched) };
  }
  return { none: unknown(blocker ?? spec.notReached) };
}

/** What a platform entry's value starts with, documented for `valueFields`. */
export const ENTRY_VALUE_FIELDS = {
  url: 'absolute URL of the entry',
  host: 'platform host',
  text: 'label that identified the entry',
};

export function entryValue(link: PageLink): { url: string; host: string; text?: string } {
  return { url: link.url!, host: link.host ?? '', text: link.label || undefined };
}

export interface PlatformEntry {
  link: PageLink;
  view: View;
  confidence: number;
  reachable?: boolean;
  /** The entry link, then up to two fetched platform pages. */
  evidence: Evidence[];
  /** "Entry found by …; " opening of the reason, and how the platform fared ("reachable" …). */
  how: string;
  reach: string;
}

/** The homepage's entry (with a URL) to a platform of `concept`, and whether its pages (`roles`) were reached. */
export function platformEntry(site: SiteArtifacts, views: View[], concept: Concept, roles: PageRole[]) {
  const found = bestEntry(views, concept, undefined, true);
  if (!found?.match.link.url) return undefined;
  const { match, view } = found;
  const link = match.link;
  const { reachable, pages } = reachability(site, link.url!, roles);
  const evidence = [linkEvidence(view.page, link, match.pattern)];
  for (const p of pages.slice(0, 2)) {
    const got = `${p.url}: ${p.status}${p.httpStatus ? ` ${p.httpStatus}` : ''}`;
    evidence.push(pageEvidence(p, 'link', { pattern: 'platform fetch', snippet: got }));
  }
  const reach = reachable === undefined ? 'not fetched' : reachable ? 'reachable' : 'could not be fetched';
  const how = `Entry found by ${describeMatch(match)}${view.rendered ? ' in the rendered DOM' : ''}`;
  const entry: PlatformEntry = { link, view, confidence: entryConfidence(match), reachable, evidence, how, reach };
  return entry;
}
