// A portal whose certificate fails verification is still read (fetched again without
// verification): the site is `ok`, the failed strict attempt stays in the pages and the TLS
// probe reports the certificate — also when the bad certificate is on a redirect target.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteCrawler } from '../crawlers/index.js';
import { DEFAULT_SEED } from '../fixtures/index.js';
import { CertFactory, loadOrCreateCa } from '../fixtures/server/ca.js';
import { html, startServer, type TestServer } from './crawl-servers.js';
import { loopbackCrawler, testLocality } from './helpers/crawl.js';

let secure: https.Server;
let securePort = 0;
let plain: TestServer;
let crawler: SiteCrawler;
const seen: string[] = [];

const locality = (code: string, portalUrl: string) => testLocality(code, portalUrl, `证书市${code}`);

beforeAll(async () => {
  const { cert, key } = new CertFactory(loadOrCreateCa(DEFAULT_SEED), new Date()).get('127.0.0.1', 'self_signed');
  secure = https.createServer({ cert, key }, (req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(req.url === '/' ? 200 : req.url === '/hdjl/' ? 200 : 404, {
      'content-type': 'text/html; charset=utf-8',
    });
    res.end(req.url === '/' ? html('自签名证书门户', '<a href="/hdjl/">领导信箱</a>') : html('领导信箱', '写信'));
  });
  await new Promise<void>((ok) => secure.listen(0, '127.0.0.1', ok));
  securePort = (secure.address() as AddressInfo).port;
  // http://127.0.0.1:P/ redirects to the https host under another name (localhost): the bad
  // certificate is met on the redirect target, not on the URL that was asked for.
  plain = await startServer({ '/': { status: 301, headers: { location: `https://localhost:${securePort}/` } } });
  crawler = await loopbackCrawler({
    perHostDelayMs: 0,
    retryBaseDelayMs: 20,
    maxRetries: 0,
    requestTimeoutSecs: 5,
    renderHomepage: false,
    linkChecksPerSite: 2,
    timePerSiteSecs: 20,
  });
});
afterAll(async () => {
  await crawler?.close();
  await plain?.close();
  secure?.closeAllConnections();
  await new Promise((ok) => secure?.close(ok));
});

describe('invalid certificate on the published homepage', () => {
  it('reads the content anyway: site ok, the strict attempt kept as tls, certificate reported by the probe', async () => {
    const a = await crawler.crawlSite(locality('300100', `https://127.0.0.1:${securePort}/`));
    expect(a.siteStatus).toBe('ok');
    expect(a.siteError).toBeUndefined();
    const homes = a.pages.filter((p) => p.role === 'home');
    expect(homes[0]).toMatchObject({ status: 'ok', title: '自签名证书门户' });
    expect(a.pages[0]).toBe(homes[0]); // the page that worked is the homepage consumers take
    expect(homes.some((p) => p.status === 'tls' && !p.body)).toBe(true);
    // links on the unverified host are followed and checked without failing on the certificate again
    expect(a.pages.find((p) => p.role === 'interaction')?.status).toBe('ok');
    expect(a.linkChecks.every((l) => l.status !== 'tls')).toBe(true);
    expect(a.probes.tls).toMatchObject({ httpsAvailable: true, certValid: false });
  });

  it('also when the certificate fails on the redirect target of the published http address', async () => {
    const a = await crawler.crawlSite(locality('300200', `${plain.origin}/`));
    expect(a.siteStatus).toBe('ok');
    const home = a.pages[0]!;
    expect(home).toMatchObject({
      role: 'home',
      status: 'ok',
      finalUrl: `https://localhost:${securePort}/`,
      title: '自签名证书门户',
    });
    expect(a.pages.some((p) => p.role === 'home' && p.status === 'tls')).toBe(true);
  });
});
