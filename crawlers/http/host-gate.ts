/**
 * Per-host politeness shared by every site crawl: at most `concurrency` requests in flight to
 * one host and at least `delayMs` between the end of one request and the start of the next.
 * Provincial platforms are linked from many city portals, so this must be global, not per site.
 */
export type Release = () => void;

/**
 * The same politeness held beyond this process, when several workers crawl at once (src/queue/
 * host-limit.ts, in Redis): asked after this process's own gate has granted a slot.
 */
export interface SharedHostLimit {
  acquire(host: string, signal?: AbortSignal): Promise<Release>;
}

/** Weight of the newest answer in a host's moving-average answer time. */
const PACE_WEIGHT = 0.3;
/** Hosts whose answer time is remembered (oldest forgotten first). */
const MAX_PACED_HOSTS = 20_000;

interface HostState {
  active: number;
  /** Earliest time the next request may start. */
  nextStart: number;
  waiters: (() => void)[];
  timer?: NodeJS.Timeout;
}

export class HostGate {
  private readonly hosts = new Map<string, HostState>();
  /** Highest number of simultaneous requests seen per host (for tests and the benchmark). */
  readonly peak = new Map<string, number>();
  /** Requests granted per host (for the benchmark: which shared hosts pace the run). */
  readonly granted = new Map<string, number>();
  /** Per host, a moving average of how long a request held its slot (the host's answer time). */
  private readonly holdMs = new Map<string, number>();

  constructor(
    private readonly concurrency: number,
    private readonly delayMs: number,
  ) {}

  acquire(host: string, signal?: AbortSignal): Promise<Release> {
    const st = this.state(host);
    return new Promise<Release>((resolve, reject) => {
      const grant = () => {
        st.active++;
        this.granted.set(host, (this.granted.get(host) ?? 0) + 1);
        this.peak.set(host, Math.max(this.peak.get(host) ?? 0, st.active));
        st.nextStart = Math.max(st.nextStart, Date.now() + (this.concurrency > 1 ? this.delayMs : 0));
        let released = false;
        const grantedAt = Date.now();
        resolve(() => {
          if (released) return;
          released = true;
          this.noteHold(host, Date.now() - grantedAt);
          st.active--;
          st.nextStart = Math.max(st.nextStart, Date.now() + this.delayMs);
          this.pump(host, st);
        });
      };
      const waiter = () => {
        signal?.removeEventListener('abort', onAbort);
        grant();
      };
      const onAbort = () => {
        const i = st.waiters.indexOf(waiter);
        if (i >= 0) st.waiters.splice(i, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      st.waiters.push(waiter);
      this.pump(host, st);
    });
  }

  /**
   * How long one more request to `host` is expected to take through this gate: its measured answer
   * time plus the pause between requests (undefined before the host has answered anything).
   */
  paceMs(host: string): number | undefined {
    const hold = this.holdMs.get(host);
    return hold === undefined ? undefined : Math.round(hold / this.concurrency + this.delayMs);
  }

  private noteHold(host: string, ms: number): void {
    const prev = this.holdMs.get(host);
    if (prev === undefined && this.holdMs.size >= MAX_PACED_HOSTS) this.holdMs.delete(this.holdMs.keys().next().value!);
    this.holdMs.set(host, prev === undefined ? ms : prev * (1 - PACE_WEIGHT) + ms * PACE_WEIGHT);
  }

  private state(host: string): HostState {
    let st = this.hosts.get(host);
    if (!st) {
      st = { active: 0, nextStart: 0, waiters: [] };
      this.hosts.set(host, st);
    }
    return st;
  }

  private pump(host: string, st: HostState): void {
    if (st.timer) return;
    while (st.waiters.length && st.active < this.concurrency) {
      const wait = st.nextStart - Date.now();
      if (wait > 0) {
        st.timer = setTimeout(() => {
          st.timer = undefined;
          this.pump(host, st);
        }, wait);
        return;
      }
      st.waiters.shift()!();
    }
    if (!st.waiters.length && st.active === 0 && st.nextStart <= Date.now()) this.hosts.delete(host);
  }
}
