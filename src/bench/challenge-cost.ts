/**
 * What getting past anti-bot challenges costs, read from the core collection's database: per
 * protected site the time waited for the challenge, the pages read in the browser and the site's
 * wall time, against the median unprotected site. (Sites run concurrently, so CPU cannot be split
 * per site; the browser time is the cost that matters, since renders share a few slots.)
 */
import Database from 'better-sqlite3';
import { siteAccessCosts } from '../store/sites.js';

export interface ChallengeCost {
  protectedSites: number;
  passed: number;
  /** Medians over protected sites that passed. */
  medianWaitMs: number;
  medianBrowserPages: number;
  medianBrowserMs: number;
  medianSiteWallMs: number;
  /** The median unprotected site of the same run, for comparison. */
  unprotected: { medianBrowserPages: number; medianBrowserMs: number; medianSiteWallMs: number };
}

const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export function challengeCost(dbFile: string, runId: number): ChallengeCost {
  const db = new Database(dbFile, { readonly: true });
  try {
    const sites = siteAccessCosts(db, runId);
    const passed = sites.filter((s) => s.challenge?.passed);
    const plain = sites.filter((s) => !s.challenge && s.status === 'ok');
    return {
      protectedSites: sites.filter((s) => s.challenge).length,
      passed: passed.length,
      medianWaitMs: median(passed.map((s) => s.challenge!.waitedMs ?? 0)),
      medianBrowserPages: median(passed.map((s) => s.browserPages)),
      medianBrowserMs: median(passed.map((s) => s.browserMs)),
      medianSiteWallMs: median(passed.map((s) => s.wallMs)),
      unprotected: {
        medianBrowserPages: median(plain.map((s) => s.browserPages)),
        medianBrowserMs: median(plain.map((s) => s.browserMs)),
        medianSiteWallMs: median(plain.map((s) => s.wallMs)),
      },
    };
  } finally {
    db.close();
  }
}

export function challengeCostMarkdown(c: ChallengeCost): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    `## Anti-bot challenges (${c.protectedSites} protected sites, ${c.passed} passed)`,
    `- per passed site (median): ${s(c.medianWaitMs)} waiting for the challenge to reload, ${c.medianBrowserPages} pages in the browser taking ${s(c.medianBrowserMs)}, site wall time ${s(c.medianSiteWallMs)}`,
    `- per unprotected site (median): ${c.unprotected.medianBrowserPages} pages in the browser taking ${s(c.unprotected.medianBrowserMs)}, site wall time ${s(c.unprotected.medianSiteWallMs)}`,
    '',
  ];
}
