/** "Did you mean …?" for a mistyped name: the known names within a small edit distance. */

/** Edit distance where swapping two neighbouring letters is one edit (typing errors), capped at `max + 1`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        cur[j] = Math.min(cur[j]!, before[j - 2]! + 1);
    }
    if (Math.min(...cur) > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** The known names closest to `name` (case ignored; at most 2 edits, fewer for short names), best first. */
function closeNames(name: string, known: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const max = lower.length <= 4 ? 1 : 2;
  return known
    .map((k) => ({ k, d: distance(lower, k.toLowerCase(), max) }))
    .filter((x) => x.d <= max)
    .sort((a, b) => a.d - b.d)
    .map((x) => x.k);
}

/** ` (did you mean "x"?)`, or '' when nothing is close. */
export function didYouMean(name: string, known: readonly string[]): string {
  const close = closeNames(name, known);
  return close.length
    ? ` (did you mean ${close
        .slice(0, 3)
        .map((c) => JSON.stringify(c))
        .join(' or ')}?)`
    : '';
}
