/**
 * Getting past an anti-bot challenge on a site's homepage the way a visitor does: Chromium loads
 * the page, the challenge's own script runs and reloads (waited out, bounded), and the cookies it
 * earned — with the User-Agent they are bound to — go to the HTTP crawler for the rest of the site,
 * under the same politeness. When HTTP is refused even with them (a challenge on every page), the
 * site is read in the browser within a smaller page budget. Nothing is faked: a challenge that
 * rejects automation stays `challenge_failed`, with the rendered attempt kept as evidence.
 */
import { userAgent } from '../../src/config/config.js';
import { BLOCK_STATUSES, type PageSnapshot } from '../../src/types.js';
import { SiteSession } from '../http/site-session.js';
import type { HomeOutcome, PageFetcher } from './page-fetch.js';
import { keepRobotsProbe } from './probes.js';
import type { SiteRun } from './site-run.js';

export interface PassOutcome {
  home: HomeOutcome;
  /** The homepage as the browser ended on it (passed or not), for the crawl to record and route. */
  rendered: PageSnapshot;
}

export async function passChallenge(run: SiteRun, fetcher: PageFetcher, blocked: HomeOutcome): Promise<PassOutcome> {
  const { svc, site } = run;
  const { crawl } = svc.config;
  const waitStart = Date.now();
  const { page: rendered, cookies } = await svc.renderer!.render(blocked.home.finalUrl, {
    site,
    role: 'home',
    unverifiedHosts: run.insecureHosts,
    prefetched: fetcher.homeFetchOf(blocked.home),
    challengeWaitMs: crawl.challengeWaitSecs * 1000,
  });
  rendered.url = blocked.home.url;
  run.excuseWait(waitStart, Date.now()); // the pass is the shared browser's time, not the site's
  const met = rendered.challenge ?? blocked.home.challenge;
  const { reloads, waitedMs } = rendered.challenge ?? {};
  run.challenge = { vendor: met?.vendor ?? 'generic', passed: false, via: 'none', reloads, waitedMs };
  if (!met || !rendered.challenge?.passed) {
    const vendor = met?.vendor ?? 'generic';
    const waited = ((rendered.challenge?.waitedMs ?? 0) / 1000).toFixed(1);
    const why = `${vendor} challenge not passed in the browser (waited ${waited} s of at most ${crawl.challengeWaitSecs} s)`;
    const after = `${rendered.challenge?.reloads ?? 0} reloads, ended ${rendered.status}${rendered.error ? `: ${rendered.error}` : ''}`;
    return { home: { ...blocked, error: `${why} (${after}); HTTP: ${blocked.error ?? blocked.status}` }, rendered };
  }
  const session = new SiteSession(met.vendor, userAgent(svc.config));
  session.addBrowserCookies(cookies ?? []);
  run.openSession(session);
  run.challenge = { ...run.challenge, passed: true, via: 'cookies' };
  await reprobeRobots(run, blocked.home.finalUrl);
  const again = await fetcher.fetchTask({
    url: blocked.home.url,
    role: 'home',
    depth: 0,
    priority: 0,
    seq: 0,
    linkText: 'again, with the cookies the browser earned',
    httpOnly: true,
  });
  if (again.status === 'ok') {
    run.moveToFront(again);
    return { home: { home: again, status: 'ok' }, rendered };
  }
  // HTTP is refused even with the cookies: every further page of this site goes through the browser.
  run.browserHosts.add(new URL(rendered.finalUrl).host);
  return { home: { home: rendered, status: 'ok' }, rendered };
}

/** robots.txt answered with the challenge before it was passed: read it again with the cookies. */
async function reprobeRobots(run: SiteRun, url: string): Promise<void> {
  const { svc, site, probes, deadline, insecureHosts } = run;
  if (!svc.config.crawl.respectRobotsTxt || !probes.robots || !BLOCK_STATUSES.has(probes.robots.status)) return;
  const origin = new URL(url).origin;
  svc.robots.forget(origin);
  const { probe } = await svc.robots.get(origin, site, deadline, insecureHosts);
  delete probes.robots;
  keepRobotsProbe(probes, probe);
}
