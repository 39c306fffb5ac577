/**
 * The `monitor` section: availability probing (`govscan monitor`). Defaults follow 国办秘函〔2019〕19号:
 * a week of visits, at least 20 a day, a visit failed when the homepage does not open within 15 s.
 */
import { z } from 'zod';
import { bounded, secs, count as whole } from './bounds.js';

export const MonitorSchema = z
  .object({
    /** Homepage visits per site per day, spread evenly (each site at its own offset in the period). */
    visitsPerDay: whole(1, 1440).default(24),
    /** A visit that has not opened the homepage within this many seconds failed (2019: 15 s). */
    failAfterSecs: secs(0.05, 600).default(15),
    /** The availability window, days back from the time it is read (2019: one week). */
    windowDays: whole(1, 365).default(7),
    /** Visits a window needs (not_run and blocked visits do not count) before it says anything: fewer is unknown. 2019: 20 a day for 7 days. */
    minVisits: whole(1, 1_000_000).default(140),
    /** Visits in flight at once over all sites. */
    concurrency: whole(1, 512).default(16),
    /** Failure share at or above which the 2019 veto applies (the indicator is absent). */
    vetoFailureShare: bounded(0, 1, '', 'real').default(0.05),
  })
  .strict();

export type MonitorConfig = z.infer<typeof MonitorSchema>;
