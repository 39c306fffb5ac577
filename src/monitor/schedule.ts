/**
 * Where each site's visits fall. The day is cut into `visitsPerDay` equal periods and each site
 * visits once per period at its own offset (a hash of its code), so visits to thousands of sites
 * are spread over the period instead of bursting at its start, and the same site always gets the
 * same slots: a restart recomputes them exactly, which is what makes (site, slot) an identity.
 */

const DAY_MS = 86_400_000;

export const periodMs = (visitsPerDay: number): number => Math.floor(DAY_MS / visitsPerDay);

/** FNV-1a of the code, reduced to an offset within the period. */
export function siteOffsetMs(code: string, period: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 0x01000193) >>> 0;
  return h % period;
}

/** The first slot of `code` at or after `t`. */
export function slotAtOrAfter(code: string, period: number, t: number): number {
  const offset = siteOffsetMs(code, period);
  const k = Math.ceil((t - offset) / period);
  return k * period + offset;
}

/** The slots of `code` with from ≤ slot < to, lazily (a long downtime is not materialised). */
export function* slotsBetween(code: string, period: number, from: number, to: number): Generator<number> {
  for (let s = slotAtOrAfter(code, period, from); s < to; s += period) yield s;
}
