/**
 * What a user types to name one site (`govscan check <site>`): a registry code, a registry name,
 * or a URL. A URL that is not a registry portal becomes an **ad-hoc site**: a Locality with the
 * synthetic code `adhoc:` + host[:port][/path][?query], kind `adhoc`, stored and replayed like
 * any other site, but never ranked with the registry's localities.
 *
 * URLs are compared normalised: the scheme is ignored (it is a hint, the crawler falls back to
 * the other one), so are a trailing slash and the fragment; the host is lower-case with its port
 * kept when not the scheme's default; `www.` is significant (www.x.gov.cn and x.gov.cn are
 * different sites), and so is the path.
 */
import { domainToUnicode } from 'node:url';
import type { Locality } from '../types.js';

export const ADHOC_PREFIX = 'adhoc:';

export const isAdhocCode = (code: string): boolean => code.startsWith(ADHOC_PREFIX);

/** Input that names no site, or a URL govscan cannot check. The message says what is wrong. */
export class SiteQueryError extends Error {
  override name = 'SiteQueryError';
}

export type SiteQuery = { by: 'code'; code: string } | { by: 'url'; url: URL } | { by: 'name'; name: string };

const EXAMPLE_URL = 'https://www.example.gov.cn/';

/** `scheme:` at the start; `host:8080` is a port, not a scheme. */
const SCHEME = /^([a-z][a-z0-9+.-]*):(\/\/)?/i;
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}_-]*[\\p{L}\\p{N}])?';
/** A host name as typed without a scheme: dotted labels ending in a letter TLD, an IPv4 address or localhost; then an optional port and path. */
const BARE_HOST = new RegExp(
  `^(?:(?:${LABEL}\\.)+(?:\\p{L}{2,}|xn--[a-z0-9-]+)|\\d{1,3}(?:\\.\\d{1,3}){3}|localhost|\\[[0-9a-f:.]+\\])(?::\\d{1,5})?(?:[/?#].*)?$`,
  'iu',
);

/** Classify what the user typed. Throws SiteQueryError for something that is a URL but not one govscan can check. */
export function parseSiteQuery(input: string): SiteQuery {
  let q = input.trim();
  if (!q) throw new SiteQueryError('no site given: give a 6-digit registry code, a registry name or an http(s) URL');
  if (/^\d+$/.test(q)) {
    if (q.length !== 6)
      throw new SiteQueryError(`"${q}" is not a registry code (codes have 6 digits, e.g. 510100) nor a URL`);
    return { by: 'code', code: q };
  }
  // An ad-hoc site's own code names it again: adhoc:www.example.gov.cn → https://www.example.gov.cn
  if (q.toLowerCase().startsWith(ADHOC_PREFIX)) {
    const rest = q.slice(ADHOC_PREFIX.length);
    if (!BARE_HOST.test(rest))
      throw new SiteQueryError(`"${q}" is not an ad-hoc site code (adhoc:<host>[:port][/path])`);
    q = rest;
  }
  const m = SCHEME.exec(q);
  const hasScheme = !!m && (!!m[2] || !/^\d/.test(q.slice(m[0].length)));
  if (hasScheme) {
    const scheme = m![1]!.toLowerCase();
    if (scheme !== 'http' && scheme !== 'https')
      throw new SiteQueryError(
        `"${q}" is not an http(s) URL (scheme ${scheme}:): only http:// and https:// sites can be checked`,
      );
    return { by: 'url', url: checkedUrl(q, q) };
  }
  if (BARE_HOST.test(q)) return { by: 'url', url: checkedUrl(`https://${q}`, q) };
  return { by: 'name', name: q };
}

function checkedUrl(href: string, typed: string): URL {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    throw new SiteQueryError(`"${typed}" is not a valid URL (expected e.g. ${EXAMPLE_URL})`);
  }
  if (u.username || u.password)
    throw new SiteQueryError(`"${typed}": a URL with a user name or password cannot be checked`);
  const h = u.hostname;
  if (!h) throw new SiteQueryError(`"${typed}" has no host name (expected e.g. ${EXAMPLE_URL})`);
  if (!h.includes('.') && !h.startsWith('[') && h !== 'localhost')
    throw new SiteQueryError(
      `"${typed}": host "${h}" is not a domain name or IP address (expected e.g. ${EXAMPLE_URL})`,
    );
  // The URL parser reads "http://999999" as an IPv4 address; a typed numeric host must be a dotted quad.
  const typedHost = /^[a-z]+:\/\/([^/?#]*)/i.exec(href)?.[1]?.replace(/:\d*$/, '') ?? '';
  if (/^[\d.]+$/.test(typedHost) && !/^\d{1,3}(\.\d{1,3}){3}$/.test(typedHost))
    throw new SiteQueryError(
      `"${typed}": host "${typedHost}" is not a domain name or IP address (expected e.g. ${EXAMPLE_URL})`,
    );
  u.hash = '';
  return u;
}

/** host[:port][/path][?query] — scheme, fragment and trailing slashes ignored; `www.` kept. */
export function siteKey(url: URL): string {
  return `${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}${url.search}`;
}

const keyOf = (portalUrl: string): string | undefined => {
  try {
    return siteKey(new URL(portalUrl));
  } catch {
    return undefined;
  }
};

/** A portal's homepage without `www.` and without an index file name. */
function homeKey(href: string): string | undefined {
  try {
    const u = new URL(href);
    return `${u.host.toLowerCase().replace(/^www\./, '')}${u.pathname.replace(/\/(index|default)\.(s?html?|php|jsp|aspx?)$/i, '/').replace(/\/+$/, '')}${u.search}`;
  } catch {
    return undefined;
  }
}

export interface SiteLabels {
  name?: string;
  province?: string;
}

export function adhocLocality(url: URL, labels: SiteLabels = {}): Locality {
  const key = siteKey(url);
  const shownHost = domainToUnicode(url.hostname) || url.hostname;
  return {
    code: `${ADHOC_PREFIX}${key}`,
    name: labels.name?.trim() || `${shownHost}${url.port ? `:${url.port}` : ''}${key.slice(url.host.length)}`,
    province: labels.province?.trim() ?? '',
    kind: 'adhoc',
    portalUrl: url.href,
    urlSource: 'ad hoc: given to govscan check',
  };
}

export type SiteMatch =
  | { locality: Locality; adhoc: false }
  /** `note`: a registry entry on a related host or path, which the user may have meant. */
  | { locality: Locality; adhoc: true; note?: string };

/**
 * Registry lookup (code; name, exact then prefix; portal URL, normalised as above). A URL that is
 * no registry portal gives an ad-hoc site when `allowAdhoc`, else an error.
 */
export function matchSite(
  all: Locality[],
  input: string,
  opts: { allowAdhoc?: boolean; labels?: SiteLabels } = {},
): SiteMatch {
  const q = parseSiteQuery(input);
  let hits: Locality[];
  if (q.by === 'code') {
    hits = all.filter((l) => l.code === q.code);
    if (!hits.length)
      throw new SiteQueryError(
        `no registry entry has code ${q.code}` +
          (opts.allowAdhoc
            ? `; to check a site that is not in the registry, give its URL instead (e.g. ${EXAMPLE_URL})`
            : ''),
      );
  } else if (q.by === 'name') {
    hits = all.filter((l) => l.name === q.name);
    if (!hits.length) hits = all.filter((l) => l.name.startsWith(q.name));
    if (!hits.length)
      throw new SiteQueryError(
        `no registry entry is named "${q.name}", and it is not a URL: give a 6-digit registry code, a name such as 成都市, or an http(s) URL such as ${EXAMPLE_URL}`,
      );
  } else {
    const key = siteKey(q.url);
    hits = all.filter((l) => keyOf(l.portalUrl) === key);
    // The same homepage written another way: x.gov.cn for www.x.gov.cn, /index.html for /.
    if (!hits.length) hits = all.filter((l) => homeKey(l.portalUrl) === homeKey(q.url.href));
    if (!hits.length) {
      if (!opts.allowAdhoc) throw new SiteQueryError(`no registry entry has the portal URL ${q.url.href}`);
      const root = (h: string) => h.toLowerCase().replace(/^www\./, '');
      const near = all.find((l) => root(new URL(l.portalUrl).host) === root(q.url.host));
      return {
        locality: adhocLocality(q.url, opts.labels),
        adhoc: true,
        ...(near
          ? {
              note: `${q.url.href} is not the registry portal URL of ${near.code} ${near.name} (${near.portalUrl}): checking it as an ad-hoc site; to check the registry entry, give ${near.code}`,
            }
          : {}),
      };
    }
  }
  if (hits.length > 1)
    throw new SiteQueryError(`"${input.trim()}" is ambiguous: ${hits.map((h) => `${h.code} ${h.name}`).join(', ')}`);
  return { locality: hits[0]!, adhoc: false };
}
