/** Small helpers for turning SQLite rows into the domain objects (NULL columns become absent keys). */

export const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** Drop undefined-valued keys so stored-and-loaded objects compare equal to fresh ones. */
export function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
