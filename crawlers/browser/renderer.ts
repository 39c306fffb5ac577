/**
 * Homepage rendering in one shared Chromium (plain Playwright, Debian's binary, govscan's quiet
 * flags). Why not Crawlee's PlaywrightCrawler: we render one page per site, and PlaywrightCrawler
 * would add a browser pool, a page per request and its own in-process proxy in front of Chromium
 * (toolchain.md) — a single browser with a fresh context per site is lighter and keeps routing
 * explicit: Chromium talks to `network.proxy` directly, or (without a proxy) every request is
 * checked against the private-address policy.
 *
 * Hygiene: fonts/media are blocked, downloads refused, popups closed, dialogs dismissed, hard
 * per-page timeout; the screenshot bytes are returned for the pipeline to store.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import type { Config } from '../../src/config/config.js';
import { userAgent } from '../../src/config/config.js';
import type { NetworkRequest, PageSnapshot } from '../../src/types.js';
import { CHROMIUM_QUIET_FLAGS, chromiumPath, chromiumProxy } from '../chromium.js';
import type { UrlPolicy } from '../http/policy.js';
import { sha256, titleOf } from '../site/snapshot.js';
import { Semaphore } from './semaphore.js';

const BLOCKED_TYPES = new Set(['font', 'media']);
const MAX_RECORDED_REQUESTS = 500;
/** After `load`, give late scripts (document.write headers, widgets) a short while to settle. */
const SETTLE_MS = 1000;

export interface RenderOutcome {
  page: PageSnapshot;
  screenshot?: Buffer;
}

export class Renderer {
  private browser?: Promise<Browser>;
  private readonly slots: Semaphore;
  private readonly ua: string;

  constructor(private readonly config: Config, private readonly policy: UrlPolicy, concurrency = 2) {
    this.slots = new Semaphore(concurrency);
    this.ua = userAgent(config);
  }

  private launch(): Promise<Browser> {
    this.browser ??= chromium.launch({
      executablePath: chromiumPath(this.config.network.chromiumPath),
      args: CHROMIUM_QUIET_FLAGS.filter((f) => !f.startsWith('--headless')),
      headless: true,
      proxy: chromiumProxy(this.config.network.proxy),
      timeout: 30_000,
    });
    return this.browser;
  }

  async render(url: string, opts: { deadline?: number; referrer?: string } = {}): Promise<RenderOutcome> {
    const release = await this.slots.acquire();
    let started = Date.now();
    const fetchedAt = new Date(started).toISOString();
    let timeoutMs = 0;
    const requests: NetworkRequest[] = [];
    const snap: PageSnapshot = { url, finalUrl: url, role: 'home', status: 'error', headers: {}, fetchedAt, crawler: 'browser', depth: 0, requests };
    let context: BrowserContext | undefined;
    let page: Page | undefined;
    try {
      const browser = await this.launch();
      context = await browser.newContext({
        // Certificate validity is measured by the TLS probe; the render must still see the page.
        ignoreHTTPSErrors: true,
        acceptDownloads: false,
        serviceWorkers: 'block',
        userAgent: this.ua,
        locale: 'zh-CN',
        viewport: { width: 1366, height: 768 },
        javaScriptEnabled: true,
      });
      // The page's own clock starts once the browser and context exist (launch is not the site's fault).
      started = Date.now();
      timeoutMs = Math.max(2000, Math.min(this.config.crawl.requestTimeoutSecs * 1000, (opts.deadline ?? Infinity) - started));
      context.setDefaultTimeout(timeoutMs);
      context.on('page', (p) => {
        // Popups (window.open) are closed; the homepage itself is the only page we keep.
        if (page && p !== page) void p.close().catch(() => undefined);
      });
      await context.route('**/*', async (route) => {
        const req = route.request();
        if (BLOCKED_TYPES.has(req.resourceType())) return route.abort('blockedbyclient');
        try {
          await this.policy.check(req.url());
        } catch {
          return route.abort('blockedbyclient');
        }
        return route.continue();
      });
      page = await context.newPage();
      page.on('dialog', (d) => void d.dismiss().catch(() => undefined));
      page.on('download', (d) => void d.cancel().catch(() => undefined));
      const byRequest = new Map<unknown, NetworkRequest>();
      page.on('request', (r) => {
        if (requests.length >= MAX_RECORDED_REQUESTS) return;
        const entry: NetworkRequest = { url: r.url().slice(0, 2000), resourceType: r.resourceType() };
        byRequest.set(r, entry);
        requests.push(entry);
      });
      page.on('requestfinished', (r) => {
        const entry = byRequest.get(r);
        if (entry) void r.response().then((res) => { if (res) entry.status = res.status(); }).catch(() => undefined);
      });
      page.on('requestfailed', (r) => {
        const entry = byRequest.get(r);
        if (entry) entry.failed = BLOCKED_TYPES.has(r.resourceType()) ? 'blocked by govscan (font/media)' : (r.failure()?.errorText ?? 'failed');
      });

      let navError: string | undefined;
      // The document counts once it is parsed; a hanging third-party script must not turn the
      // homepage into a timeout. Then give `load` and a quiet network what time remains.
      const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs }).catch((e: Error) => {
        navError = e.message.split('\n')[0];
        return null;
      });
      const left = () => timeoutMs - (Date.now() - started);
      if (!navError && left() > 300) await page.waitForLoadState('load', { timeout: left() - 200 }).catch(() => undefined);
      if (!navError && left() > 300) await page.waitForLoadState('networkidle', { timeout: Math.min(SETTLE_MS, left() - 200) }).catch(() => undefined);
      snap.finalUrl = page.url() === 'about:blank' ? url : page.url();
      if (response) {
        snap.httpStatus = response.status();
        snap.headers = Object.fromEntries(Object.entries(await response.allHeaders().catch(() => ({}))).map(([k, v]) => [k.toLowerCase(), v]));
        snap.contentType = snap.headers['content-type'];
      }
      // Even after a navigation timeout the DOM built so far is worth keeping (partial result).
      const html = await page.content().catch(() => undefined);
      if (html && snap.finalUrl !== 'about:blank' && (response || html.length > 100)) {
        snap.body = html;
        snap.bodyHash = sha256(html);
        snap.bytes = Buffer.byteLength(html);
        snap.charset = 'utf-8';
        snap.title = (await page.title().catch(() => undefined)) || titleOf(html);
      }
      const screenshot = await page.screenshot({ type: 'png', timeout: 5000 }).catch(() => undefined);
      if (screenshot) {
        snap.screenshot = screenshot;
        snap.screenshotHash = sha256(screenshot);
      }
      snap.status = navError ? (/timeout/i.test(navError) ? 'timeout' : classifyNavError(navError)) : statusOf(snap.httpStatus);
      if (navError) snap.error = navError;
      return { page: snap, screenshot };
    } catch (e) {
      snap.status = 'error';
      snap.error = (e as Error).message.split('\n')[0];
      return { page: snap };
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

function statusOf(http?: number): PageSnapshot['status'] {
  if (!http) return 'ok';
  if (http >= 500) return 'http_5xx';
  if (http >= 400) return [412, 468, 521].includes(http) ? 'blocked' : 'http_4xx';
  return 'ok';
}

function classifyNavError(msg: string): PageSnapshot['status'] {
  if (/ERR_NAME_NOT_RESOLVED/.test(msg)) return 'dns';
  if (/ERR_CONNECTION_REFUSED|ERR_ADDRESS_UNREACHABLE/.test(msg)) return 'refused';
  if (/ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_EMPTY_RESPONSE/.test(msg)) return 'reset';
  if (/ERR_CERT|ERR_SSL/.test(msg)) return 'tls';
  if (/ERR_TOO_MANY_REDIRECTS/.test(msg)) return 'redirect_loop';
  if (/ERR_BLOCKED_BY_CLIENT/.test(msg)) return 'policy_denied';
  if (/ERR_ABORTED|Download is starting/.test(msg)) return 'bad_content';
  return 'error';
}
