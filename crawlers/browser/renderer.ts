/**
 * Homepage rendering in one shared Chromium (plain Playwright, Debian's binary, govscan's quiet
 * flags). Why not Crawlee's PlaywrightCrawler: we render one page per site, and PlaywrightCrawler
 * would add a browser pool, a page per request and its own in-process proxy in front of Chromium
 * (toolchain.md) — a single browser with a fresh context per page is lighter and keeps routing
 * explicit: Chromium talks to `network.proxy` directly (the PAC policy of chromium.ts), and every
 * request (WebSockets too) is checked against the private-address policy first, with or without a
 * proxy; refused ones are aborted and recorded with the reason. The top-level
 * document itself is fetched by govscan's HTTP client and handed over decoded (document.ts).
 *
 * Hygiene: fonts/media are blocked, downloads refused, popups closed, dialogs dismissed, hard
 * per-page timeout; the screenshot bytes are returned for the pipeline to store.
 */
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright';
import type { Config } from '../../src/config/config.js';
import { userAgent } from '../../src/config/config.js';
import { allowListHeaders } from '../../src/config/identity.js';
import type { PageRole, PageSnapshot } from '../../src/types.js';
import { chromiumArgs, isHeadlessShell, renderChromiumPath } from '../chromium.js';
import type { HttpClient } from '../http/client.js';
import type { BrowserCookie } from '../http/site-session.js';
import type { FetchResult } from '../http/types.js';
import { sha256, titleOf } from '../site/snapshot.js';
import { waitOutChallenge } from './challenge-wait.js';
import { type DocumentFetcher, documentFacts, type ServedDocument, serveDocument } from './document.js';
import { classifyNavError, statusOf, topLevelNavigation } from './page-navigation.js';
import { RequestLog } from './request-log.js';
import { Semaphore } from './semaphore.js';
import { routeWebSocketsThroughPolicy } from './websocket-policy.js';

const BLOCKED_TYPES = new Set(['font', 'media']);
/** After `load`, give late scripts (document.write headers, widgets) a short while to settle. */
const SETTLE_MS = 1000;

export interface RenderOutcome {
  page: PageSnapshot;
  screenshot?: Buffer;
  /** The context's cookies when the load ended (what a passed challenge earned). */
  cookies?: BrowserCookie[];
  /** Time spent waiting for a browser slot (shared by all sites): not the site's own time. */
  queuedMs: number;
}

export interface RenderOptions {
  /** Locality code (the document fetch is paced and logged as this site's). */
  site: string;
  /** Default `home`. */
  role?: PageRole;
  depth?: number;
  referrer?: string;
  linkText?: string;
  /** Wall-clock end of the site's budget (ms since epoch). */
  deadline?: number;
  /** Hosts whose certificate already failed for this site (fetched without verification). */
  unverifiedHosts?: ReadonlySet<string>;
  /** Take a PNG screenshot (default true). */
  screenshot?: boolean;
  /**
   * The document already fetched over HTTP for this URL (the crawl's homepage): served to the
   * browser for its first navigation instead of asking the host again — one request fewer on a
   * politely paced host, and the render does not queue behind the site's own crawl for it.
   * Later navigations (challenge reloads, script redirects) are fetched fresh.
   */
  prefetched?: FetchResult;
  /** Cookies the site already gave (a challenge passed earlier), set before the first request. */
  cookies?: BrowserCookie[];
  /** Wait up to this long for an anti-bot challenge to reload into the page (0: do not wait). */
  challengeWaitMs?: number;
}

export class Renderer {
  private browser?: Promise<Browser>;
  private readonly slots: Semaphore;
  private readonly ua: string;

  constructor(
    private readonly config: Config,
    private readonly client: HttpClient,
  ) {
    this.slots = new Semaphore(config.crawl.renderConcurrency);
    this.ua = userAgent(config);
  }

  private launch(): Promise<Browser> {
    if (this.browser) return this.browser;
    const executablePath = renderChromiumPath(this.config.network);
    this.browser = chromium.launch({
      executablePath,
      // The proxy (and keeping Chromium's own traffic off it) is the proxy policy of chromiumArgs.
      args: chromiumArgs('playwright', {
        proxy: this.config.network.proxy,
        headlessShell: isHeadlessShell(executablePath),
      }),
      headless: true,
      timeout: 30_000,
      // Signals belong to the run (src/util/signals.ts): Playwright's own handlers would close the
      // browser under the sites in flight and exit with 130, leaving the run `running` and the lock.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    return this.browser;
  }

  async render(url: string, opts: RenderOptions): Promise<RenderOutcome> {
    const asked = Date.now();
    const release = await this.slots.acquire();
    let started = Date.now();
    const queuedMs = started - asked;
    // The deadline is the site's own time: the wait for a slot behind other sites moves it.
    const siteDeadline = opts.deadline === undefined ? undefined : opts.deadline + queuedMs;
    const fetchedAt = new Date(started).toISOString();
    let timeoutMs = 0;
    const log = new RequestLog(BLOCKED_TYPES);
    const snap: PageSnapshot = {
      url,
      finalUrl: url,
      role: opts.role ?? 'home',
      status: 'error',
      headers: {},
      fetchedAt,
      crawler: 'browser',
      depth: opts.depth ?? 0,
      referrer: opts.referrer,
      linkText: opts.linkText,
      requests: log.requests,
    };
    let context: BrowserContext | undefined;
    let page: Page | undefined;
    /** The top-level documents fetched for this load, in order (redirects and challenge reloads too). */
    const docs: ServedDocument[] = [];
    let fetching = 0; // top-level documents being fetched now (a challenge's reload on its way)
    let prefetched = opts.prefetched?.raw && opts.prefetched.httpStatus !== undefined ? opts.prefetched : undefined;
    try {
      const browser = await this.launch();
      context = await browser.newContext({
        // Certificate validity is measured by the TLS probe; the render must still see the page.
        ignoreHTTPSErrors: true,
        acceptDownloads: false,
        serviceWorkers: 'block',
        userAgent: this.ua,
        // The allow-list header on every request the page makes (the document comes via HttpClient, which adds it too).
        extraHTTPHeaders: allowListHeaders(this.config),
        locale: 'zh-CN',
        viewport: { width: 1366, height: 768 },
        javaScriptEnabled: true,
      });
      // The page's own clock starts once the browser and context exist (launch is not the site's fault).
      started = Date.now();
      // A load that may have to wait out a challenge gets that wait on top of the load allowance.
      const allowance = this.config.crawl.loadTimeoutSecs * 1000 + (opts.challengeWaitMs ?? 0);
      timeoutMs = Math.max(2000, Math.min(allowance, (siteDeadline ?? Infinity) - started));
      const docDeadline = Math.min(siteDeadline ?? Infinity, started + timeoutMs);
      context.setDefaultTimeout(timeoutMs);
      context.on('page', (p) => {
        // Popups (window.open) are closed; the page we opened is the only one we keep.
        if (page && p !== page) void p.close().catch(() => undefined);
      });
      await context.route('**/*', async (route) => {
        const req = route.request();
        if (BLOCKED_TYPES.has(req.resourceType())) return route.abort('blockedbyclient');
        const top = topLevelNavigation(req);
        if (top === 'other-page') return route.abort('blockedbyclient');
        if (top === 'ours') {
          const reuse =
            prefetched && req.method() === 'GET' && req.url() === prefetched.finalUrl ? prefetched : undefined;
          prefetched = undefined;
          const fetchDocument: DocumentFetcher = (d) =>
            reuse
              ? Promise.resolve(reuse)
              : this.client.fetch({
                  ...d,
                  role: snap.role,
                  site: opts.site,
                  deadline: docDeadline,
                  noRedirects: true,
                  unverifiedHosts: opts.unverifiedHosts,
                });
          fetching++;
          await serveDocument(route, fetchDocument, (doc) => docs.push(doc))
            .catch(async (e: Error) => {
              await route.abort('failed').catch(() => undefined);
              snap.error = `document fetch failed: ${e.message}`;
            })
            .finally(() => fetching--);
          return;
        }
        try {
          await this.client.policy.check(req.url());
        } catch (e) {
          log.refused.set(req, (e as Error).message);
          return route.abort('blockedbyclient');
        }
        return route.continue();
      });
      await routeWebSocketsThroughPolicy(
        context,
        (u) => this.client.policy.check(u),
        (u, why) => log.note({ url: u.slice(0, 2000), resourceType: 'websocket', failed: why }),
      );
      if (opts.cookies?.length) await context.addCookies(opts.cookies);
      page = await context.newPage();
      page.on('dialog', (d) => void d.dismiss().catch(() => undefined));
      page.on('download', (d) => void d.cancel().catch(() => undefined));
      log.attach(page);
      let committed = 0; // documents the page has shown so far (challenge reloads make several)
      page.on('framenavigated', (f) => {
        if (f === page?.mainFrame()) committed++;
      });

      let navError: string | undefined;
      // The document counts once it is parsed; a hanging third-party script must not turn the
      // page into a timeout. Then give `load` and a quiet network what time remains.
      const response = await page
        .goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs, referer: opts.referrer })
        .catch((e: Error) => {
          navError = e.message.split('\n')[0];
          return null;
        });
      const left = () => timeoutMs - (Date.now() - started);
      const wait = Math.min(opts.challengeWaitMs ?? 0, left() - 300);
      const challenge =
        wait > 0
          ? await waitOutChallenge({
              served: () => docs,
              parsed: () => committed,
              fetching: () => fetching > 0,
              waitMs: wait,
              loadMs: left() - 300,
            })
          : undefined;
      if (challenge?.passed) {
        // The challenge's reload may have interrupted the first navigation; the page it reloaded into counts.
        navError = undefined;
        await page.waitForLoadState('domcontentloaded', { timeout: Math.max(1, left() - 200) }).catch(() => undefined);
      }
      if (!navError && left() > 300)
        await page.waitForLoadState('load', { timeout: left() - 200 }).catch(() => undefined);
      if (!navError && left() > 300)
        await page
          .waitForLoadState('networkidle', { timeout: Math.min(SETTLE_MS, left() - 200) })
          .catch(() => undefined);
      snap.finalUrl = page.url() === 'about:blank' ? url : page.url();
      const served = docs.at(-1);
      Object.assign(snap, await documentFacts(served, response));
      const documentStatus = served?.decoded.status;
      // Even after a navigation timeout the DOM built so far is worth keeping (partial result),
      // but not a binary or cut-off document.
      const keepBody = documentStatus !== 'bad_content' && documentStatus !== 'too_large';
      const html = keepBody ? await page.content().catch(() => undefined) : undefined;
      if (html && snap.finalUrl !== 'about:blank' && (response || html.length > 100)) {
        snap.body = html;
        snap.bodyHash = sha256(html);
        snap.bytes = Buffer.byteLength(html);
        snap.charset ??= 'utf-8';
        snap.title = (await page.title().catch(() => undefined)) || titleOf(html);
      }
      const screenshot =
        opts.screenshot === false
          ? undefined
          : await page.screenshot({ type: 'png', timeout: 5000 }).catch(() => undefined);
      if (screenshot) {
        snap.screenshot = screenshot;
        snap.screenshotHash = sha256(screenshot);
      }
      if (documentStatus && documentStatus !== 'ok') {
        // The document fetch knows best why it failed (tls, too_large, dns, blocked…).
        snap.status = documentStatus;
        snap.error = served!.decoded.error ?? served!.result.error ?? navError;
      } else if (navError) {
        // A navigation that timed out before any document came is a host that never answered.
        const silent = !served && !response;
        snap.status = /timeout/i.test(navError) ? (silent ? 'geo_timeout' : 'timeout') : classifyNavError(navError);
        snap.error = snap.error ? `${snap.error}; ${navError}` : navError;
      } else snap.status = documentStatus ?? statusOf(snap.httpStatus);
      if (challenge) {
        const passed = challenge.passed && snap.status === 'ok';
        snap.challenge = { ...challenge, passed, via: passed ? 'browser' : 'none' };
      }
      // What the site's cookies are now: earned by this challenge, or renewed on a later page.
      const cookies = challenge || opts.cookies ? await context.cookies().catch(() => undefined) : undefined;
      return { page: snap, screenshot, cookies, queuedMs };
    } catch (e) {
      snap.status = 'error';
      snap.error = (e as Error).message.split('\n')[0];
      return { page: snap, queuedMs };
    } finally {
      snap.durationMs = Date.now() - started;
      await context?.close().catch(() => undefined);
      release();
    }
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    if (b) await (await b.catch(() => undefined))?.close().catch(() => undefined);
  }
}
