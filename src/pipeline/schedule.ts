/**
 * The order in which a run visits its sites, and how many it has in flight.
 *
 * Sites expected never to answer wait in slots of their own. A portal that stays silent is judged
 * `geo_timeout` only after its whole time budget (a first try, a patient retry, the probes): about
 * 3 minutes of waiting that costs no CPU and no browser. In the shared slots such a site keeps a
 * working site out for those minutes (57 of them started first left a county run two fifths of its
 * slots for three minutes), and started among the last it sets the end of the run while the cores
 * sit idle. In their own slots (a quarter more), all start at once with the run and are judged
 * well before its end. Expected: the site's homepage status in the newest earlier run of this
 * database, or, never crawled here, the registry's URL check that got no page. Only when and where
 * a site waits changes: every site is crawled and judged the same way.
 *
 * Within each pool, provinces are interleaved. Cities of one province link to the same provincial
 * platforms (政务服务网, 数据开放平台), which are paced by the per-host politeness gate; visiting
 * the registry in its natural (province-grouped) order would queue a whole province on one host at
 * once and leave that host idle for the rest of the run. Interleaving spreads each shared host's
 * requests over the whole run. The order is deterministic (same sites and history → same order).
 */
import type { FetchStatus, Locality } from '../types.js';

/** Homepage statuses that take a site's whole time budget to reach (a host that never answers). */
const SLOW_TO_JUDGE: ReadonlySet<FetchStatus> = new Set(['geo_timeout', 'timeout']);
/** Slots for the sites expected to stay silent, as a share of the run's site concurrency. */
const SILENT_SLOTS_SHARE = 0.25;

type Schedulable = Pick<Locality, 'code' | 'province' | 'urlFlag'>;

export interface SitePool<T> {
  sites: T[];
  /** Sites of this pool in flight at once. */
  slots: number;
}

export function sitePools<T extends Schedulable>(
  sites: readonly T[],
  lastStatus: ReadonlyMap<string, FetchStatus>,
  slots: number,
): SitePool<T>[] {
  const silent = (s: T) => {
    const last = lastStatus.get(s.code);
    return last ? SLOW_TO_JUDGE.has(last) : s.urlFlag === 'unreachable';
  };
  const pools = [
    { sites: interleaveByProvince(sites.filter((s) => !silent(s))), slots },
    { sites: interleaveByProvince(sites.filter(silent)), slots: Math.max(1, Math.ceil(slots * SILENT_SLOTS_SHARE)) },
  ];
  return pools.filter((p) => p.sites.length > 0);
}

export function interleaveByProvince<T extends Pick<Locality, 'code' | 'province'>>(sites: readonly T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const s of sites) {
    const key = s.province || s.code.slice(0, 2);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(s);
  }
  // Each province's sites are spread evenly over the run: the i-th of n sits at (i + ½) / n.
  // Ties go to larger provinces first; within a province the registry order is kept.
  const keyed: { site: T; at: number; size: number; seq: number }[] = [];
  let seq = 0;
  for (const g of groups.values())
    g.forEach((site, i) => {
      keyed.push({ site, at: (i + 0.5) / g.length, size: g.length, seq: seq++ });
    });
  return keyed.sort((a, b) => a.at - b.at || b.size - a.size || a.seq - b.seq).map((k) => k.site);
}
