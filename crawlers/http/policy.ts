/**
 * What govscan refuses to fetch: non-http(s) URLs and, unless `network.allowPrivateNetworks`,
 * hosts on the operator's own network (address-policy.ts), with or without an upstream proxy —
 * a proxy sitting in the same network reaches the same metadata service and intranet.
 *
 * IP literals are judged as they are. Names are resolved here and refused when any address is
 * blocked. Without a proxy a name that does not resolve is a `dns` failure; with one, the proxy
 * resolves names (it may know names this machine does not), so such a name is left to it.
 * Every request path checks here: HTTP hops (each redirect too), probes, link checks, and the
 * requests of both browsers (renderer.ts, verify/browser-pool.ts).
 */
import { promises as dnsp } from 'node:dns';
import { isIP } from 'node:net';
import type { Config } from '../../src/config/config.js';
import { blockedAddress, blockedName } from './address-policy.js';
import { FetchError } from './classify.js';

export { blockedAddress, isPrivateAddress } from './address-policy.js';

export type HostLookup = (host: string) => Promise<{ address: string }[]>;

const systemLookup: HostLookup = (host) => dnsp.lookup(host, { all: true });

/** With a proxy the local answer is only a cross-check: do not let a dead local resolver stall the crawl. */
const PROXIED_LOOKUP_TIMEOUT_MS = 3000;
const NOT_FOUND = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENODATA', 'EAI_NONAME']);
const MAX_VERDICTS = 50_000;

/** A host's verdict: why it is refused, or undefined when it may be fetched. */
type Verdict = Promise<string | undefined>;

export class UrlPolicy {
  private readonly verdicts = new Map<string, Verdict>();

  /** `lookup` resolves names locally (the system resolver; tests inject their own). */
  constructor(
    private readonly config: Config,
    private readonly lookup: HostLookup = systemLookup,
  ) {}

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
    if (this.config.network.allowPrivateNetworks) return;
    const host = u.hostname.replace(/^\[|\]$/g, '');
    let verdict = this.verdicts.get(host);
    if (!verdict) {
      verdict = this.judge(host);
      if (this.verdicts.size >= MAX_VERDICTS) this.verdicts.delete(this.verdicts.keys().next().value!);
      this.verdicts.set(host, verdict);
      verdict.catch(() => undefined); // a `dns` failure stays the host's answer, as a verdict does
    }
    const why = await verdict;
    if (why)
      throw new FetchError(
        'policy_denied',
        `govscan refused ${url.slice(0, 300)}: ${why} (allowed only with --allow-private, network.allowPrivateNetworks)`,
      );
  }

  private async judge(host: string): Promise<string | undefined> {
    const named = blockedName(host);
    if (named) return `${host} is ${isIP(host) ? named : `refused by name: ${named}`}`;
    if (isIP(host)) return undefined;
    const proxied = !!this.config.network.proxy;
    let addrs: { address: string }[];
    try {
      addrs = proxied ? await withTimeout(this.lookup(host), PROXIED_LOOKUP_TIMEOUT_MS) : await this.lookup(host);
    } catch (e) {
      if (proxied) return undefined; // the proxy resolves it (or reports that it cannot)
      const code = (e as { code?: string }).code;
      if (code && NOT_FOUND.has(code)) throw new FetchError('dns', `${host} does not resolve (${code})`);
      throw e;
    }
    for (const { address } of addrs) {
      const why = blockedAddress(address);
      if (why) return `${host} resolves to ${address}, ${why}`;
    }
    return undefined;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`lookup took longer than ${ms} ms`), { code: 'ETIMEOUT' })),
      ms,
    );
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
