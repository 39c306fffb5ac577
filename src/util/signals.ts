/**
 * The one owner of SIGINT, SIGTERM and SIGHUP for the whole process while a run is in progress.
 *
 * Why one owner: libraries install their own handlers, and Node calls every listener. Playwright
 * (unless launched with handleSIGINT: false) closes its browsers and exits with 130; Crawlee's
 * `crawler.run()` adds a `process.once('SIGINT')` that pauses and aborts its pool, stranding the
 * requests our long-lived executor has in flight. Either way the run stays `running` and the lock
 * stays. So while a run is registered, other listeners for these signals are taken off (those
 * added later too, the moment they are added) and put back when the last run ends.
 *
 * First signal: every registered run is asked to stop (its AbortSignal fires) and ends by itself,
 * exit 4. Second signal: each run's synchronous `onForce` marks it interrupted and releases its
 * lock, then the process exits 4 at once (Playwright's exit hook still kills its browsers).
 */

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type Sig = (typeof SIGNALS)[number];
type Listener = (...args: unknown[]) => void;

/** The CLI's "interrupted, resume it" code (EXIT.interrupted in src/cli/common.ts). */
const INTERRUPTED_EXIT_CODE = 4;

export interface InterruptOptions {
  /** What stopping means for this run, printed after "SIGINT: stopping; ". */
  stopping: string;
  /** Last words before a forced exit, synchronous: mark the run interrupted, release the lock. Returns what was done, for the message. */
  onForce: () => string | undefined;
}

export interface InterruptScope {
  /** Fires at the first signal. */
  readonly signal: AbortSignal;
  /** Ends this run's registration; the last one gives the signals back to their earlier listeners. */
  dispose(): void;
}

interface Registered {
  controller: AbortController;
  opts: InterruptOptions;
}

const runs = new Set<Registered>();
const ours = new Map<Sig, Listener>();
/** Listeners that were there before the first run: given back when the last run ends. */
let earlier = new Map<Sig, Listener[]>();
let received: Sig | undefined;

function isOurSignal(event: string | symbol): event is Sig {
  return (SIGNALS as readonly (string | symbol)[]).includes(event);
}

/** A library adds a listener for one of our signals while a run owns them: take it off again. */
function onNewListener(event: string | symbol, listener: Listener): void {
  if (!isOurSignal(event) || listener === ours.get(event)) return;
  // 'newListener' fires before the listener is added; no signal can be delivered before this microtask.
  queueMicrotask(() => process.removeListener(event, listener));
}

function handle(sig: Sig): void {
  if (received) {
    forceExit(sig);
    return;
  }
  received = sig;
  for (const r of runs) {
    process.stderr.write(
      `\n${sig}: stopping; ${r.opts.stopping} (${sig === 'SIGINT' ? 'Ctrl-C' : sig} again to leave at once)\n`,
    );
    r.controller.abort(new Error(`interrupted by ${sig}`));
  }
}

function forceExit(sig: Sig): never {
  const done: string[] = [];
  for (const r of runs) {
    try {
      const what = r.opts.onForce();
      if (what) done.push(what);
    } catch (e) {
      done.push(`could not clean up: ${(e as Error).message}`);
    }
  }
  process.stderr.write(`${sig} again: leaving now${done.length ? `; ${done.join('; ')}` : ''}\n`);
  process.exit(INTERRUPTED_EXIT_CODE);
}

function install(): void {
  earlier = new Map();
  for (const sig of SIGNALS) {
    // Raw listeners keep `once` wrappers, so a listener given back later still fires only once.
    const foreign = process.rawListeners(sig) as Listener[];
    earlier.set(sig, foreign);
    for (const l of foreign) process.removeListener(sig, l);
    const listener = () => handle(sig);
    ours.set(sig, listener);
    process.on(sig, listener);
  }
  process.on('newListener', onNewListener);
}

function uninstall(): void {
  process.off('newListener', onNewListener);
  for (const sig of SIGNALS) {
    const listener = ours.get(sig);
    // Earlier listeners first, so the signal is never without a listener (Node would then kill the process on it).
    for (const l of earlier.get(sig) ?? []) process.on(sig, l);
    if (listener) process.off(sig, listener);
  }
  ours.clear();
  earlier = new Map();
  received = undefined;
}

/** Register a run: it gets an AbortSignal for the first Ctrl-C and cleans up on the second. */
export function interruptScope(opts: InterruptOptions): InterruptScope {
  if (runs.size === 0) install();
  const r: Registered = { controller: new AbortController(), opts };
  runs.add(r);
  let disposed = false;
  return {
    signal: r.controller.signal,
    dispose() {
      if (disposed) return;
      disposed = true;
      runs.delete(r);
      if (runs.size === 0) uninstall();
    },
  };
}
