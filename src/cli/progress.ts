/**
 * Progress on stderr: a bar (cli-progress) on a terminal, a line every few seconds otherwise
 * (cron logs, CI), so long jobs always show they are alive — both with sites done/total, time
 * elapsed and an estimate of the time left (eta.ts).
 */
import cliProgress from 'cli-progress';
import { EtaEstimator } from './eta.js';

export interface Progress {
  update(done: number, note?: string): void;
  stop(): void;
}

export function progress(label: string, total: number, enabled = true): Progress {
  if (!enabled) return { update() {}, stop() {} };
  const eta = new EtaEstimator(total);
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {value}/{total} sites, {timing} {note}`,
        hideCursor: true,
        stream: process.stderr,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { note: '', timing: eta.describe() });
    return {
      update: (d, note = '') => {
        eta.record(d);
        bar.update(d, { note, timing: eta.describe() });
      },
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update(done, note = '') {
      eta.record(done);
      const now = Date.now();
      if (now - last < 5000 && done < total) return;
      last = now;
      process.stderr.write(`${label} ${done}/${total} sites, ${eta.describe(now)} ${note}\n`);
    },
    stop() {},
  };
}
