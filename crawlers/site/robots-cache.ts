/**
 * robots.txt per origin, fetched once and shared by all sites (platforms are shared by many
 * portals). RFC 9309: 4xx means no rules; a server error (5xx after retries) means disallow all.
 */
import { type Config, userAgent } from '../../src/config/config.js';
import type { ProbeResult } from '../../src/types.js';
import type { HttpClient } from '../http/client.js';
import { ALLOW_ALL, parseRobots, type Robots } from './robots.js';
import { toProbe } from './snapshot.js';

export interface RobotsEntry {
  robots: Robots;
  /** The robots.txt fetch as a probe result (decoded; raw bytes are not cached). */
  probe: ProbeResult;
  /** robots.txt answered with a server error: everything is disallowed because the server failed, not by choice. */
  serverError?: boolean;
}

const DENY_ALL: Robots = { sitemaps: [], isAllowed: () => false };
const MAX_CACHED = 5000;

export class RobotsCache {
  private readonly cache = new Map<string, Promise<RobotsEntry>>();
  private readonly token: string;

  constructor(
    config: Config,
    private readonly client: HttpClient,
  ) {
    // Group matching uses the product token of our User-Agent ("govscan/0.1 …" → "govscan").
    this.token = (userAgent(config).split(/[\s/]/)[0] ?? 'govscan').toLowerCase();
  }

  /**
   * `unverifiedHosts`: hosts whose certificate already failed for the asking site. Their robots.txt
   * is read without verifying the certificate (as their pages are) — a cached `tls` failure must
   * not leave such a site without its rules — so the answer is cached under its own key.
   */
  get(origin: string, site: string, deadline?: number, unverifiedHosts?: ReadonlySet<string>): Promise<RobotsEntry> {
    const unverified = unverifiedHosts?.has(new URL(origin).host) ?? false;
    const key = unverified ? `${origin}\u0000unverified` : origin;
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.load(origin, key, site, deadline, unverified ? unverifiedHosts : undefined);
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, entry);
    }
    return entry;
  }

  /** Drop an origin's answer (it was a challenge page, passed since). */
  forget(origin: string): void {
    this.cache.delete(origin);
    this.cache.delete(`${origin}\u0000unverified`);
  }

  private async load(
    origin: string,
    key: string,
    site: string,
    deadline?: number,
    unverifiedHosts?: ReadonlySet<string>,
  ): Promise<RobotsEntry> {
    const result = await this.client.fetch({
      url: `${origin}/robots.txt`,
      role: 'link_check',
      site,
      deadline,
      bodyLimit: 512 * 1024,
      unverifiedHosts,
    });
    if (result.status === 'skipped') this.cache.delete(key); // not an answer: ask again next time
    let robots = ALLOW_ALL;
    const probe = toProbe(result);
    if (result.status === 'ok') {
      const body = probe.body;
      if (body && !/<html|<body/i.test(body.slice(0, 2000))) robots = parseRobots(body, this.token);
    } else if (result.status === 'http_5xx') return { robots: DENY_ALL, probe, serverError: true };
    return { robots, probe };
  }
}
