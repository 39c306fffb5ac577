/**
 * The cookies a site's challenge gave the browser, carried into the HTTP crawler for the rest of
 * that site: an anti-bot cookie is bound to the User-Agent it was computed for, so the session
 * also names the User-Agent, and every request of the site (pages, probes, link checks) sends
 * both. Cookie matching (domain, path, secure, expiry) is tough-cookie's, the library Crawlee and
 * got use, rather than a hand-written subset of RFC 6265.
 */
import { CookieJar } from 'tough-cookie';
import type { ChallengeVendor } from '../../src/types.js';

/** A cookie as Playwright reports it (context.cookies()). */
export interface BrowserCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
}

export class SiteSession {
  private readonly jar = new CookieJar(undefined, { looseMode: true });

  constructor(
    readonly vendor: ChallengeVendor,
    /** The User-Agent the cookies were earned with. */
    readonly userAgent: string,
  ) {}

  /** Take the browser's cookies (after a challenge reload), keeping host-only cookies host-only. */
  addBrowserCookies(cookies: BrowserCookie[]): void {
    for (const c of cookies) {
      const host = c.domain.replace(/^\./, '');
      const attrs = [`${c.name}=${c.value}`, `Path=${c.path || '/'}`];
      if (c.domain.startsWith('.')) attrs.push(`Domain=${host}`);
      if (c.secure) attrs.push('Secure');
      if (c.expires > 0) attrs.push(`Expires=${new Date(c.expires * 1000).toUTCString()}`);
      this.jar.setCookieSync(attrs.join('; '), `${c.secure ? 'https' : 'http'}://${host}${c.path || '/'}`, {
        ignoreError: true,
      });
    }
  }

  /** Cookies the server sets later (a rotated session cookie) replace the earned ones. */
  absorb(url: string, setCookie: string | undefined): void {
    if (!setCookie) return;
    // Several Set-Cookie headers arrive joined by ", " (an Expires date has a comma too).
    for (const one of setCookie.split(/,\s*(?=[^;,\s=]+=)/)) this.jar.setCookieSync(one, url, { ignoreError: true });
  }

  /** The Cookie header for a request to `url`, or undefined when no cookie applies. */
  cookieHeader(url: string): string | undefined {
    return this.jar.getCookieStringSync(url) || undefined;
  }

  /** The cookies for a new browser context (a later page rendered in the browser). */
  browserCookies(): BrowserCookie[] {
    return this.jar.serializeSync()!.cookies.map((c) => ({
      name: String(c.key),
      value: String(c.value ?? ''),
      domain: c.hostOnly ? String(c.domain) : `.${c.domain}`,
      path: String(c.path ?? '/'),
      expires: typeof c.expires === 'string' ? Date.parse(c.expires) / 1000 : -1,
      httpOnly: !!c.httpOnly,
      secure: !!c.secure,
    }));
  }
}
