/**
 * Availability columns of the exports: the run's stored `availability` indicator result (the
 * monitor window the crawl attached before each homepage fetch), read as it is — never recomputed
 * from the monitor table, so an export says what the run judged.
 */
import { availabilityVeto } from '../../indicators/health/availability.js';
import type { IndicatorResult } from '../types.js';
import type { Cell, Column } from './table.js';

export function availabilityColumns(): Column[] {
  return [
    { key: 'avail_visits', zh: '可用性-监测访问次数', en: 'Availability visits', width: 9, numeric: true },
    { key: 'avail_failures', zh: '可用性-失败次数', en: 'Availability failures', width: 9, numeric: true },
    {
      key: 'avail_failure_share',
      zh: '可用性-失败比例',
      en: 'Availability failure share (0-1)',
      width: 9,
      numeric: true,
    },
    {
      key: 'avail_longest_outage_ms',
      zh: '可用性-最长中断(毫秒)',
      en: 'Availability longest outage (ms)',
      width: 12,
      numeric: true,
    },
    {
      key: 'avail_median_open_ms',
      zh: '可用性-打开时间中位数(毫秒)',
      en: 'Median open (ms)',
      width: 10,
      numeric: true,
    },
    { key: 'avail_p95_open_ms', zh: '可用性-打开时间P95(毫秒)', en: 'p95 open (ms)', width: 10, numeric: true },
    { key: 'avail_veto', zh: '可用性-单项否决', en: 'Availability veto (yes/no/unknown)', width: 9 },
    { key: 'avail_window_from', zh: '可用性-监测窗口起', en: 'Availability window from', width: 20 },
    { key: 'avail_window_to', zh: '可用性-监测窗口止', en: 'Availability window to', width: 20 },
  ];
}

type AvailabilityValue = Partial<
  Record<'visits' | 'failures' | 'failureShare' | 'longestOutageMs' | 'medianOpenMs' | 'p95OpenMs', number | null> &
    Record<'from' | 'to', string>
>;

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const ms = (x: unknown): number | null => (num(x) === null ? null : Math.round(x as number));

/** Cells of one site; a site the monitor never watched has empty numbers and veto `unknown`. */
export function availabilityCells(r: IndicatorResult | undefined): Record<string, Cell> {
  const v = (r?.value ?? {}) as AvailabilityValue;
  const share = num(v.failureShare);
  return {
    avail_visits: num(v.visits),
    avail_failures: num(v.failures),
    avail_failure_share: share === null ? null : Math.round(share * 10_000) / 10_000,
    avail_longest_outage_ms: ms(v.longestOutageMs),
    avail_median_open_ms: ms(v.medianOpenMs),
    avail_p95_open_ms: ms(v.p95OpenMs),
    avail_veto: availabilityVeto(r?.status),
    avail_window_from: typeof v.from === 'string' ? v.from : null,
    avail_window_to: typeof v.to === 'string' ? v.to : null,
  };
}

/** What the data dictionary says about the availability columns. */
export const AVAILABILITY_NOTES: string[] = [
  "Availability columns (avail_visits … avail_window_to) are the run's stored `availability` indicator result: the `govscan monitor` visits of the window before the site's homepage fetch (default 7 days), attached by the crawl — not recomputed at export.",
  'avail_visits counts visits that opened or failed (not_run gaps and visits refused to our vantage are not counted); avail_failures those that did not open within monitor.failAfterSecs (15 s); avail_failure_share = failures / visits (0–1).',
  "avail_longest_outage_ms: the longest run of consecutive failed visits, from the first failing slot to the next open visit (or the window's end); avail_median_open_ms / avail_p95_open_ms: time to open of the opened visits.",
  'avail_veto (国办秘函〔2019〕19号 单项否决「站点无法访问」): yes = failure share ≥ monitor.vetoFailureShare (5 %) over a window with at least monitor.minVisits (140) counted visits; no = below; unknown = too few visits, or a site the monitor did not watch (empty numbers). Unknown is never a pass.',
  'avail_window_from / avail_window_to: the window, ISO 8601 UTC.',
];
