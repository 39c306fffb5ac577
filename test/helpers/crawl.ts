// The locality and config a site crawl against loopback test servers (test/crawl-servers.ts) needs.
import { createSiteCrawler, type SiteCrawler } from '../../crawlers/index.js';
import { type Config, type ConfigInput, parseConfig } from '../../src/config/config.js';
import type { Locality, SiteArtifacts } from '../../src/types.js';

/** A prefecture city of the made-up 测试省 whose portal is `portalUrl`. */
export function testLocality(code: string, portalUrl: string, name = `测试市${code}`): Locality {
  return { code, name, province: '测试省', kind: 'prefecture_city', portalUrl, urlSource: 'test' };
}

/** Config for crawling loopback servers (private networks allowed) with the given crawl settings. */
export function loopbackConfig(crawl: ConfigInput['crawl']): Config {
  return parseConfig({ network: { allowPrivateNetworks: true }, crawl });
}

/** A crawler for loopback servers with the given crawl settings; the test closes it. */
export function loopbackCrawler(crawl: ConfigInput['crawl']): Promise<SiteCrawler> {
  return createSiteCrawler({ config: loopbackConfig(crawl) });
}

/** Crawl one site with a crawler of its own (loopbackCrawler(crawl)), closed once the crawl ends. */
export async function crawlOnce(crawl: ConfigInput['crawl'], locality: Locality): Promise<SiteArtifacts> {
  const crawler = await loopbackCrawler(crawl);
  try {
    return await crawler.crawlSite(locality);
  } finally {
    await crawler.close();
  }
}
