// The HTTP layer against loopback servers: the fetch-status taxonomy, retries, limits, policy.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../crawlers/http/client.js';
import { CrawleeExecutor } from '../crawlers/http/crawlee-executor.js';
import { type ConfigInput, parseConfig } from '../src/config/config.js';
import { html, startServer, type TestServer } from './crawl-servers.js';

let srv: TestServer;
const clients: { ex: CrawleeExecutor; c: HttpClient }[] = [];

function client(over: ConfigInput['crawl'] = {}, network: ConfigInput['network'] = { allowPrivateNetworks: true }) {
  const config = parseConfig({
    network,
    crawl: { perHostDelayMs: 0, retryBaseDelayMs: 20, requestTimeoutSecs: 3, ...over },
  });
  const ex = new CrawleeExecutor(config);
  const c = new HttpClient(config, ex);
  clients.push({ ex, c });
  return c;
}
const get = (c: HttpClient, path: string, extra: { noRetry?: boolean } = {}) =>
  c.fetch({ url: `${srv.origin}${path}`, role: 'home', site: '000000', ...extra });

let flaps = 0;
beforeAll(async () => {
  srv = await startServer({
    '/': { body: html('home', 'hello') },
    '/loop-a': { status: 302, headers: { location: '/loop-b' } },
    '/loop-b': { status: 301, headers: { location: '/loop-a' } },
    '/moved': { status: 301, headers: { location: '/' } },
    '/missing': { status: 404, body: 'gone' },
    '/flap': (_req, res) => {
      flaps++;
      if (flaps % 3 !== 0) {
        res.writeHead(503, { 'content-type': 'text/html' });
        return res.end('busy');
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(html('flap', 'finally'));
    },
    '/always-503': { status: 503, body: 'down' },
    '/challenge': {
      status: 412,
      body: '<html><script>var _0x1=document.cookie;setTimeout(function(){location.reload()},100)</script></html>',
    },
    '/forbidden-page': {
      status: 403,
      body: html('403 Forbidden', '<h1>Forbidden</h1><p>You do not have access.</p>'.repeat(1)),
    },
    '/slow': { delayMs: 6000, body: html('slow', 'late') },
    '/bomb': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)));
    },
    '/reset': (req) => req.socket.destroy(),
    // Part of the headers, then a TCP RST: the client reads "read ECONNRESET".
    '/rst': (req) => {
      req.socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/ht');
      setTimeout(() => req.socket.resetAndDestroy(), 5);
    },
    // Headers at once, then one byte every 300 ms: never idle long, never finished in time.
    '/drip': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>');
      const t = setInterval(() => res.write(' '), 300);
      res.on('close', () => clearInterval(t));
    },
    '/cut': (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>'.padEnd(4000, ' '));
      setTimeout(() => req.socket.destroy(), 100);
    },
    // Accepts the request and never answers: no first byte.
    '/hang': () => undefined,
    '/hang-too': () => undefined,
    // A far-away portal: headers after 1.5 s, every time.
    '/slow-answer': { delayMs: 1500, body: html('slow', 'patience pays') },
    '/pdf': { headers: { 'content-type': 'application/pdf' }, body: Buffer.from('%PDF-1.4 \u0000\u0000\u0000') },
  });
});
afterAll(async () => {
  for (const { ex } of clients) await ex.close();
  await srv.close();
});

describe('HttpClient over the Crawlee executor', () => {
  it('fetches a page with raw bytes, headers and redirects followed', async () => {
    const c = client();
    const r = await get(c, '/moved');
    expect(r.status).toBe('ok');
    expect(r.httpStatus).toBe(200);
    expect(r.finalUrl).toBe(`${srv.origin}/`);
    expect(r.redirects).toEqual([`${srv.origin}/moved`, `${srv.origin}/`]);
    expect(r.raw?.toString()).toContain('hello');
    expect(r.headers['content-type']).toContain('text/html');
  });

  it('classifies redirect loops, 404, 412 challenges, plain 403s, resets and refused connections', async () => {
    const c = client({ maxRetries: 0 });
    expect((await get(c, '/loop-a')).status).toBe('redirect_loop');
    const missing = await get(c, '/missing');
    expect([missing.status, missing.httpStatus]).toEqual(['http_4xx', 404]);
    expect((await get(c, '/challenge')).status).toBe('challenge_failed');
    expect((await get(c, '/forbidden-page')).status).toBe('http_4xx');
    expect((await get(c, '/reset')).status).toBe('reset');
    const refused = await c.fetch({ url: 'http://127.0.0.1:1/', role: 'home', site: 'x' });
    expect(refused.status).toBe('refused');
    expect(refused.error).toMatch(/ECONNREFUSED/);
  });

  it('retries a flapping 503 and succeeds; a persistent 503 ends as http_5xx after maxRetries', async () => {
    const c = client({ maxRetries: 2 });
    flaps = 0;
    const r = await get(c, '/flap');
    expect(r.status).toBe('ok');
    expect(r.attempts).toBe(3);
    const down = await get(c, '/always-503');
    expect(down.status).toBe('http_5xx');
    expect(down.attempts).toBe(3);
    expect(srv.log.filter((l) => l.path === '/always-503')).toHaveLength(3);
  });

  it('a reset connection is tried again only by our paced retries (Crawlee would re-send it at once, unpaced)', async () => {
    const c = client({ maxRetries: 1 });
    const r = await get(c, '/rst');
    expect([r.status, r.attempts]).toEqual(['reset', 2]);
    expect(r.error).toMatch(/ECONNRESET/);
    expect(srv.log.filter((l) => l.path === '/rst')).toHaveLength(2);
  });

  it('a page whose first byte never comes in time is geo_timeout (unreachable from here), not timeout', async () => {
    const c = client({ requestTimeoutSecs: 1, maxRetries: 0 });
    const r = await get(c, '/slow');
    expect(r.status).toBe('geo_timeout');
    // ~1 s, not the 20 s default (generous: the shared machine is often heavily loaded)
    expect(r.durationMs).toBeLessThan(5000);
  });

  it('gives a silent host one patient retry: a slow host is read, a dead one ends geo_timeout and is not retried again', async () => {
    const c = client({ firstByteTimeoutSecs: 1, loadTimeoutSecs: 3, geoRetryPauseMs: 50, maxRetries: 2 });
    const at = (path: string, site: string) => c.fetch({ url: `${srv.origin}${path}`, role: 'home', site });
    // 1 s for the first byte fails; the patient retry allows 2 s and gets the page.
    const slow = await at('/slow-answer', 'slow-site');
    expect([slow.status, slow.attempts]).toEqual(['ok', 2]);
    expect(slow.raw?.toString()).toContain('patience pays');
    // Silent on both: dead, after 1 s + pause + 2 s.
    const dead = await at('/hang', 'dead-site');
    expect([dead.status, dead.attempts]).toEqual(['geo_timeout', 2]);
    expect(dead.durationMs).toBeGreaterThanOrEqual(2900);
    expect(dead.error).toMatch(/silent on the patient retry too/);
    // Another page of that host in the same site: one attempt, no retry (cheap failure).
    const next = await at('/hang-too', 'dead-site');
    expect([next.status, next.attempts]).toEqual(['geo_timeout', 1]);
    expect(next.error).toMatch(/not retried/);
    // Another site's page on the same host gets its own patient chance.
    const other = await at('/hang-too', 'other-site');
    expect([other.status, other.attempts]).toEqual(['geo_timeout', 2]);
  });

  it('classifies a page that drips bytes past the request timeout as timeout, not reset', async () => {
    const c = client({ requestTimeoutSecs: 1, maxRetries: 0 });
    const r = await get(c, '/drip');
    expect(r.status).toBe('timeout');
    expect(r.httpStatus).toBe(200);
    expect(r.error).toMatch(/1000 ms/);
    expect(r.error).toContain(`${srv.origin}/drip`);
    // …while a body the server breaks off early is still a reset.
    const cut = await get(c, '/cut');
    expect(cut.status).toBe('reset');
    expect(cut.error).toContain(`${srv.origin}/cut`);
  });

  it('stops a gzip bomb at maxDecompressedBytes without buffering it', async () => {
    const c = client({ maxDecompressedBytes: 1024 * 1024 });
    const r = await get(c, '/bomb');
    expect(r.status).toBe('too_large');
    expect(r.error).toMatch(/maxDecompressedBytes/);
    expect(r.raw?.length ?? 0).toBeLessThanOrEqual(1024 * 1024);
  });

  it('refuses private addresses unless allowPrivateNetworks, and non-http schemes always', async () => {
    const strict = client({}, { allowPrivateNetworks: false });
    const before = srv.log.length;
    const r = await get(strict, '/');
    expect(r.status).toBe('policy_denied');
    expect(r.error).toMatch(/private|loopback/);
    expect(srv.log.length).toBe(before); // nothing was sent
    const ftp = await strict.fetch({ url: 'ftp://example.org/x', role: 'home', site: 'x' });
    expect(ftp.status).toBe('policy_denied');
  });

  it('resolves host names before connecting and refuses those that map to loopback', async () => {
    const strict = client({}, { allowPrivateNetworks: false });
    const r = await strict.fetch({ url: `http://localhost:${srv.port}/moved`, role: 'home', site: 'x' });
    expect(r.status).toBe('policy_denied');
  });

  it('keeps Crawlee storage in memory (no ./storage directory where the crawl runs)', async () => {
    // Crawlee writes ./storage relative to the working directory (unless CRAWLEE_STORAGE_DIR says
    // otherwise): fetch from a fresh empty directory and check it stays empty.
    expect(process.env.CRAWLEE_STORAGE_DIR).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'govscan-cwd-'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await get(client(), '/')).status).toBe('ok');
      await clients.at(-1)!.ex.close(); // teardown too runs here
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an executor with nothing to do', () => {
  it('closes at once when closed right after it started (a resumed run with every site stored, or every site refused)', async () => {
    // The executors of the tests above run timers of their own: stop them so the count is ours.
    for (const { ex } of clients.splice(0)) await ex.close();
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const ex = new CrawleeExecutor(parseConfig({ network: { allowPrivateNetworks: true } }));
    const t0 = Date.now();
    await ex.close();
    expect(Date.now() - t0).toBeLessThan(9_000); // before the fix close() never returned
    // …and leaves no timer of its pool running, which would keep a CLI process alive for ever.
    await new Promise((r) => setTimeout(r, 1500));
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBeLessThanOrEqual(timersBefore);
  }, 20_000);
});
