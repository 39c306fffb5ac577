/**
 * Time as the monitor sees it. Production uses the wall clock; tests inject a simulated clock so a
 * week of visits runs in seconds.
 */

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early (false) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve(false);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(ok);
      };
      const onAbort = () => done(false);
      // Long waits are chunked: Node's timers hold at most ~24.8 days.
      const timer = setTimeout(() => done(true), Math.min(Math.max(0, ms), 2 ** 31 - 1));
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** A clock whose time moves only when someone sleeps: sleeping jumps to the wake-up time at once. */
export class SimulatedClock implements Clock {
  constructor(private t: number) {}

  now(): number {
    return this.t;
  }

  /** Moves time forward without anyone sleeping (the monitor being down, say). */
  advance(ms: number): void {
    this.t += Math.max(0, ms);
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    await new Promise((r) => setImmediate(r));
    if (signal?.aborted) return false;
    this.t += Math.max(0, ms);
    return true;
  }
}
