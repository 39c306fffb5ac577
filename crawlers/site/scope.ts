/** Where a site ends: host roots, portal URL normalisation, spider-trap URLs. */
const MAX_URL_LENGTH = 512;
const MAX_QUERY_PARAMS = 6;

/** URL shapes that explode into endless pages (calendars, session ids, sort/filter combinations). */
export const TRAP_PATTERNS: RegExp[] = [
  /[?&](year|month|day|date|calendar|cal)=/i,
  /\/calendar\//i,
  /[?&](sessionid|jsessionid|sid|phpsessid)=/i,
  /;jsessionid=/i,
  /[?&](sort|order|orderby|filter)=[^&]*&.*(sort|order|orderby|filter)=/i,
  /(\/[^/]+)\1{2,}/, // the same path segment repeated three times
];

/** Links whose target is a file, not a page (followed only by link checks). */
const FILE_TYPES =
  'pdf|docx?|xlsx?|pptx?|zip|rar|7z|jpe?g|png|gif|bmp|webp|svg|mp4|mp3|avi|flv|wmv|apk|exe|ofd|wps|et|txt|csv';
export const FILE_EXTENSIONS = new RegExp(`\\.(${FILE_TYPES})(\\?|#|$)`, 'i');

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
