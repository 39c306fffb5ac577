/**
 * Site probes: robots.txt (when the crawl did not already fetch it), sitemap.xml (or the robots
 * `Sitemap:`), a random path to see how 404s behave, TLS facts, DNS facts, and the site search.
 * Probes run alongside the page crawl; the search waits for the rendered homepage's form.
 */
import { randomBytes } from 'node:crypto';
import type { PageSnapshot, ProbeResult, SiteProbes, TlsFacts } from '../../src/types.js';
import { dnsFacts } from '../probes/dns.js';
import { findSearchForm, loadHtml, scriptWrittenMarkup } from './link-extraction.js';
import type { SiteServices } from './services.js';
import { toProbe, toSnapshot } from './snapshot.js';

const DEFAULT_SEARCH_QUERY = '政府';
const PROBE_BODY_LIMIT = 2 * 1024 * 1024;

export interface SearchRunner {
  /** Submit the site search found on the rendered (preferred) or raw homepage. */
  run(renderedHtml: string | undefined, record: (p: PageSnapshot) => void): Promise<void>;
}

/**
 * Keep the portal's robots.txt as a probe: the first one read, unless that attempt failed on the
 * certificate and a read despite it (the site's pages are read that way too) has come since.
 */
export function keepRobotsProbe(probes: SiteProbes, probe: ProbeResult): void {
  if (!probes.robots || probes.robots.status === 'tls') probes.robots = probe;
}

export interface ProbeOptions {
  svc: SiteServices;
  site: string;
  home: PageSnapshot;
  /** Filled in as the probes answer. */
  probes: SiteProbes;
  deadline: number;
  /** Hosts whose certificate already failed (the search on such a portal still runs). */
  unverifiedHosts?: ReadonlySet<string>;
}

export async function runProbes(opts: ProbeOptions): Promise<SearchRunner> {
  const { svc, site, home, probes, deadline, unverifiedHosts } = opts;
  const homeUrl = new URL(home.status === 'ok' ? home.finalUrl : home.url);
  const origin = homeUrl.origin;
  const fetchProbe = (url: string, noRetry = false) =>
    svc.client.fetch({
      url,
      role: 'link_check',
      site,
      deadline,
      noRetry,
      bodyLimit: PROBE_BODY_LIMIT,
      unverifiedHosts,
    });

  const robotsAndSitemap = (async () => {
    // A portal with a bad certificate is read anyway (the https indicator reports the certificate).
    const { robots, probe } = await svc.robots.get(origin, site, deadline, unverifiedHosts);
    keepRobotsProbe(probes, probe);
    const sitemapUrl = robots.sitemaps.find((s) => /^https?:\/\//i.test(s)) ?? `${origin}/sitemap.xml`;
    probes.sitemapXml = toProbe(await fetchProbe(sitemapUrl));
  })();
  const notFound = (async () => {
    probes.notFound = toProbe(
      await fetchProbe(`${origin}/govscan-404-check-${randomBytes(6).toString('hex')}.html`, true),
    );
  })();
  const tls = (async () => {
    probes.tls = await tlsFacts(svc, site, home, homeUrl, deadline);
  })();
  const dns = (async () => {
    probes.dns = await dnsFacts(
      svc.config,
      homeUrl.hostname,
      Number(homeUrl.port) || (homeUrl.protocol === 'https:' ? 443 : 80),
    );
  })();
  await Promise.all([robotsAndSitemap, notFound, tls, dns].map((p) => p.catch(() => undefined)));

  return {
    async run(renderedHtml, record) {
      if (home.status !== 'ok') return;
      // Rendered DOM first; else the raw page, including a header its inline document.write writes.
      const form =
        (renderedHtml && findSearchForm(loadHtml(renderedHtml), home.finalUrl)) ||
        (home.body
          ? (findSearchForm(loadHtml(home.body), home.finalUrl) ??
            findSearchForm(loadHtml(scriptWrittenMarkup(home.body)), home.finalUrl))
          : undefined);
      if (!form) return;
      const query = (svc.config as { audit?: { searchQuery?: string } }).audit?.searchQuery ?? DEFAULT_SEARCH_QUERY;
      const params = new URLSearchParams({ ...form.fields, [form.queryField]: query });
      const url = form.method === 'GET' ? withQuery(form.action, params) : form.action;
      const r = await svc.client.fetch({
        url,
        method: form.method,
        payload: form.method === 'POST' ? params.toString() : undefined,
        role: 'search',
        site,
        deadline,
        unverifiedHosts,
      });
      const page = toSnapshot(r, 'search', {
        depth: 1,
        referrer: home.finalUrl,
        linkText: `site search: ${form.queryField}=${query}`,
      });
      record(page);
      probes.search = { ...toProbe(r), query };
    },
  };
}

function withQuery(action: string, params: URLSearchParams): string {
  const u = new URL(action);
  for (const [k, v] of params) u.searchParams.set(k, v);
  return u.href;
}

async function tlsFacts(
  svc: SiteServices,
  site: string,
  home: PageSnapshot,
  homeUrl: URL,
  deadline: number,
): Promise<TlsFacts> {
  const fetchedAt = new Date().toISOString();
  const host = homeUrl.hostname;
  const httpsPort = homeUrl.protocol === 'https:' ? Number(homeUrl.port || 443) : 443;
  const hs = await svc.client.tls.verify(host, httpsPort);
  const facts: TlsFacts = { httpsAvailable: hs.ok, certValid: hs.ok && hs.authorized, fetchedAt };
  if (hs.ok && !hs.authorized) facts.certError = hs.authorizationError;
  if (!hs.ok) facts.certError = hs.error;
  if (hs.issuer) facts.issuer = hs.issuer;
  if (hs.validTo) facts.validTo = hs.validTo;
  if (home.finalUrl.startsWith('https:') && home.headers['strict-transport-security'])
    facts.hsts = home.headers['strict-transport-security'];
  // Does plain http:// end up on https:// ? The homepage answers it when it was requested over http.
  if (home.url.startsWith('http:') && home.status !== 'skipped')
    facts.redirectsToHttps = home.finalUrl.startsWith('https:');
  else if (hs.ok && homeUrl.port === '') {
    const r = await svc.client.fetch({
      url: `http://${host}/`,
      method: 'GET',
      role: 'link_check',
      site,
      deadline,
      noRetry: true,
      bodyLimit: 1024,
    });
    if (r.status === 'ok' || r.finalUrl.startsWith('https:')) facts.redirectsToHttps = r.finalUrl.startsWith('https:');
  }
  return facts;
}
