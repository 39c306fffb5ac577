/** A JSON-lines log file for unattended (cron) runs: one event per line, appended, flushed per line. */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Logger = (event: string, data?: Record<string, unknown>) => void;

export function fileLogger(file: string | undefined): Logger {
  if (!file) return () => {};
  mkdirSync(dirname(file), { recursive: true });
  return (event, data = {}) =>
    appendFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), event, ...data })}\n`);
}
