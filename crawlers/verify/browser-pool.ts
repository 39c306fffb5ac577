/**
 * One Chromium shared by every verification, a fresh context per site, and the hygiene that keeps
 * a long audit healthy: fonts and media blocked, dialogs dismissed, downloads refused, pop-ups
 * tracked (the caller follows the one it wants and the rest are closed), hard timeouts, and the
 * browser restarted every N sites.
 */
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright';
import { type Config, userAgent as govscanUserAgent } from '../../src/config/config.js';
import { allowListHeaders } from '../../src/config/identity.js';
import { routeWebSocketsThroughPolicy } from '../browser/websocket-policy.js';
import { chromiumArgs, chromiumPath } from '../chromium.js';
import { UrlPolicy } from '../http/policy.js';

export interface BrowserOptions {
  executablePath: string;
  /** Upstream HTTP proxy (the fixture world, or a real one). */
  proxy?: string;
  /** Accept self-signed certificates (only when extra CAs are configured, i.e. the fixture world). */
  ignoreHTTPSErrors: boolean;
  /** govscan's identifying token, appended to Chromium's own user agent. */
  userAgentToken: string;
  /** Sent on every request (the operator-whitelistable header, src/config/identity.ts). */
  extraHeaders?: Record<string, string>;
  pageTimeoutMs: number;
  actionTimeoutMs: number;
  recycleEvery: number;
  /** Block fonts and media (they never decide a verification). */
  blockHeavyResources: boolean;
  /** Throws for URLs govscan must not request (private addresses unless allowed): the crawler's SSRF guard. */
  checkUrl?: (url: string) => Promise<void>;
}

export function browserOptionsFrom(cfg: Config): BrowserOptions {
  return {
    executablePath: chromiumPath(cfg.network.chromiumPath),
    proxy: cfg.network.proxy,
    ignoreHTTPSErrors: cfg.network.extraCaFiles.length > 0,
    userAgentToken: govscanUserAgent(cfg),
    extraHeaders: allowListHeaders(cfg),
    pageTimeoutMs: cfg.audit.pageTimeoutSecs * 1000,
    actionTimeoutMs: Math.min(10_000, cfg.audit.pageTimeoutSecs * 1000),
    recycleEvery: cfg.audit.browserRecycleEvery,
    blockHeavyResources: true,
    checkUrl: (
      (policy) => (url: string) =>
        policy.check(url)
    )(new UrlPolicy(cfg)),
  };
}

const BLOCKED_TYPES = new Set(['font', 'media']);

/**
 * A person submitting a search from an https page to an http engine gets a warning page and can
 * go on; the browser here cannot, so that interstitial is switched off (merged into the one
 * --disable-features list by chromiumArgs).
 */
const VERIFY_DISABLED_FEATURES = ['InsecureFormSubmissionInterstitial', 'MixedFormsInterstitial'];

export class BrowserPool {
  /** The browser new contexts open in; replaced (not closed) when it is due for recycling. */
  private current?: Promise<Browser>;
  private contextsSinceLaunch = 0;
  private userAgent?: string;
  /** Which browser each open context lives in: a recycled browser closes with its last context. */
  private readonly owner = new Map<BrowserContext, Browser>();
  private readonly retired = new Set<Browser>();
  /** Set by stop(): no browser is launched any more (a site queued behind a Ctrl-C must not start one nobody closes). */
  private stopped = false;

  constructor(readonly opts: BrowserOptions) {}

  /** A new isolated context (its own cookies, storage and cache). Close it with `release`. Safe to call concurrently. */
  async newContext(): Promise<BrowserContext> {
    if (this.stopped) throw new Error('browser pool stopped: the audit was interrupted');
    if (this.current && this.contextsSinceLaunch >= this.opts.recycleEvery) this.retireCurrent();
    this.contextsSinceLaunch++;
    const browser = await this.launch();
    const ctx = await browser.newContext({
      acceptDownloads: false,
      ignoreHTTPSErrors: this.opts.ignoreHTTPSErrors,
      userAgent: this.userAgent,
      extraHTTPHeaders: this.opts.extraHeaders,
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
      serviceWorkers: 'block',
    });
    this.owner.set(ctx, browser);
    ctx.setDefaultNavigationTimeout(this.opts.pageTimeoutMs);
    ctx.setDefaultTimeout(this.opts.actionTimeoutMs);
    const { blockHeavyResources, checkUrl } = this.opts;
    if (blockHeavyResources || checkUrl)
      await ctx.route('**/*', async (route) => {
        const req = route.request();
        if (blockHeavyResources && BLOCKED_TYPES.has(req.resourceType())) return route.abort('blockedbyclient');
        if (checkUrl && /^https?:/.test(req.url())) {
          try {
            await checkUrl(req.url());
          } catch {
            return route.abort('accessdenied');
          }
        }
        return route.fallback();
      });
    if (checkUrl) await routeWebSocketsThroughPolicy(ctx, checkUrl);
    ctx.on('page', (p) => guardPage(p));
    return ctx;
  }

  /** Close a context (idempotent: a deadline may already have closed it). */
  async release(ctx: BrowserContext): Promise<void> {
    const browser = this.owner.get(ctx);
    if (!browser) return;
    this.owner.delete(ctx);
    await ctx.close().catch(() => {});
    this.closeIfRetiredAndIdle(browser);
  }

  /** Stop for good (Ctrl-C): close every browser and launch no new one. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.close();
  }

  async close(): Promise<void> {
    const all = [...this.retired, ...this.owner.values()];
    const current = this.current;
    this.current = undefined;
    this.contextsSinceLaunch = 0;
    this.owner.clear();
    this.retired.clear();
    const cur = await current?.catch(() => undefined);
    await Promise.all([...new Set([...all, ...(cur ? [cur] : [])])].map((b) => b.close().catch(() => {})));
  }

  /** Recycling while other sites still use the browser: new contexts go to a fresh one; the old one closes when idle. */
  private retireCurrent(): void {
    const old = this.current;
    this.current = undefined;
    this.contextsSinceLaunch = 0;
    void old
      ?.then((b) => {
        this.retired.add(b);
        this.closeIfRetiredAndIdle(b);
      })
      .catch(() => {});
  }

  private closeIfRetiredAndIdle(b: Browser): void {
    if (!this.retired.has(b) || [...this.owner.values()].includes(b)) return;
    this.retired.delete(b);
    void b.close().catch(() => {});
  }

  private async launch(): Promise<Browser> {
    const pending = this.current;
    if (pending) {
      const b = await pending.catch(() => undefined);
      if (b?.isConnected()) return b;
      if (this.current === pending) this.current = undefined; // crashed or failed to start: start anew
    }
    this.current ??= this.start();
    return this.current;
  }

  private async start(): Promise<Browser> {
    const browser = await chromium.launch({
      executablePath: this.opts.executablePath,
      headless: true,
      args: chromiumArgs('playwright', { proxy: this.opts.proxy, disableFeatures: VERIFY_DISABLED_FEATURES }),
      timeout: 30_000,
      // The audit stage handles Ctrl-C itself (closes the browsers, marks the run interrupted);
      // Playwright's own handler would exit the process with 130 before the run is marked.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    this.userAgent ??= await this.browserUserAgent(browser);
    return browser;
  }

  /** Chromium's own UA without "Headless" (WAFs often block it) plus govscan's token, so operators can tell who visits. */
  private async browserUserAgent(browser: Browser): Promise<string> {
    const ctx = await browser.newContext();
    try {
      const page = await ctx.newPage();
      const ua = await page.evaluate(() => navigator.userAgent);
      return `${ua.replace('HeadlessChrome', 'Chrome')} ${this.opts.userAgentToken}`;
    } finally {
      await ctx.close();
    }
  }
}

/** Dialogs (alert/confirm/prompt, "leave this page?") would block every script on the page. */
function guardPage(page: Page): void {
  page.on('dialog', (d) => void d.dismiss().catch(() => {}));
  page.on('download', (d) => void d.cancel().catch(() => {}));
}

/** Run `fn` but give up after `ms`, calling `onTimeout` (e.g. closing the context, which aborts whatever is pending). */
export async function withDeadline<T>(
  ms: number,
  what: string,
  fn: () => Promise<T>,
  onTimeout?: () => Promise<void>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void onTimeout?.();
      reject(new DeadlineError(`${what} took longer than ${Math.round(ms / 1000)} s`));
    }, ms);
  });
  try {
    return await Promise.race([fn(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export class DeadlineError extends Error {
  override name = 'DeadlineError';
}
