/**
 * Progress on stderr: a bar (cli-progress) on a terminal, a line every few seconds otherwise
 * (cron logs, CI), so long jobs always show they are alive.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, note?: string): void;
  stop(): void;
}

export function progress(label: string, total: number, enabled = true): Progress {
  if (!enabled) return { update() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} {note}`, hideCursor: true, stream: process.stderr, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { note: '' });
    return { update: (d, note = '') => bar.update(d, { note }), stop: () => bar.stop() };
  }
  let last = 0;
  return {
    update(done, note = '') {
      const now = Date.now();
      if (now - last < 5000 && done < total) return;
      last = now;
      process.stderr.write(`${label} ${done}/${total} ${note}\n`);
    },
    stop() {},
  };
}
