/** Footer record numbers (ICP, 公安备案) read from visible text, where tags may split them. Patterns: concepts/footer-records.ts. */
import { ICP_TEXT as ICP, PSB_TEXT as PSB } from '../concepts/footer-records.js';
import { around } from './evidence.js';
import type { View } from './home.js';

export { ICP_HOSTS, PSB_HOSTS, PSB_LINK } from '../concepts/footer-records.js';
export { ICP, PSB };

export function findIcp(v: View): { record: string; snippet: string } | undefined {
  const m = ICP.exec(v.model.text);
  if (!m) return undefined;
  return {
    record: `${m[1]}ICP${m[2]}${m[3]}号${m[4] ? `-${m[4]}` : ''}`,
    snippet: around(v.model.text, m.index, m[0].length, 30),
  };
}

export function findPsb(v: View): { record: string; number: string; snippet: string } | undefined {
  const m = PSB.exec(v.model.text);
  if (!m) return undefined;
  // As printed (whitespace collapsed): the number field is the normalised key.
  return {
    record: m[0].trim().endsWith('号') ? m[0].trim() : `${m[0].trim()}号`,
    number: m[2]!,
    snippet: around(v.model.text, m.index, m[0].length, 30),
  };
}
