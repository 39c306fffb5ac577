/** Bounded concurrency for per-site work that a stop (Ctrl-C, SIGTERM) ends cleanly. */
import pLimit from 'p-limit';

/**
 * Runs `fn` on each item, at most `limit` at once. Once `signal` aborts, items not yet started are
 * skipped (the ones in flight finish or notice the signal themselves); resolves when all are settled.
 */
export async function eachUntilAborted<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  const run = pLimit(limit);
  await Promise.all(
    items.map((item) =>
      run(async () => {
        if (signal?.aborted) return;
        await fn(item);
      }),
    ),
  );
}
