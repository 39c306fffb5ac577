/**
 * What govscan refuses to fetch: non-http(s) URLs and, when no proxy decides for us, hosts that
 * resolve to loopback/private/link-local addresses (SSRF guard: crawled pages must not make
 * the crawler probe the operator's own network). With a proxy, the proxy resolves names.
 */
import { promises as dnsp } from 'node:dns';
import { isIP } from 'node:net';
import type { Config } from '../../src/config/config.js';
import { FetchError } from './classify.js';

export function isPrivateAddress(ip: string): boolean {
  const a = ip.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(a) === 4) {
    const [p, q] = a.split('.').map(Number) as [number, number];
    return (
      p === 10 || p === 127 || p === 0 || (p === 169 && q === 254) || (p === 172 && q >= 16 && q <= 31) ||
      (p === 192 && q === 168) || (p === 100 && q >= 64 && q <= 127) || p >= 224
    );
  }
  if (isIP(a) === 6) {
    if (a === '::1' || a === '::') return true;
    if (a.startsWith('::ffff:')) return isPrivateAddress(a.slice(7));
    return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(a);
  }
  return false;
}

export class UrlPolicy {
  private readonly verdicts = new Map<string, Promise<void>>();

  constructor(private readonly config: Config) {}

  /** Resolves when the URL may be fetched; throws FetchError('policy_denied' | 'dns') otherwise. */
  async check(url: string): Promise<void> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new FetchError('policy_denied', `not a valid URL: ${url}`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      throw new FetchError('policy_denied', `only http(s) is followed, not ${u.protocol} (${url})`);
    if (this.config.network.allowPrivateNetworks || this.config.network.proxy) return;
    const host = u.hostname.replace(/^\[|\]$/g, '');
    let verdict = this.verdicts.get(host);
    if (!verdict) {
      verdict = this.resolveAndJudge(host);
      this.verdicts.set(host, verdict);
      verdict.catch(() => undefined);
    }
    return verdict;
  }

  private async resolveAndJudge(host: string): Promise<void> {
    const addrs = isIP(host) ? [host] : (await this.lookup(host)).map((r) => r.address);
    const bad = addrs.find(isPrivateAddress);
    if (bad)
      throw new FetchError('policy_denied', `${host} resolves to private/loopback address ${bad} (allowPrivateNetworks is off)`);
  }

  private async lookup(host: string) {
    try {
      return await dnsp.lookup(host, { all: true });
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA')
        throw new FetchError('dns', `${host} does not resolve (${code})`);
      throw e;
    }
  }
}
