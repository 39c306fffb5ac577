/**
 * Fetching one page of a site: robots.txt first, then HTTP (or the shared browser in the benchmark's
 * baseline), a certificate that fails verification read despite it, and the homepage with its
 * scheme fallback and its render.
 */
import type { CrawlerKind, FetchStatus, PageSnapshot } from '../../src/types.js';
import type { FetchResult } from '../http/types.js';
import { PAGE_ROLE_TABLE } from '../page-roles.js';
import type { Task } from './frontier.js';
import { keepRobotsProbe } from './probes.js';
import type { SiteRun } from './site-run.js';
import { toSnapshot } from './snapshot.js';

/** Failures at connection/TLS level that make the other scheme worth a try. */
const SCHEME_FALLBACK = new Set<FetchStatus>(['refused', 'tls', 'reset']);

export interface HomeOutcome {
  home: PageSnapshot;
  status: FetchStatus;
  error?: string;
}

export class PageFetcher {
  /** The HTTP answer behind each homepage snapshot, handed to the render so it need not fetch again. */
  private readonly homeFetches = new WeakMap<PageSnapshot, FetchResult>();

  constructor(private readonly run: SiteRun) {}

  /**
   * Homepage over HTTP; on a connection/TLS failure the other scheme is tried and both are kept.
   * A certificate that fails verification does not stop the crawl: the page is fetched again
   * without verification, and when that works the site is `ok` (content was collected; the
   * certificate is judged by the TLS probe and the https indicator). `tls` remains the site's
   * status only when no content could be read at all. The page that worked goes first (consumers
   * take the first `home` page with a body as the homepage).
   */
  async fetchHome(url: string): Promise<HomeOutcome> {
    const task = (u: string, linkText?: string): Task => ({
      url: u,
      role: 'home',
      depth: 0,
      priority: 0,
      seq: 0,
      linkText,
    });
    const first = await this.fetchTask(task(url));
    if (!SCHEME_FALLBACK.has(first.status)) {
      this.run.moveToFront(first);
      return { home: first, status: first.status, error: first.error };
    }
    const other = new URL(url);
    other.protocol = other.protocol === 'https:' ? 'http:' : 'https:';
    const second = await this.fetchTask(task(other.href, `scheme fallback after ${first.status}`));
    if (second.status === 'ok' || !SCHEME_FALLBACK.has(second.status)) {
      // The scheme is a hint: a refused https with a working http is fine.
      this.run.moveToFront(second);
      return { home: second, status: second.status, error: second.error };
    }
    return { home: first, status: first.status, error: first.error };
  }

  /** Fetch a task's page, and again despite the certificate after a `tls` failure. */
  async fetchTask(task: Task): Promise<PageSnapshot> {
    return this.readDespiteCertificate(task, await this.fetchPage(task));
  }

  /**
   * After a `tls` failure (kept in the pages), fetch again without verifying the certificate of
   * the host that failed (possibly a redirect target): the certificate is reported, not obeyed.
   */
  private async readDespiteCertificate(task: Task, page: PageSnapshot): Promise<PageSnapshot> {
    if (page.status !== 'tls') return page;
    const host = new URL(page.finalUrl).host;
    if (this.run.insecureHosts.has(host)) return page;
    this.run.insecureHosts.add(host);
    return this.fetchPage({ ...task, linkText: task.linkText ?? 'certificate not verified (after a tls failure)' });
  }

  /** Fetch (robots permitting) and record one page. */
  private async fetchPage(task: Task): Promise<PageSnapshot> {
    const { svc, site, insecureHosts } = this.run;
    const extra = { depth: task.depth, referrer: task.referrer, linkText: task.linkText };
    const denied = await this.robotsDenial(task);
    if (denied) {
      this.run.record(denied, task);
      return denied;
    }
    const { deadline, session } = this.run;
    if (this.viaBrowser(task)) {
      const over = this.overBrowserBudget(task);
      if (over) {
        this.run.record(over, task);
        return over;
      }
      const asked = Date.now();
      const {
        page: rendered,
        cookies,
        queuedMs,
      } = await svc.renderer!.render(task.url, {
        site,
        role: task.role,
        ...extra,
        deadline,
        unverifiedHosts: insecureHosts,
        screenshot: task.role === 'home',
        cookies: session?.browserCookies(),
        challengeWaitMs: session ? svc.config.crawl.challengeWaitSecs * 1000 : 0,
      });
      this.run.excuseWait(asked, asked + queuedMs);
      if (cookies) session?.addBrowserCookies(cookies);
      const page = this.throughSession(rendered);
      this.run.record(page, task);
      return page;
    }
    const { url, role } = task;
    const r = await svc.client.fetch({ url, role, site, deadline, unverifiedHosts: insecureHosts });
    const page = this.throughSession(toSnapshot(r, task.role, extra));
    if (task.role === 'home') this.homeFetches.set(page, r);
    this.run.record(page, task);
    const fallback = !task.httpOnly && !!svc.renderer && !PAGE_ROLE_TABLE[task.role].data;
    if (session && page.status === 'challenge_failed' && fallback) {
      // The earned cookies no longer open this site's pages (a challenge per page): the browser reads the rest.
      this.run.browserHosts.add(new URL(page.finalUrl).host);
      return this.fetchPage({ ...task, linkText: task.linkText ?? 'in the browser: HTTP met the challenge again' });
    }
    return page;
  }

  /**
   * A challenge-every-page host is read in the browser within crawl.challengeBrowserPages pages; past
   * that its pages are `skipped` (recorded as such), while other hosts of the site go on over HTTP.
   */
  private overBrowserBudget(task: Task): PageSnapshot | undefined {
    const { run } = this;
    const { browserForAllPages, challengeBrowserPages } = run.svc.config.crawl;
    if (browserForAllPages || !run.browserHosts.size) return undefined;
    if (run.browserPages++ < challengeBrowserPages) return undefined;
    const error = `not read: the browser page budget of this site (crawl.challengeBrowserPages ${challengeBrowserPages}) is used up`;
    return notRequested(task, 'browser', 'skipped', error);
  }

  /** A page read with a passed challenge's cookies says so (evidence that the content is the site's). */
  private throughSession(page: PageSnapshot): PageSnapshot {
    const { session } = this.run;
    if (!session || page.challenge || page.status !== 'ok' || !session.cookieHeader(page.finalUrl)) return page;
    return { ...page, challenge: { vendor: session.vendor, passed: true, via: 'cookies' } };
  }

  /** The HTTP answer behind a homepage snapshot (served to the browser instead of fetching again). */
  homeFetchOf(home: PageSnapshot): FetchResult | undefined {
    return this.homeFetches.get(home);
  }

  /** The page robots.txt keeps us from requesting, or undefined when it may be fetched. */
  private async robotsDenial(task: Task): Promise<PageSnapshot | undefined> {
    const { svc, site, deadline, insecureHosts, probes } = this.run;
    if (!svc.config.crawl.respectRobotsTxt) return undefined;
    const origin = new URL(task.url).origin;
    const { robots, probe, serverError } = await svc.robots.get(origin, site, deadline, insecureHosts);
    if (task.role === 'home') keepRobotsProbe(probes, probe); // the portal's robots.txt is a probe too
    if (robots.isAllowed(task.url)) return undefined;
    // A failing server is reported as such; the site did not choose to disallow us.
    if (!serverError) return notRequested(task, 'http', 'robots_denied', `disallowed by ${origin}/robots.txt`);
    const why = `${origin}/robots.txt answered ${probe.httpStatus ?? '5xx'}: under RFC 9309 nothing may be crawled`;
    return {
      ...notRequested(task, 'http', 'http_5xx', `${why}, so the page was not requested`),
      httpStatus: probe.httpStatus,
    };
  }

  /**
   * Hosts whose challenge HTTP cannot pass even with the browser's cookies (run.browserHosts), and
   * the benchmark's baseline (`crawl.browserForAllPages`): every page that would be fetched as
   * HTML is loaded in the shared browser instead (same roles, budgets, politeness — the document
   * itself still comes through the HTTP client's host gate). Data (JSON APIs) stays on HTTP.
   */
  private viaBrowser(task: Task): boolean {
    const { svc, browserHosts } = this.run;
    const browser = svc.config.crawl.browserForAllPages || browserHosts.has(new URL(task.url).host);
    return browser && !!svc.renderer && !PAGE_ROLE_TABLE[task.role].data;
  }

  /** Render the homepage; the caller records it and discovers its links at a fixed point. */
  async renderHome(home: PageSnapshot): Promise<PageSnapshot> {
    const { svc, site, insecureHosts } = this.run;
    // The render waits for a shared browser slot; that wait is not the site's fault, so the render
    // gets its own per-request timeout rather than what is left of the site's budget.
    const prefetched = this.homeFetches.get(home);
    const { page } = await svc.renderer!.render(home.finalUrl, { site, unverifiedHosts: insecureHosts, prefetched });
    page.url = home.url;
    return page;
  }
}

/** The record of a page govscan decided not to request, and why. */
function notRequested(task: Task, crawler: CrawlerKind, status: FetchStatus, error: string): PageSnapshot {
  const { url, role, depth, referrer, linkText } = task;
  const fetchedAt = new Date().toISOString();
  return { url, finalUrl: url, role, status, headers: {}, fetchedAt, crawler, depth, referrer, linkText, error };
}
