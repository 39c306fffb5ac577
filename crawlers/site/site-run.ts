/** What every piece of one site's crawl shares: services, the site's clock, its pages and probes. */
import type { ChallengeRecord, Locality, PageSnapshot, SiteProbes } from '../../src/types.js';
import type { SiteSession } from '../http/site-session.js';
import type { Task } from './frontier.js';
import type { SiteServices } from './services.js';

export class SiteRun {
  readonly pages: PageSnapshot[] = [];
  readonly probes: SiteProbes = {};
  /** Hosts whose certificate failed verification: fetched again without verification. */
  readonly insecureHosts = new Set<string>();
  readonly startedAt = new Date().toISOString();
  /** When the site's time is up; moved on by time spent waiting for the shared browser. */
  deadline: number;
  /** The homepage's challenge and how the pass went (crawlers/site/challenge-pass.ts). */
  challenge?: ChallengeRecord;
  /** Cookies a passed challenge earned, sent with every further request of the site. */
  session?: SiteSession;
  /** Hosts that refuse HTTP even with the session: their pages are read in the browser (smaller budget). */
  readonly browserHosts = new Set<string>();

  constructor(
    readonly svc: SiteServices,
    readonly locality: Locality,
  ) {
    this.deadline = Date.now() + svc.config.crawl.timePerSiteSecs * 1000;
  }

  get site(): string {
    return this.locality.code;
  }

  private excusedUntil = 0;

  /**
   * Moves the deadline on by the part of [from, to] not already excused: time this site waited for
   * the browser shared by all sites is not its own (pages of one wave wait side by side: counted once).
   */
  excuseWait(from: number, to: number): void {
    const start = Math.max(from, this.excusedUntil);
    if (to > start) this.deadline += to - start;
    this.excusedUntil = Math.max(this.excusedUntil, to);
  }

  /** Pages read in the browser because their host challenges every page (budget: crawl.challengeBrowserPages). */
  browserPages = 0;

  openSession(session: SiteSession): void {
    this.session = session;
    this.svc.client.openSession(this.site, session);
  }

  /** The shared HTTP client forgets the site's cookies when the site is done. */
  closeSession(): void {
    if (this.session) this.svc.client.closeSession(this.site);
  }

  /** Keep a page: in its task's buffer during a wave (recorded in task order later), else now. */
  record(page: PageSnapshot, task?: Task): void {
    if (task?.buffer) {
      task.buffer.push(page);
      return;
    }
    this.pages.push(page);
    this.svc.emit({ type: 'page', site: this.site, url: page.url, status: page.status });
  }

  moveToFront(page: PageSnapshot): void {
    const i = this.pages.indexOf(page);
    if (i > 0) {
      this.pages.splice(i, 1);
      this.pages.unshift(page);
    }
  }
}
