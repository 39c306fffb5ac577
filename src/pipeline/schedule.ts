/**
 * The order in which a run visits its sites. Cities of one province link to the same provincial
 * platforms (政务服务网, 数据开放平台), which are paced by the per-host politeness gate; visiting
 * the registry in its natural (province-grouped) order would queue a whole province on one host at
 * once and leave that host idle for the rest of the run. Interleaving provinces spreads each shared
 * host's requests over the whole run. The order is deterministic (same sites → same order).
 */
import type { Locality } from '../types.js';

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
