import { defineIndicator } from '../define.js';
import { absent, plainEvidence, present, unknown } from '../support/evidence.js';

/** The 单项否决 verdict an availability status stands for: failed (absent) vetoes, unknown never does. */
export const availabilityVeto = (status: string | undefined): 'yes' | 'no' | 'unknown' =>
  status === 'absent' ? 'yes' : status === 'present' ? 'no' : 'unknown';

const pct = (x: number): string => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

export default defineIndicator({
  id: 'availability',
  dimension: 'health',
  order: 0,
  name: { zh: '网站可用性（一周监测）', en: 'Availability (a week of monitoring)' },
  measures:
    'The homepage visited on a schedule by `govscan monitor` (default 24 visits a day); over the window (default the 7 days before the crawl) the share of visits that did not open within failAfterSecs (default 15 s), the longest outage and the median and p95 time to open. Visits refused to our vantage (WAF block page, rate limit) and slots the monitor did not run are not counted.',
  standard:
    '国办秘函〔2019〕19号 单项否决「站点无法访问」: monitored for a week with ≥ 20 visits a day, a visit fails when the site does not open within 15 s; a failure share ≥ 5% fails.',
  presentMeans:
    'The failure share over a window with at least minVisits counted visits is below vetoFailureShare (default 5%). Fewer visits → unknown, never present.',
  valueFields: {
    visits: 'visits counted (opened or failed)',
    failures: 'visits that did not open within the limit',
    failureShare: 'failures / visits (0..1)',
    longestOutageMs: 'longest run of consecutive failed visits, ms',
    medianOpenMs: 'median time to open of the opened visits, ms',
    p95OpenMs: '95th percentile time to open, ms',
    notRun: 'slots the monitor was not running (gaps, not failures)',
    blocked: 'visits refused to our vantage (not counted)',
    unexpectedChanges: 'visits whose homepage was replaced (placeholder, block page)',
    from: 'window start (ISO 8601)',
    to: 'window end (ISO 8601)',
  },
  needs: ['availability'],
  detect(site) {
    const a = site.availability!;
    const value = {
      visits: a.visits,
      failures: a.failures,
      failureShare: a.failureShare,
      longestOutageMs: a.longestOutageMs,
      medianOpenMs: a.medianOpenMs,
      p95OpenMs: a.p95OpenMs,
      notRun: a.notRun,
      blocked: a.blocked,
      unexpectedChanges: a.unexpectedChanges,
      from: a.from,
      to: a.to,
    };
    const evidence = a.failing.map((f) =>
      plainEvidence('probe', site.locality.portalUrl, {
        pattern: `visit failed (not open within ${a.failAfterSecs} s)`,
        snippet: [
          f.fetchStatus,
          f.httpStatus && `HTTP ${f.httpStatus}`,
          f.totalMs !== undefined && `${f.totalMs} ms`,
          f.error,
        ]
          .filter(Boolean)
          .join(' · '),
        fetchedAt: f.at,
      }),
    );
    const window = `${a.from.slice(0, 10)}…${a.to.slice(0, 10)}`;
    if (a.visits < a.minVisits || a.failureShare === null)
      return unknown(
        `Only ${a.visits} counted visits in ${window} (${a.notRun} slots not run, ${a.blocked} refused to this vantage); the rule needs ${a.minVisits}.`,
        evidence,
        value,
      );
    const why = `${a.failures} of ${a.visits} visits in ${window} did not open within ${a.failAfterSecs} s (${pct(a.failureShare)}; limit ${pct(a.vetoFailureShare)})`;
    if (a.failureShare >= a.vetoFailureShare) return absent(value, 0.9, `${why}: fails.`, evidence);
    const ok = plainEvidence('count', site.locality.portalUrl, {
      pattern: 'monitor window',
      snippet: `${why}; median open ${a.medianOpenMs ?? '—'} ms, p95 ${a.p95OpenMs ?? '—'} ms`,
      fetchedAt: a.to,
    });
    return present(value, 0.9, `${why}.`, [ok, ...evidence]);
  },
});
