/**
 * One site's crawl: homepage (HTTP, scheme fallback), rendered homepage, role-driven link
 * following into linked platforms, probes and link checks, all within the site's page and time
 * budget. It only collects: which page proves which capability is the indicators' business.
 *
 * The pieces: SiteRun (what they share), PageFetcher (one page), Frontier (what to fetch next,
 * within the page-role table's budgets), the role router (what each page enqueues next), probes
 * and link checks.
 */
import {
  BLOCK_STATUSES,
  type FetchStatus,
  type LinkCheck,
  type Locality,
  type PageSnapshot,
  type SiteArtifacts,
} from '../../src/types.js';
import { passChallenge } from './challenge-pass.js';
import { Frontier, type Task } from './frontier.js';
import { answersFromPages, checkLinks } from './link-checks.js';
import { type HomeOutcome, PageFetcher } from './page-fetch.js';
import { runProbes } from './probes.js';
import { createRoleRouter, type PooledLink, roleContext, type SiteScope } from './role-router.js';
import { hostRoot, normalizePortalUrl } from './scope.js';
import type { SiteServices } from './services.js';
import { SiteRun } from './site-run.js';

/** Parallel fetches inside one site (hosts are still paced by the global host gate). */
const SITE_WORKERS = 4;
/** Share of the page budget kept for links that only the rendered homepage shows (JS-built headers). */
const RENDER_RESERVE = 0.25;

/** One router for all sites: its handlers keep no state, the context carries the site's. */
const ROLE_ROUTER = createRoleRouter();

const homeTask = (url: string): Task => ({ url, role: 'home', depth: 0, priority: 0, seq: 0 });

export class SiteCrawl {
  private readonly run: SiteRun;
  private readonly fetcher: PageFetcher;
  private readonly frontier = new Frontier();
  /** Links of the homepage and columns, candidates for the broken-link check. */
  private readonly linkPool: PooledLink[] = [];
  private scope: SiteScope = { root: '', port: '', maxDepth: 0 };
  private started = 0; // page fetches started (counted against pagesPerSite)

  constructor(
    private readonly svc: SiteServices,
    locality: Locality,
  ) {
    this.run = new SiteRun(svc, locality);
    this.fetcher = new PageFetcher(this.run);
  }

  async crawl(): Promise<SiteArtifacts> {
    const { run, svc } = this;
    const { portalUrl, code } = run.locality;
    let outcome: HomeOutcome;
    try {
      outcome = await this.fetcher.fetchHome(normalizePortalUrl(portalUrl));
    } catch (e) {
      return this.finish('error', `portal URL ${JSON.stringify(portalUrl)} of ${code}: ${(e as Error).message}`);
    }
    const { crawl } = svc.config;
    // A challenge is met in the browser before anything else: what follows depends on its cookies.
    const passing = outcome.status === 'challenge_failed' && crawl.passChallenges && svc.renderer;
    const pass = passing ? await passChallenge(run, this.fetcher, outcome) : undefined;
    if (pass) outcome = pass.home;
    const { home } = outcome;
    const homeUrl = new URL(home.finalUrl);
    this.scope = { root: hostRoot(homeUrl.hostname), port: homeUrl.port, maxDepth: svc.config.crawl.maxDepth };
    this.frontier.markSeen(home.url, home.finalUrl);

    const usable = home.status === 'ok' || BLOCK_STATUSES.has(home.status);
    // In the browser-for-all-pages baseline (and a site read in the browser) the homepage was already loaded there.
    const rendered = usable && crawl.renderHomepage && svc.renderer && !crawl.browserForAllPages && !pass;
    const render = rendered
      ? this.fetcher.renderHome(home)
      : pass && !run.browserHosts.size
        ? Promise.resolve(pass.rendered)
        : undefined;
    if (run.browserHosts.size) run.record(home);
    if (home.status === 'ok') await this.route(homeTask(home.url), home);

    const probing = home.status !== 'dns' && home.status !== 'policy_denied';
    const { site, probes, deadline, insecureHosts: unverifiedHosts } = run;
    const search = probing ? runProbes({ svc, site, home, probes, deadline, unverifiedHosts }) : undefined;
    await this.drain(render);
    // Search needs the form (often only in the rendered DOM), so it follows the render.
    const renderedHome = () => run.pages.find((p) => p.role === 'home' && p.crawler === 'browser' && p.body)?.body;
    await search?.then((s) => s?.run(renderedHome(), (p) => run.record(p)));
    let linkChecks: LinkCheck[] = [];
    if (home.status === 'ok') {
      const { root: siteRoot, port: sitePort } = this.scope;
      const crawled = answersFromPages(run.pages);
      const pool = this.linkPool;
      const deadline = run.deadline; // moved on by the wait for the render
      linkChecks = await checkLinks({ svc, site, pool, siteRoot, sitePort, deadline, unverifiedHosts, crawled });
    }
    return this.finish(outcome.status, outcome.error, linkChecks);
  }

  private finish(status: FetchStatus, error?: string, linkChecks: LinkCheck[] = []): SiteArtifacts {
    const { run } = this;
    run.closeSession();
    this.svc.emit({ type: 'site-done', site: run.site, status });
    const met = run.challenge ?? run.pages.find((p) => p.role === 'home' && p.challenge)?.challenge;
    // Pages that had to be read in the browser: the site as a whole came through the browser.
    const challenge = met?.passed && run.browserHosts.size ? { ...met, via: 'browser' as const } : met;
    return {
      locality: run.locality,
      startedAt: run.startedAt,
      finishedAt: new Date().toISOString(),
      siteStatus: status,
      siteError: status === 'ok' ? undefined : error,
      ...(challenge ? { challenge } : {}),
      pages: run.pages,
      probes: run.probes,
      linkChecks,
      interactions: [],
    };
  }

  /** Hand a fetched page to its role's handler, which enqueues what the page leads to. */
  private async route(task: Task, page: PageSnapshot): Promise<void> {
    const ctx = roleContext({ task, page, site: this.scope, frontier: this.frontier, linkPool: this.linkPool });
    if (ctx) await ROLE_ROUTER(ctx);
  }

  /**
   * Runs queued tasks in waves of up to SITE_WORKERS until the queue or the budget is done.
   * Deterministic on purpose: which pages a site gets must not depend on which response came
   * first (a resumed run must end with the results of an uninterrupted one), so each wave is
   * chosen by priority and discovery order, and its pages are recorded and routed in task order
   * after the whole wave has answered.
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
    this.run.deadline += Date.now() - waitStart; // waiting for the shared browser is not the site's time
    if (rendered) {
      this.run.record(rendered);
      if (rendered.body && !BLOCK_STATUSES.has(rendered.status)) await this.route(homeTask(rendered.url), rendered);
    }
    await this.waves(0);
  }

  private async waves(reserve: number): Promise<void> {
    for (;;) {
      const wave: Task[] = [];
      while (wave.length < SITE_WORKERS && this.canStart(reserve)) {
        const task = this.frontier.next();
        if (!task) break;
        this.started++;
        wave.push({ ...task, buffer: [] });
      }
      if (!wave.length) return;
      const pages = await Promise.all(wave.map((t) => this.fetcher.fetchTask(t)));
      for (const [i, t] of wave.entries()) {
        for (const p of t.buffer!) this.run.record(p);
        const page = pages[i]!;
        if (page.status === 'ok' && page.body) await this.route(t, page);
      }
    }
  }

  private canStart(reserve: number): boolean {
    const { pagesPerSite } = this.svc.config.crawl;
    return !this.svc.signal?.aborted && Date.now() < this.run.deadline && this.started + 1 + reserve < pagesPerSite;
  }
}
