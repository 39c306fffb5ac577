/**
 * DNS facts: A and AAAA records from `network.resolver` (host:port) or the system resolver, and —
 * only without a proxy, where our own connection would be meaningful — whether IPv6 connects.
 */

import { Resolver } from 'node:dns/promises';
import net from 'node:net';
import type { Config } from '../../src/config/config.js';
import type { DnsFacts } from '../../src/types.js';
import { blockedAddress } from '../http/address-policy.js';

const NO_DATA = new Set(['ENODATA', 'ENOTFOUND', 'ENOTIMP', 'NOTFOUND', 'ESERVFAIL']);

async function records(resolver: Resolver, host: string, kind: 4 | 6): Promise<{ addrs: string[]; error?: string }> {
  try {
    return { addrs: kind === 4 ? await resolver.resolve4(host) : await resolver.resolve6(host) };
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    return NO_DATA.has(code)
      ? { addrs: [], error: kind === 4 ? `${code}` : undefined }
      : { addrs: [], error: `${code || (e as Error).message}` };
  }
}

function connects(ip: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: ip, port, family: 6 });
    const done = (ok: boolean) => {
      clearTimeout(t);
      s.destroy();
      resolve(ok);
    };
    const t = setTimeout(() => done(false), timeoutMs);
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

export async function dnsFacts(config: Config, host: string, port: number): Promise<DnsFacts> {
  const fetchedAt = new Date().toISOString();
  const literal = net.isIP(host);
  if (literal)
    return {
      a: literal === 4 ? [host] : [],
      aaaa: literal === 6 ? [host] : [],
      resolver: 'none (IP literal)',
      fetchedAt,
    };
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  const server = config.network.resolver;
  if (server) {
    try {
      resolver.setServers([server]);
    } catch (e) {
      return {
        a: [],
        aaaa: [],
        error: `network.resolver "${server}" is not a usable DNS server: ${(e as Error).message}`,
        resolver: server,
        fetchedAt,
      };
    }
  }
  const [a, aaaa] = await Promise.all([records(resolver, host, 4), records(resolver, host, 6)]);
  const facts: DnsFacts = { a: a.addrs, aaaa: aaaa.addrs, resolver: server ?? 'system', fetchedAt };
  const error = [a.error, aaaa.error].filter(Boolean).join('; ');
  if (error) facts.error = error;
  // A record pointing into private space is not dialled (the URL policy's rule for every connection).
  const v6 = aaaa.addrs[0];
  if (!config.network.proxy && v6 && (config.network.allowPrivateNetworks || !blockedAddress(v6)))
    facts.ipv6Reachable = await connects(v6, port, 3000);
  return facts;
}
