/** Where a site ends: host roots, portal URL normalisation, spider-trap URLs. */
import { TRAP_PATTERNS } from '../navigation.js';

const MAX_URL_LENGTH = 512;
const MAX_QUERY_PARAMS = 6;

export function hostRoot(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, '');
}

export function withinRoot(u: URL, root: string, port: string): boolean {
  const h = u.hostname.toLowerCase();
  return u.port === port && (h === root || h.endsWith(`.${root}`));
}

export function normalizePortalUrl(raw: string): string {
  const s = raw.trim();
  const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`);
  u.hash = '';
  return u.href;
}

export function isTrap(url: string): boolean {
  if (url.length > MAX_URL_LENGTH) return true;
  const u = new URL(url);
  if ([...u.searchParams.keys()].length > MAX_QUERY_PARAMS) return true;
  return TRAP_PATTERNS.some((p) => p.test(`${u.pathname}${u.search}`));
}
