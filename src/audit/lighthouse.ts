/**
 * Lighthouse 12 on a homepage: performance, accessibility, best-practices and SEO scores and the
 * key metrics, mobile emulation (Lighthouse's default). One audit at a time on the machine, as
 * the Lighthouse team advises (parallel runs distort each other's timings): a lock file
 * serialises govscan processes. Debian Chromium is started by chrome-launcher with govscan's
 * quiet flags and kept across sites (faster), restarted every N sites and after any timeout.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumArgs, chromiumPath } from '../../crawlers/chromium.js';
import { UrlPolicy } from '../../crawlers/http/policy.js';
import type { Config } from '../config/config.js';
import { allowListHeaders } from '../config/identity.js';
import { acquireLock, LockHeldError } from '../util/lock.js';

export interface LighthouseOptions {
  chromiumPath: string;
  proxy?: string;
  /** Only for the fixture world (self-signed certificates): Chromium then ignores certificate errors. */
  ignoreCertificateErrors: boolean;
  timeoutMs: number;
  /** Sent with every request of the audited page (Lighthouse's extraHeaders): the allow-list header. */
  extraHeaders?: Record<string, string>;
  /** Lighthouse's maxWaitForLoad. */
  maxLoadMs: number;
  recycleEvery: number;
  /** Machine-wide lock file; undefined disables the lock (tests that run one audit). */
  lockFile?: string;
  /** Throws for a page URL govscan must not request (the crawler's URL policy). */
  checkUrl?: (url: string) => Promise<void>;
  /** Chromium refuses private address literals and reserved names itself (Lighthouse's requests cannot be routed through checkUrl). */
  refusePrivateAddresses?: boolean;
}

export const DEFAULT_LIGHTHOUSE_LOCK = join(tmpdir(), 'govscan-lighthouse.lock');

export function lighthouseOptionsFrom(cfg: Config): LighthouseOptions {
  return {
    chromiumPath: chromiumPath(cfg.network.chromiumPath),
    proxy: cfg.network.proxy,
    ignoreCertificateErrors: cfg.network.extraCaFiles.length > 0,
    timeoutMs: cfg.audit.lighthouseTimeoutSecs * 1000,
    extraHeaders: allowListHeaders(cfg),
    maxLoadMs: cfg.audit.lighthouseMaxLoadSecs * 1000,
    recycleEvery: cfg.audit.lighthouseRecycleEvery,
    lockFile: DEFAULT_LIGHTHOUSE_LOCK,
    ...(cfg.network.allowPrivateNetworks
      ? {}
      : {
          checkUrl: (
            (p) => (u: string) =>
              p.check(u)
          )(new UrlPolicy(cfg)),
          refusePrivateAddresses: true,
        }),
  };
}

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/** Metric name → Lighthouse audit id. */
const METRICS = {
  lcp: 'largest-contentful-paint',
  cls: 'cumulative-layout-shift',
  tbt: 'total-blocking-time',
  fcp: 'first-contentful-paint',
  si: 'speed-index',
  tti: 'interactive',
  ttfb: 'server-response-time',
} as const;

export interface LighthouseResult {
  url: string;
  finalUrl?: string;
  status: 'ok' | 'error' | 'timeout';
  error?: string;
  /** 0..1, null when Lighthouse could not compute the category. */
  scores: {
    performance: number | null;
    accessibility: number | null;
    bestPractices: number | null;
    seo: number | null;
  };
  /** Numeric values: ms, except cls (unitless). */
  metrics: Partial<Record<keyof typeof METRICS, number>>;
  warnings: string[];
  lighthouseVersion?: string;
  formFactor?: string;
  durationMs: number;
  /** The full report JSON, for auditors (stored as a blob). */
  lhrJson?: string;
  fetchedAt: string;
}

export class LighthouseRunner {
  private chrome?: chromeLauncher.LaunchedChrome;
  private profileDir?: string;
  private runsSinceLaunch = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Set by stop(): audits still queued return at once instead of launching a browser nobody will close. */
  private stopped = false;

  constructor(readonly opts: LighthouseOptions) {}

  /** Audit one URL. Calls are queued: never two audits at once, even from one process. */
  audit(url: string): Promise<LighthouseResult> {
    const next = this.queue.then(() => this.auditNow(url));
    this.queue = next.catch(() => {});
    return next;
  }

  /** Stop for good (Ctrl-C): close the browser, and every audit still queued returns without launching one. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.close();
  }

  async close(): Promise<void> {
    const chrome = this.chrome;
    this.chrome = undefined;
    this.runsSinceLaunch = 0;
    if (chrome) {
      chrome.kill();
      await new Promise<void>((r) => (chrome.process.exitCode !== null ? r() : chrome.process.once('exit', () => r())));
    }
    if (this.profileDir) rmSync(this.profileDir, { recursive: true, force: true });
    this.profileDir = undefined;
  }

  private async auditNow(url: string): Promise<LighthouseResult> {
    const fetchedAt = new Date().toISOString();
    const started = Date.now();
    try {
      await this.opts.checkUrl?.(url);
    } catch (e) {
      return empty(url, 'error', (e as Error).message, started, fetchedAt);
    }
    if (this.stopped) return empty(url, 'error', 'not audited: the audit was stopped', started, fetchedAt);
    const release = this.opts.lockFile ? await waitForLock(this.opts.lockFile, this.opts.timeoutMs * 3) : () => {};
    try {
      if (this.stopped) return empty(url, 'error', 'not audited: the audit was stopped', started, fetchedAt);
      if (this.chrome && this.runsSinceLaunch >= this.opts.recycleEvery) await this.close();
      const chrome = await this.launch();
      this.runsSinceLaunch++;
      // Loading must leave the rest of the run (gatherers, audits) time within the hard timeout.
      const loadMs = Math.max(5000, Math.min(this.opts.maxLoadMs, Math.round(this.opts.timeoutMs * 0.6)));
      const run = lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'silent',
        onlyCategories: [...CATEGORIES],
        maxWaitForLoad: loadMs,
        ...(this.opts.extraHeaders && Object.keys(this.opts.extraHeaders).length
          ? { extraHeaders: this.opts.extraHeaders }
          : {}),
        // No first paint means no result at all (NO_FCP), so that wait is not cut short with the load:
        // a busy machine can take well over 15 s to paint a page.
        maxWaitForFcp: Math.min(30_000, Math.round(this.opts.timeoutMs * 0.5)),
        // Screenshots of the load are not used and make the report ten times bigger; the
        // back/forward-cache check navigates away and back (seconds) for a weight-0 diagnostic.
        skipAudits: ['screenshot-thumbnails', 'final-screenshot', 'full-page-screenshot', 'bf-cache'],
        disableFullPageScreenshot: true,
      });
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), this.opts.timeoutMs)));
      const out = await Promise.race([run, timedOut]).finally(() => clearTimeout(timer));
      if (out === 'timeout') {
        run.catch(() => {}); // it fails once its browser is gone
        await this.close(); // a stuck page must not poison the next site
        return empty(
          url,
          'timeout',
          `Lighthouse took longer than ${Math.round(this.opts.timeoutMs / 1000)} s`,
          started,
          fetchedAt,
        );
      }
      if (!out) return empty(url, 'error', 'Lighthouse returned no result', started, fetchedAt);
      return fromLhr(url, out.lhr, out.report, started, fetchedAt);
    } catch (e) {
      await this.close();
      return empty(url, 'error', (e instanceof Error ? e.message : String(e)).split('\n')[0]!, started, fetchedAt);
    } finally {
      release();
    }
  }

  private async launch(): Promise<chromeLauncher.LaunchedChrome> {
    if (this.chrome && this.chrome.process.exitCode === null) return this.chrome;
    this.profileDir = mkdtempSync(join(tmpdir(), 'govscan-lh-'));
    // Quiet flags, chrome-launcher's --disable-features merged with ours, the proxy, and Chromium's own traffic kept local.
    const flags = chromiumArgs('chrome-launcher', {
      proxy: this.opts.proxy,
      refusePrivateAddresses: this.opts.refusePrivateAddresses,
    });
    if (this.opts.ignoreCertificateErrors) flags.push('--ignore-certificate-errors');
    this.chrome = await chromeLauncher.launch({
      chromePath: this.opts.chromiumPath,
      chromeFlags: flags,
      userDataDir: this.profileDir,
      logLevel: 'silent',
      handleSIGINT: false, // the audit stage handles signals and closes us
    });
    this.runsSinceLaunch = 0;
    return this.chrome;
  }
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

function fromLhr(
  url: string,
  lhr: Lhr,
  report: string | string[],
  started: number,
  fetchedAt: string,
): LighthouseResult {
  const score = (id: string) => {
    const s = lhr.categories[id]?.score;
    return typeof s === 'number' ? s : null;
  };
  const metrics: LighthouseResult['metrics'] = {};
  for (const [name, auditId] of Object.entries(METRICS) as [keyof typeof METRICS, string][]) {
    const v = lhr.audits[auditId]?.numericValue;
    if (typeof v === 'number' && Number.isFinite(v)) metrics[name] = v;
  }
  const err = lhr.runtimeError;
  return {
    url,
    finalUrl: lhr.finalDisplayedUrl,
    status: err ? 'error' : 'ok',
    error: err ? `${err.code}: ${err.message}`.slice(0, 300) : undefined,
    scores: {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
    },
    metrics,
    warnings: (lhr.runWarnings ?? []).map((w) => String(w).slice(0, 300)),
    lighthouseVersion: lhr.lighthouseVersion,
    formFactor: lhr.configSettings?.formFactor,
    durationMs: Date.now() - started,
    lhrJson: Array.isArray(report) ? report[0] : report,
    fetchedAt,
  };
}

function empty(
  url: string,
  status: 'error' | 'timeout',
  error: string,
  started: number,
  fetchedAt: string,
): LighthouseResult {
  return {
    url,
    status,
    error,
    scores: { performance: null, accessibility: null, bestPractices: null, seo: null },
    metrics: {},
    warnings: [],
    durationMs: Date.now() - started,
    fetchedAt,
  };
}

/** Take the machine-wide Lighthouse lock, waiting for another govscan's audit to finish. */
async function waitForLock(file: string, maxWaitMs: number): Promise<() => void> {
  const end = Date.now() + maxWaitMs;
  for (;;) {
    try {
      return acquireLock(file);
    } catch (e) {
      if (!(e instanceof LockHeldError) || Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
