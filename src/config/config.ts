/**
 * Run configuration: crawl budgets, politeness, network routing, detection thresholds.
 * Scoring weights live in their own file (src/scoring/), validated by the scoring module.
 * Users pass a JSON file (`--config`), merged over these defaults and validated before any request;
 * a bad value is reported with its path (e.g. `crawl.pagesPerSite: must be ≥ 1`).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { bounded, count, days, ms, secs } from './bounds.js';
import { AllowListHeaderSchema, VantageSchema } from './identity.js';
import { MonitorSchema } from './monitor.js';
import { ReportSchema } from './report.js';

const DEFAULT_FIRST_BYTE_SECS = 30;
const DEFAULT_LOAD_SECS = 45;
/** The patient retry of a silent host waits this many times the first-byte allowance. */
export const PATIENT_FACTOR = 2;

const CrawlSchema = z
  .object({
    /** Pages fetched per site (portal + linked platforms), link checks excluded. */
    pagesPerSite: count(1, 10_000).default(40),
    /** Link depth from the homepage within the portal. */
    maxDepth: count(0, 10).default(2),
    /** Wall-clock budget for one site, seconds. */
    timePerSiteSecs: secs(1, 86_400).default(180),
    /**
     * Connect + time to first byte, seconds. Portals seen from far away (outside mainland China,
     * a slow IDC) often take 20–30 s before answering; a host silent past this is `geo_timeout`.
     * Default: `requestTimeoutSecs` if given, else 30.
     */
    firstByteTimeoutSecs: secs(1, 600).optional(),
    /**
     * The whole response (HTTP body) or page load (browser), seconds; a response that started but
     * did not finish in time is `timeout`. Default: `requestTimeoutSecs` if given, else 45 (and
     * never below firstByteTimeoutSecs).
     */
    loadTimeoutSecs: secs(1, 600).optional(),
    /** Deprecated: sets both timeouts above (older configs and presets keep working). */
    requestTimeoutSecs: secs(1, 600).optional(),
    /** Retries for retryable failures (timeout, reset, 5xx, 429), with exponential backoff. */
    maxRetries: count(0, 10).default(2),
    retryBaseDelayMs: ms(0, 60_000).default(1000),
    /**
     * A host that never answered (`geo_timeout`) is asked once more after this pause, with twice
     * the first-byte allowance: slow hosts get a patient second chance. Silent twice, it is dead for
     * the rest of its site's crawl and its other pages get one attempt each, no retry.
     */
    geoRetryPauseMs: ms(0, 600_000).default(5000),
    /** Raw body limit and decompressed body limit, bytes. */
    maxBodyBytes: bounded(1, 2 ** 30, 'bytes').default(8 * 1024 * 1024),
    maxDecompressedBytes: bounded(1, 2 ** 30, 'bytes').default(32 * 1024 * 1024),
    /**
     * Sites crawled at once. Each host still gets `perHostConcurrency`; a site's own time is mostly
     * waiting on its politely paced portal host, so many sites overlap on two cores.
     */
    siteConcurrency: count(1, 512).default(96),
    perHostConcurrency: count(1, 16).default(1),
    /** Delay between two requests to the same host, ms. */
    perHostDelayMs: ms(0, 60_000).default(250),
    /** Links sampled from the homepage and columns for the broken-link check. */
    linkChecksPerSite: count(0, 1000).default(30),
    /** Render the homepage in Chromium (JS-built headers, toolbars, widgets). */
    renderHomepage: z.boolean().default(true),
    /**
     * Chromium renders at once. A render mostly waits on the network (sub-resources from slow
     * hosts, the quiet period after load), so on 2 cores 10 keep the CPU busy without starving
     * pages; lower it if renders of heavy real portals start to time out.
     */
    renderConcurrency: count(1, 32).default(10),
    /**
     * Meet an anti-bot challenge on the homepage in the browser (its script runs, reloads) and
     * carry the cookies it earned into the HTTP crawl; off: such sites stay `challenge_failed`.
     */
    passChallenges: z.boolean().default(true),
    /** How long the browser waits for a challenge to reload into the page, seconds. */
    challengeWaitSecs: secs(1, 120).default(15),
    /** Page budget of a site whose every page needs the browser (HTTP refused even with the cookies). */
    challengeBrowserPages: count(1, 1000).default(20),
    /** Fetch every page with the browser instead of HTTP (the benchmark's baseline; slow). */
    browserForAllPages: z.boolean().default(false),
    respectRobotsTxt: z.boolean().default(true),
    userAgent: z
      .string()
      .min(1)
      .default('govscan/0.1 (+{contact}; research crawler for government website capability)'),
    /** Contact URL put into the User-Agent, so site operators can reach the team. */
    contactUrl: z.string().url().default('https://example.org/govscan-contact'),
  })
  .strict()
  .transform(({ requestTimeoutSecs, firstByteTimeoutSecs, loadTimeoutSecs, ...rest }) => {
    const firstByte = firstByteTimeoutSecs ?? requestTimeoutSecs ?? DEFAULT_FIRST_BYTE_SECS;
    const load = loadTimeoutSecs ?? requestTimeoutSecs ?? Math.max(DEFAULT_LOAD_SECS, firstByte);
    return {
      ...rest,
      ...(requestTimeoutSecs !== undefined ? { requestTimeoutSecs } : {}),
      firstByteTimeoutSecs: firstByte,
      loadTimeoutSecs: load,
    };
  })
  .refine((c) => c.loadTimeoutSecs >= c.firstByteTimeoutSecs, {
    error: 'loadTimeoutSecs must be at least firstByteTimeoutSecs (the load includes the wait for the first byte)',
    path: ['loadTimeoutSecs'],
  });

const NetworkSchema = z
  .object({
    /** Upstream HTTP proxy for every request (HTTP crawler, browser, probes). */
    proxy: z.string().url().optional(),
    /** Extra CA certificates (PEM files) trusted when judging TLS validity. */
    extraCaFiles: z.array(z.string()).default([]),
    /** DNS server for the DNS/IPv6 probes, "host:port"; default: the system resolver. Recorded with each run. */
    resolver: z.string().optional(),
    /**
     * Where the run runs from, e.g. "beijing-idc-1" or "frankfurt-vps": recorded with each run,
     * since what Chinese government sites answer depends on it. Set it (src/config/identity.ts).
     */
    vantage: VantageSchema.default('unspecified'),
    /**
     * A header sent on every request to sites (HTTP crawler, probes, link checks, both browsers,
     * Lighthouse) that an operator can whitelist, e.g. { "name": "X-Govscan-Scanner", "value": "…" }.
     * Runs record its name, never its value.
     */
    allowListHeader: AllowListHeaderSchema.optional(),
    /** Allow requests to loopback/private/link-local addresses (the fixture world needs this). */
    allowPrivateNetworks: z.boolean().default(false),
    chromiumPath: z.string().default('/usr/bin/chromium'),
    /** Debian's chromium-headless-shell, for the crawl's homepage renders (full Chromium when missing). */
    headlessShellPath: z.string().default('/usr/lib/chromium/chromium-headless-shell'),
  })
  .strict();

const ThresholdsSchema = z
  .object({
    /** 国办秘函〔2019〕19号: homepage not updated for 2 weeks fails. */
    homepageStaleDays: days().default(14),
    /** Column staleness limits by column type, days. */
    columnStaleDays: z
      .object({
        news: days().default(14), // 动态、要闻
        notice: days().default(183), // 通知公告、政策文件
        longTerm: days().default(365), // 人事、规划计划
      })
      .strict()
      .default({ news: 14, notice: 183, longTerm: 365 }),
    staleColumnsFail: count(1, 1000).default(5),
    blankColumnsFail: count(1, 1000).default(5),
    /** Letters unanswered longer than this count against reply timeliness. */
    replyOverdueDays: days().default(90),
    /** Broken-link rate above which `broken_links` fails. */
    brokenLinkRateFail: bounded(0, 1, '(a rate)', 'real').default(0.05),
    /** 政策文件 column older than this is not "fresh". */
    policyStaleDays: days().default(183),
  })
  .strict();

/** The browser audit stage (`govscan audit`): Lighthouse, axe and verification by acting. */
const AuditSchema = z
  .object({
    /** Hard limit for one Lighthouse run, seconds (the browser is killed and restarted past it). */
    lighthouseTimeoutSecs: secs(1, 3600).default(60),
    /**
     * Lighthouse stops waiting for the page to finish loading after this many seconds and scores
     * what it has (the report then carries "The page loaded too slowly…", stored as a warning).
     * Pages with a beacon that never lets the network go quiet otherwise hold the audit for
     * Lighthouse's default 45 s.
     */
    lighthouseMaxLoadSecs: secs(1, 600).default(15),
    /** Restart Lighthouse's Chromium after this many sites (memory creep, stale state). */
    lighthouseRecycleEvery: count(1, 100_000).default(20),
    /** Hard limit for verifying one site (all four capabilities and axe), seconds. */
    verifyTimeoutSecs: secs(1, 3600).default(120),
    /** Navigation timeout for one page load during verification, seconds. */
    pageTimeoutSecs: secs(1, 600).default(30),
    /**
     * Sites verified (axe + acting) at once, in their own browser, while Lighthouse audits one
     * site at a time beside them. Verification mostly waits for pages to react, so overlapping
     * it with Lighthouse halves the stage; 1 keeps at most one verification beside Lighthouse.
     */
    verifyConcurrency: count(1, 16).default(2),
    /** Restart the verification browser after this many sites. */
    browserRecycleEvery: count(1, 100_000).default(25),
    /** How long to wait for a page to react to a click (toolbar, mode, widget), ms. */
    reactionWaitMs: ms(100, 600_000).default(4000),
    /** How long to wait for the Q&A to answer a question, ms. */
    answerWaitMs: ms(100, 600_000).default(10000),
    /** Question typed into the intelligent Q&A. */
    qaQuestion: z.string().min(1).default('如何办理居住证'),
    /** Query submitted to the site search. */
    searchQuery: z.string().min(1).default('政府'),
    /** Minimum relative increase of body text size that counts as a working elderly mode. */
    elderlyFontGain: bounded(0.01, 10, '(relative gain)', 'real').default(0.08),
  })
  .strict();

export const ConfigSchema = z
  .object({
    crawl: CrawlSchema.default(CrawlSchema.parse({})),
    network: NetworkSchema.default(NetworkSchema.parse({})),
    thresholds: ThresholdsSchema.default(ThresholdsSchema.parse({})),
    audit: AuditSchema.default(AuditSchema.parse({})),
    /** Availability monitoring (`govscan monitor`), src/config/monitor.ts. */
    monitor: MonitorSchema.default(MonitorSchema.parse({})),
    /** `govscan report`: one file or a directory (src/config/report.ts). */
    report: ReportSchema.default(ReportSchema.parse({})),
    /** Path of the scoring weights file; default: the built-in weights. */
    scoring: z.string().optional(),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`invalid config ${source}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(input: unknown, source = '<config>'): Config {
  const r = ConfigSchema.safeParse(input ?? {}, { reportInput: true });
  if (!r.success)
    throw new ConfigError(
      source,
      r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}${gotValue(i)}`),
    );
  return r.data;
}

/** The offending value, so `1e400` (Infinity after JSON.parse) or `"20"` is visible in the message. */
function gotValue(issue: { input?: unknown; code: string }): string {
  const v = issue.input;
  if (issue.code === 'unrecognized_keys' || v === undefined || (typeof v === 'object' && v !== null)) return '';
  return ` (got ${typeof v === 'number' ? String(v) : JSON.stringify(v)})`;
}

export function loadConfig(file?: string, overrides: ConfigInput = {}): Config {
  let fromFile: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError(file, [`cannot read file: ${(e as Error).message}`]);
    }
    try {
      fromFile = JSON.parse(text);
    } catch (e) {
      throw new ConfigError(file, [`not valid JSON: ${(e as Error).message}`]);
    }
  }
  return parseConfig(deepMerge(fromFile, overrides as Record<string, unknown>), file ?? '<defaults>');
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined) continue;
    const prev = out[k];
    out[k] =
      prev && typeof prev === 'object' && !Array.isArray(prev) && v && typeof v === 'object' && !Array.isArray(v)
        ? deepMerge(prev as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

export function userAgent(cfg: Config): string {
  return cfg.crawl.userAgent.replace('{contact}', cfg.crawl.contactUrl);
}
