/** Bounded numbers for every config section, each error naming its range. */
import { z } from 'zod';

/**
 * Every number has an upper bound as well as a lower one: a timeout of 1e12 s overflows Node's
 * timers (they hold at most 2^31−1 ms, ~24.8 days) and fires at once, so every site would be
 * stored as `timeout`. The bounds are generous for real use and each error names the range.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;
export function bounded(min: number, max: number, unit: string, kind: 'int' | 'real' = 'int') {
  const range = `between ${min} and ${max}${unit ? ` ${unit}` : ''}`;
  const num = z.number({ error: `must be a finite number ${range}` });
  return (kind === 'int' ? num.int({ error: `must be a whole number ${range}` }) : num)
    .min(min, { error: `must be ${range}` })
    .max(max, { error: `must be ${range}` });
}
export function secs(min: number, max: number) {
  if (max * 1000 > MAX_TIMER_MS) throw new Error(`config bound ${max} s exceeds Node's timer limit`);
  return bounded(min, max, 's', 'real');
}
export function ms(min: number, max: number) {
  if (max > MAX_TIMER_MS) throw new Error(`config bound ${max} ms exceeds Node's timer limit`);
  return bounded(min, max, 'ms');
}
export const days = () => bounded(1, 3650, 'days');
export const count = (min: number, max: number) => bounded(min, max, '');
