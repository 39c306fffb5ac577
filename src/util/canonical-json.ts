/** JSON with sorted keys and undefined dropped: equal data ⇒ equal strings. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(
          Object.keys(val)
            .sort()
            .filter((k) => val[k] !== undefined)
            .map((k) => [k, val[k]]),
        )
      : val,
  );
}
