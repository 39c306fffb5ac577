/**
 * One site's crawl: homepage (HTTP, scheme fallback), rendered homepage, role-driven link
 * following into linked platforms, probes and link checks, all within the site's page and time
 * budget. It only collects: which page proves which capability is the indicators' business.
 */
import type { FetchStatus, LinkCheck, Locality, PageRole, PageSnapshot, SiteArtifacts, SiteProbes } from '../../src/types.js';
import { DATA_API_GUESSES, FILE_EXTENSIONS, PAGINATED_ROLES, ROLE_BUDGET } from '../navigation.js';
import { hostRoot, isTrap, normalizePortalUrl, withinRoot } from './scope.js';
import type { SiteServices } from './services.js';
import { extractLinks, linkScope, loadHtml, scriptApiUrls, type FoundLink } from './links.js';
import { conceptRole, isColumnLink, isPaginationLink, platformStep } from './roles.js';
import { toSnapshot } from './snapshot.js';
import type { FetchResult } from '../http/types.js';
import { keepRobotsProbe, runProbes } from './probes.js';
import { answersFromPages, checkLinks } from './link-checks.js';

interface Task {
  url: string;
  role: PageRole;
  depth: number;
  referrer?: string;
  linkText?: string;
  priority: number;
  seq: number;
  /** Host root the links of this page may stay within (platform pages stay on their platform). */
  scopeRoot?: string;
  /** Position in a paginated list (1 = the list as linked). */
  pageNo?: number;
  /** Pages fetched for this task during a wave, recorded in task order once the wave is done. */
  buffer?: PageSnapshot[];
}

/** Pages of these roles are portal pages: they lead to platforms and columns. */
/** Concept matches below this (a long text only) are dropped when the page has a surer entry for the role. */
const WEAK_MATCH = 2;
const PORTAL_ROLES = new Set<PageRole>(['home', 'frame', 'column', 'sitemap_page']);
/** Pages whose embedded same-site documents are fetched as `frame` (their links count as the homepage's). */
const FRAME_HOSTS = new Set<PageRole>(['home', 'frame']);
/** Failures at connection/TLS level that make the other scheme worth a try. */
const SCHEME_FALLBACK = new Set<FetchStatus>(['refused', 'tls', 'reset']);
/** Parallel fetches inside one site (hosts are still paced by the global host gate). */
const SITE_WORKERS = 4;
/** Share of the page budget kept for links that only the rendered homepage shows (JS-built headers). */
const RENDER_RESERVE = 0.25;

export class SiteCrawl {
  private readonly pages: PageSnapshot[] = [];
  private readonly probes: SiteProbes = {};
  private linkChecks: LinkCheck[] = [];
  private readonly queue: Task[] = [];
  private readonly seen = new Set<string>();
  private readonly roleCount = new Map<PageRole, number>();
  /** Links of the homepage and columns, candidates for the broken-link check. */
  private readonly linkPool: { url: string; fromUrl: string; text: string }[] = [];
  private readonly perPath = new Map<string, number>();
  /** Hosts whose certificate failed verification: fetched again without verification. */
  private readonly insecureHosts = new Set<string>();
  private seq = 0;
  private started = 0; // page fetches started (counted against pagesPerSite)
  private deadline: number;
  private readonly startedAt = new Date().toISOString();
  private siteRoot = '';
  /** The HTTP answer behind each homepage snapshot, handed to the render so it need not fetch again. */
  private readonly homeFetches = new WeakMap<PageSnapshot, FetchResult>();
  private sitePort = '';

  constructor(private readonly svc: SiteServices, private readonly locality: Locality) {
    this.deadline = Date.now() + svc.config.crawl.timePerSiteSecs * 1000;
  }

  async run(): Promise<SiteArtifacts> {
    const { locality } = this;
    let home: PageSnapshot;
    let siteStatus: FetchStatus;
    let siteError: string | undefined;
    try {
      ({ home, status: siteStatus, error: siteError } = await this.fetchHome(normalizePortalUrl(locality.portalUrl)));
    } catch (e) {
      return this.finish('error', `portal URL ${JSON.stringify(locality.portalUrl)} of ${locality.code}: ${(e as Error).message}`);
    }
    const homeUrl = new URL(home.finalUrl);
    this.siteRoot = hostRoot(homeUrl.hostname);
    this.sitePort = homeUrl.port;
    this.seen.add(home.url).add(home.finalUrl);

    const usable = home.status === 'ok' || home.status === 'blocked';
    // In the browser-for-all-pages baseline the homepage was already loaded in the browser.
    const render = usable && this.svc.config.crawl.renderHomepage && this.svc.renderer && !this.svc.config.crawl.browserForAllPages ? this.renderHome(home) : undefined;
    if (home.status === 'ok') this.discover({ url: home.url, role: 'home', depth: 0, priority: 0, seq: 0 }, home);

    const probes = home.status !== 'dns' && home.status !== 'policy_denied' ? runProbes(this.svc, this.site(), home, this.probes, this.deadline, this.insecureHosts) : undefined;
    await this.drain(render);
    // Search needs the form (often only in the rendered DOM), so it follows the render.
    await probes?.then((search) => search?.run(this.pages.find((p) => p.role === 'home' && p.crawler === 'browser' && p.body)?.body, (p) => this.record(p)));
    if (home.status === 'ok')
      this.linkChecks = await checkLinks(this.svc, this.site(), this.linkPool, this.siteRoot, this.sitePort, this.deadline, this.insecureHosts, answersFromPages(this.pages));
    return this.finish(siteStatus, siteError);
  }

  private site(): string {
    return this.locality.code;
  }

  private finish(status: FetchStatus, error?: string): SiteArtifacts {
    this.svc.emit({ type: 'site-done', site: this.site(), status });
    return {
      locality: this.locality,
      startedAt: this.startedAt,
      finishedAt: new Date().toISOString(),
      siteStatus: status,
      siteError: status === 'ok' ? undefined : error,
      pages: this.pages,
      probes: this.probes,
      linkChecks: this.linkChecks,
      interactions: [],
    };
  }

  private record(page: PageSnapshot, task?: Task): void {
    if (task?.buffer) {
      task.buffer.push(page);
      return;
    }
    this.pages.push(page);
    this.svc.emit({ type: 'page', site: this.site(), url: page.url, status: page.status });
  }

  /**
   * Homepage over HTTP; on a connection/TLS failure the other scheme is tried and both are kept.
   * A certificate that fails verification does not stop the crawl: the page is fetched again
   * without verification, and when that works the site is `ok` (content was collected; the
   * certificate is judged by the TLS probe and the https indicator). `tls` remains the site's
   * status only when no content could be read at all. The page that worked goes first (consumers
   * take the first `home` page with a body as the homepage).
   */
  private async fetchHome(url: string): Promise<{ home: PageSnapshot; status: FetchStatus; error?: string }> {
    const task = (u: string, linkText?: string): Task => ({ url: u, role: 'home', depth: 0, priority: 0, seq: 0, linkText });
    const first = await this.readDespiteCertificate(task(url), await this.fetchPage(task(url)));
    if (!SCHEME_FALLBACK.has(first.status)) {
      this.moveToFront(first);
      return { home: first, status: first.status, error: first.error };
    }
    const other = new URL(url);
    other.protocol = other.protocol === 'https:' ? 'http:' : 'https:';
    const otherTask = task(other.href, `scheme fallback after ${first.status}`);
    const second = await this.readDespiteCertificate(otherTask, await this.fetchPage(otherTask));
    if (second.status === 'ok' || !SCHEME_FALLBACK.has(second.status)) {
      // The scheme is a hint: a refused https with a working http is fine.
      this.moveToFront(second);
      return { home: second, status: second.status, error: second.error };
    }
    return { home: first, status: first.status, error: first.error };
  }

  /**
   * After a `tls` failure (kept in the pages), fetch again without verifying the certificate of
   * the host that failed (possibly a redirect target): the certificate is reported, not obeyed.
   */
  private async readDespiteCertificate(task: Task, page: PageSnapshot): Promise<PageSnapshot> {
    if (page.status !== 'tls') return page;
    const host = new URL(page.finalUrl).host;
    if (this.insecureHosts.has(host)) return page;
    this.insecureHosts.add(host);
    return this.fetchPage({ ...task, linkText: task.linkText ?? 'certificate not verified (after a tls failure)' });
  }

  private moveToFront(page: PageSnapshot): void {
    const i = this.pages.indexOf(page);
    if (i > 0) {
      this.pages.splice(i, 1);
      this.pages.unshift(page);
    }
  }

  /** Fetch (robots permitting) and record one page. */
  private async fetchPage(task: Task): Promise<PageSnapshot> {
    const origin = new URL(task.url).origin;
    const extra = { depth: task.depth, referrer: task.referrer, linkText: task.linkText };
    if (this.svc.config.crawl.respectRobotsTxt) {
      const { robots, probe, serverError } = await this.svc.robots.get(origin, this.site(), this.deadline, this.insecureHosts);
      if (task.role === 'home') keepRobotsProbe(this.probes, probe); // the portal's robots.txt is a probe too
      if (!robots.isAllowed(task.url)) {
        const denied: PageSnapshot = {
          url: task.url,
          finalUrl: task.url,
          role: task.role,
          // A failing server is reported as such; the site did not choose to disallow us.
          status: serverError ? 'http_5xx' : 'robots_denied',
          httpStatus: serverError ? probe.httpStatus : undefined,
          headers: {},
          fetchedAt: new Date().toISOString(),
          crawler: 'http',
          ...extra,
          error: serverError
            ? `${origin}/robots.txt answered ${probe.httpStatus ?? '5xx'}: under RFC 9309 nothing may be crawled, so the page was not requested`
            : `disallowed by ${origin}/robots.txt`,
        };
        this.record(denied, task);
        return denied;
      }
    }
    if (this.viaBrowser(task.role)) {
      const { page } = await this.svc.renderer!.render(task.url, {
        site: this.site(),
        role: task.role,
        ...extra,
        deadline: this.deadline,
        unverifiedHosts: this.insecureHosts,
        screenshot: task.role === 'home',
      });
      this.record(page, task);
      return page;
    }
    const r = await this.svc.client.fetch({ url: task.url, role: task.role, site: this.site(), deadline: this.deadline, unverifiedHosts: this.insecureHosts });
    const page = toSnapshot(r, task.role, extra);
    if (task.role === 'home') this.homeFetches.set(page, r);
    this.record(page, task);
    return page;
  }

  /**
   * The benchmark's baseline (`crawl.browserForAllPages`): every page that would be fetched as
   * HTML is loaded in the shared browser instead (same roles, budgets, politeness — the document
   * itself still comes through the HTTP client's host gate). JSON APIs stay on HTTP.
   */
  private viaBrowser(role: PageRole): boolean {
    return this.svc.config.crawl.browserForAllPages && !!this.svc.renderer && role !== 'data_api';
  }

  /** Render the homepage; the caller records it and discovers its links at a fixed point (see drain). */
  private async renderHome(home: PageSnapshot): Promise<PageSnapshot> {
    // The render waits for a shared browser slot; that wait is not the site's fault, so the render
    // gets its own per-request timeout rather than what is left of the site's budget.
    const { page } = await this.svc.renderer!.render(home.finalUrl, { site: this.site(), unverifiedHosts: this.insecureHosts, prefetched: this.homeFetches.get(home) });
    page.url = home.url;
    return page;
  }


  /**
   * Runs queued tasks in waves of up to SITE_WORKERS until the queue or the budget is done.
   * Deterministic on purpose: which pages a site gets must not depend on which response came
   * first (a resumed run must end with the results of an uninterrupted one), so each wave is
   * chosen by priority and discovery order, and its pages are recorded and their links
   * discovered in task order after the whole wave has answered.
   * The homepage render (which may queue for a shared browser) overlaps the HTTP waves; its links
   * join at one fixed point — when the HTTP-found pages have used all but a reserve of the
   * budget — so links only the rendered DOM shows still get pages, whatever the render's timing.
   */
  private async drain(render?: Promise<PageSnapshot>): Promise<void> {
    const reserve = render ? Math.floor(this.svc.config.crawl.pagesPerSite * RENDER_RESERVE) : 0;
    await this.waves(reserve);
    if (!render) return;
    const waitStart = Date.now();
    const rendered = await render.catch(() => undefined);
    this.deadline += Date.now() - waitStart; // waiting for the shared browser is not the site's time
    if (rendered) {
      this.record(rendered);
      if (rendered.body) this.discover({ url: rendered.url, role: 'home', depth: 0, priority: 0, seq: 0 }, rendered);
    }
    await this.waves(0);
  }

  private async waves(reserve: number): Promise<void> {
    for (;;) {
      const wave: Task[] = [];
      while (wave.length < SITE_WORKERS && this.canStart(reserve)) {
        const task = this.next();
        if (!task) break;
        this.started++;
        wave.push({ ...task, buffer: [] });
      }
      if (!wave.length) return;
      const pages = await Promise.all(wave.map((t) => this.runTask(t)));
      wave.forEach((t, i) => {
        for (const p of t.buffer!) this.record(p);
        const page = pages[i]!;
        if (page.status === 'ok' && page.body) this.discover(t, page);
      });
    }
  }

  private canStart(reserve = 0): boolean {
    return !this.svc.signal?.aborted && Date.now() < this.deadline && this.started + 1 + reserve < this.svc.config.crawl.pagesPerSite;
  }

  private next(): Task | undefined {
    if (!this.queue.length) return undefined;
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) {
      const a = this.queue[i]!;
      const b = this.queue[best]!;
      if (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)) best = i;
    }
    return this.queue.splice(best, 1)[0];
  }

  private runTask(task: Task): Promise<PageSnapshot> {
    return this.fetchPage(task).then((page) => this.readDespiteCertificate(task, page));
  }

  /** Lists filtered by query (?format=CSV, ?format=XLSX …) are one list: take at most two per path. */
  private distinctEnough(role: PageRole, url: string): boolean {
    if (!PAGINATED_ROLES[role]) return true;
    const key = `${role} ${url.replace(/[?#].*$/, '')}`;
    const n = this.perPath.get(key) ?? 0;
    if (n >= 2) return false;
    this.perPath.set(key, n + 1);
    return true;
  }

  private enqueue(url: string, role: PageRole, from: Task, linkText: string, scopeRoot?: string, pageNo?: number, depth = from.depth + 1): void {
    if (this.seen.has(url) || (FILE_EXTENSIONS.test(url) && role !== 'data_api')) return;
    if (isTrap(url)) return;
    const budget = ROLE_BUDGET[role] ?? { max: 1, priority: 5 };
    const count = this.roleCount.get(role) ?? 0;
    if (count >= budget.max) return;
    this.seen.add(url);
    this.roleCount.set(role, count + 1);
    this.queue.push({ url, role, depth, referrer: from.url, linkText: linkText.slice(0, 200), priority: budget.priority, seq: ++this.seq, scopeRoot, pageNo });
  }

  private discover(task: Task, page: PageSnapshot): void {
    if (!page.body || !isHtmlLike(page)) return;
    // A page gives at most its first MAX_LINKS_PER_PAGE links: only the part holding them is parsed, and its record says so.
    const scope = linkScope(page.body);
    if (scope.note) page.error = [page.error, scope.note].filter(Boolean).join('; ');
    const $ = loadHtml(scope.html);
    const base = page.finalUrl;
    const links = extractLinks($, base);
    const { maxDepth } = this.svc.config.crawl;

    if (PORTAL_ROLES.has(task.role)) {
      if (task.role === 'home' || task.role === 'frame' || task.role === 'column')
        for (const l of links) if (l.source !== 'iframe') this.linkPool.push({ url: l.url, fromUrl: base, text: l.text });
      if (task.depth >= maxDepth) return;
      // Best candidates first, so a role's budget goes to its surest entries (labels, platform hosts).
      const candidates: { l: FoundLink; role: PageRole; strength: number; i: number }[] = [];
      const frames: FoundLink[] = [];
      links.forEach((l, i) => {
        const concept = conceptRole(l);
        const sameSite = withinRoot(new URL(l.url), this.siteRoot, this.sitePort);
        if (concept) candidates.push({ l, ...concept, i });
        else if (sameSite && l.source === 'iframe' && FRAME_HOSTS.has(task.role)) frames.push(l);
        else if (sameSite && isColumnLink(l)) candidates.push({ l, role: 'column', strength: 0, i });
      });
      // An embedded document is part of the page that embeds it: same depth, its links count as the homepage's.
      for (const l of frames) this.enqueue(l.url, 'frame', task, l.text, undefined, undefined, task.depth);
      candidates.sort((a, b) => b.strength - a.strength || a.i - b.i);
      const strongest = new Map<PageRole, number>();
      for (const c of candidates) if (!strongest.has(c.role)) strongest.set(c.role, c.strength);
      for (const { l, role, strength } of candidates) {
        // A headline-like text is a fallback only: not next to a real entry, nor once the role has one.
        if (role !== 'column' && strength < WEAK_MATCH && ((strongest.get(role) ?? 0) >= WEAK_MATCH || (this.roleCount.get(role) ?? 0) > 0)) continue;
        const u = new URL(l.url);
        this.enqueue(l.url, role, task, l.text, withinRoot(u, this.siteRoot, this.sitePort) ? undefined : hostRoot(u.hostname));
      }
      return;
    }
    if (!(task.role in PLATFORM_FOLLOW)) return;
    // Platform pages: stay on the platform (its host root), follow the navigation vocabulary.
    const final = new URL(base);
    const root = task.scopeRoot ?? hostRoot(final.hostname);
    const inScope = (l: FoundLink) => {
      const u = new URL(l.url);
      return u.port === final.port && withinRoot(u, root, u.port);
    };
    const pagesOfList = PAGINATED_ROLES[task.role];
    const steps: { l: FoundLink; role: PageRole; strength: number; i: number }[] = [];
    links.forEach((l, i) => {
      if (!inScope(l)) return;
      const step = platformStep(task.role, l);
      if (step) steps.push({ l, ...step, i });
      else if (pagesOfList && (task.pageNo ?? 1) < pagesOfList && isPaginationLink(l))
        this.enqueue(l.url, task.role, task, l.text, root, (task.pageNo ?? 1) + 1);
    });
    steps.sort((a, b) => b.strength - a.strength || a.i - b.i);
    for (const { l, role } of steps) if (this.distinctEnough(role, l.url)) this.enqueue(l.url, role, task, l.text, root);
    if (task.role === 'data_platform' || task.role === 'data_list') {
      const apis = scriptApiUrls($, base).filter((u) => withinRoot(new URL(u), root, final.port));
      for (const u of apis) this.enqueue(u, 'data_api', task, 'API URL in a script', root);
      if (task.role === 'data_platform' && !apis.length && !links.some((l) => platformStep('data_platform', l)?.role === 'data_api'))
        for (const path of DATA_API_GUESSES) this.enqueue(new URL(path, final.origin).href, 'data_api', task, 'conventional API path (guess)', root);
    }
  }
}

/** Roles whose pages lead further into their platform. */
const PLATFORM_FOLLOW: Partial<Record<PageRole, true>> = {
  service_platform: true,
  service_list: true,
  data_platform: true,
  data_list: true,
  interaction: true,
  letter_list: true,
};

function isHtmlLike(page: PageSnapshot): boolean {
  if (page.crawler === 'browser') return true;
  const type = (page.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return !type || /html|xml|text\/plain/.test(type) || /^\s*</.test(page.body ?? '');
}
