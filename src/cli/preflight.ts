/**
 * Network settings are checked before a run starts (no run row, no lock, no database yet): a dead
 * or malformed proxy used to store a whole run of `refused` with exit 0, and a missing CA file
 * crashed mid-run with a stack trace, leaving the run `running` and its lock behind.
 *  - proxy: an http(s) URL without credentials (Chromium's PAC switch cannot carry them) that
 *    accepts a TCP connection within a few seconds;
 *  - CA files: exist, are readable, and hold at least one PEM certificate Node can parse;
 *  - resolver: an IP address with an optional port that answers a DNS query (any answer,
 *    NXDOMAIN included: only silence or a refusal means it is not a DNS server).
 * A failure is a PreflightError (a UsageError: one line naming the flag, exit 2).
 */
import { X509Certificate } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import type { Config } from '../config/config.js';
import { type CommonOptions, configFrom, type NetworkOptions, UsageError } from './common.js';

export class PreflightError extends UsageError {
  override name = 'PreflightError';
}

const CONNECT_TIMEOUT_MS = 5000;
const RESOLVER_TIMEOUT_MS = 3000;
/** Asked of the resolver: the crawl's own domain, so the query says nothing a crawl would not. */
const RESOLVER_PROBE_NAME = 'www.gov.cn';
/** Resolver errors that are answers from a DNS server (the name may simply not exist there). */
const DNS_ANSWERS = new Set(['ENOTFOUND', 'ENODATA', 'ESERVFAIL', 'EREFUSED', 'ENOTIMP', 'EFORMERR', 'EBADNAME']);

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The config of a command that makes requests, with its network settings checked: the --proxy
 * flag's shape first (so the message names the flag, not the config schema), then everything.
 */
export async function checkedConfigFrom(opts: CommonOptions & NetworkOptions): Promise<Config> {
  if (opts.proxy !== undefined) parseProxy(opts.proxy);
  const config = configFrom(opts);
  await preflightNetwork(config);
  return config;
}

/** Throws PreflightError for the first network setting that cannot work. */
export async function preflightNetwork(config: Config): Promise<void> {
  const { proxy, extraCaFiles, resolver } = config.network;
  for (const file of extraCaFiles) checkCaFile(file);
  if (resolver !== undefined) await checkResolver(resolver);
  if (proxy !== undefined) await checkProxy(proxy);
}

export function checkCaFile(file: string): void {
  const flag = `--ca-file (network.extraCaFiles) ${file}`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'not readable (permission denied)'
          : code === 'EISDIR'
            ? 'is a directory'
            : (e as Error).message;
    throw new PreflightError(`${flag}: ${why}`);
  }
  const pems = text.match(PEM_CERT) ?? [];
  if (!pems.length)
    throw new PreflightError(`${flag}: no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)`);
  pems.forEach((pem, i) => {
    try {
      new X509Certificate(pem);
    } catch (e) {
      throw new PreflightError(
        `${flag}: certificate ${i + 1} of ${pems.length} is not valid PEM: ${(e as Error).message}`,
      );
    }
  });
}

/** `host:port`, `[v6]:port`, or a bare IP address (port 53). */
export function parseResolver(value: string): { host: string; port: number } {
  const flag = `--resolver (network.resolver) "${value}"`;
  const m =
    /^\[([^\]]+)\](?::(\d+))?$/.exec(value) ??
    /^([^:]+)(?::(\d+))?$/.exec(value) ??
    (net.isIPv6(value) ? [value, value, undefined] : null);
  if (!m) throw new PreflightError(`${flag}: expected host:port, e.g. 127.0.0.1:53 or [::1]:53`);
  const host = m[1]!;
  if (!net.isIP(host))
    throw new PreflightError(`${flag}: the host must be an IP address (a DNS server cannot be found by name)`);
  const port = m[2] === undefined ? 53 : Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new PreflightError(`${flag}: port must be 1–65535`);
  return { host, port };
}

export async function checkResolver(value: string): Promise<void> {
  const { host, port } = parseResolver(value);
  const r = new Resolver({ timeout: RESOLVER_TIMEOUT_MS, tries: 1 });
  r.setServers([net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`]);
  try {
    await r.resolve4(RESOLVER_PROBE_NAME);
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (DNS_ANSWERS.has(code)) return;
    const why =
      code === 'ETIMEOUT'
        ? `no answer within ${RESOLVER_TIMEOUT_MS / 1000} s`
        : code === 'ECONNREFUSED'
          ? 'connection refused'
          : `${code || (e as Error).message}`;
    throw new PreflightError(`--resolver (network.resolver) ${value}: not a working DNS server (${why})`);
  }
}

/** The proxy URL's shape, before anything else reads it. */
export function parseProxy(value: string): URL {
  const flag = `--proxy (network.proxy) "${value}"`;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new PreflightError(`${flag}: not a URL; expected e.g. http://127.0.0.1:3128`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new PreflightError(
      `${flag}: only http:// and https:// proxies are supported (got ${u.protocol}); expected e.g. http://127.0.0.1:3128`,
    );
  if (!u.hostname) throw new PreflightError(`${flag}: no host; expected e.g. http://127.0.0.1:3128`);
  if (u.username || u.password)
    throw new PreflightError(
      `${flag}: proxies with a user name or password are not supported (Chromium's proxy switch cannot carry them)`,
    );
  return u;
}

export async function checkProxy(value: string): Promise<void> {
  const flag = `--proxy (network.proxy) "${value}"`;
  const u = parseProxy(value);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  const host = u.hostname.replace(/^\[|\]$/g, '');
  await new Promise<void>((resolve, reject) => {
    const s = net.connect({ host, port });
    const fail = (why: string) => {
      clearTimeout(t);
      s.destroy();
      reject(new PreflightError(`${flag}: cannot connect to ${u.host} (${why})`));
    };
    const t = setTimeout(() => fail(`no connection within ${CONNECT_TIMEOUT_MS / 1000} s`), CONNECT_TIMEOUT_MS);
    s.once('connect', () => {
      clearTimeout(t);
      s.destroy();
      resolve();
    });
    s.once('error', (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
  });
}
