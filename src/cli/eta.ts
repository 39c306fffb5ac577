/**
 * Time left in a long run, from the recent rate of finished sites. Sites finish in bursts (96 at
 * once, slow hosts last), so the rate is taken over the last few completions rather than since
 * start: the start-up minute before the first site finishes and the sites a resumed run had
 * already stored would both skew an average since start.
 */

/** Completions the rate is measured over. */
const WINDOW = 30;

export class EtaEstimator {
  private readonly samples: { t: number; done: number }[] = [];

  constructor(
    private readonly total: number,
    readonly startedAt = Date.now(),
  ) {}

  record(done: number, now = Date.now()): void {
    const last = this.samples[this.samples.length - 1];
    if (last && done <= last.done) return; // a repeated value says nothing about the rate
    this.samples.push({ t: now, done });
    if (this.samples.length > WINDOW + 1) this.samples.shift();
  }

  /** Milliseconds left, or undefined until two completions give a rate. */
  remainingMs(now = Date.now()): number | undefined {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last) return undefined;
    const left = this.total - last.done;
    if (left <= 0) return 0;
    if (last === first) return undefined;
    // Measured up to now, not to the last completion: a stall makes the estimate grow.
    const perSite = Math.max(now - first.t, 1) / (last.done - first.done);
    return Math.round(perSite * left);
  }

  /** "3m10s elapsed, about 5m40s left" (or "estimating" until there is a rate). */
  describe(now = Date.now()): string {
    const left = this.remainingMs(now);
    const elapsed = `${formatDuration(now - this.startedAt)} elapsed`;
    return left === undefined ? `${elapsed}, estimating time left` : `${elapsed}, about ${formatDuration(left)} left`;
  }
}

/** 45s, 3m05s, 1h02m. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
