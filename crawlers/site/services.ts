/** What a site crawl needs from the long-lived crawler (shared by all sites). */
import type { Config } from '../../src/config/config.js';
import type { FetchStatus } from '../../src/types.js';
import type { Renderer } from '../browser/renderer.js';
import type { HttpClient } from '../http/client.js';
import type { LinkCheckCache } from './link-checks.js';
import type { RobotsCache } from './robots-cache.js';

export type CrawlEvent =
  | { type: 'page'; site: string; url: string; status: FetchStatus }
  | { type: 'site-done'; site: string; status: FetchStatus };

export interface SiteServices {
  config: Config;
  client: HttpClient;
  robots: RobotsCache;
  /** Link-check answers per URL, shared by all sites. */
  linkChecks: LinkCheckCache;
  renderer?: Renderer;
  emit: (e: CrawlEvent) => void;
  signal?: AbortSignal;
}
