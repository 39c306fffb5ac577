/** Footer record numbers (ICP, 公安备案) read from visible text, where tags may split them. */
import { around } from '../support/evidence.js';
import type { View } from '../support/home.js';

/** 蜀ICP备05003301号-1 (also ICP证, full-width colons, spaces left by split tags). */
export const ICP = /([\u4e00-\u9fa5]{1,2})\s*ICP\s*(备|证)\s*[:：]?\s*(\d{5,10})\s*号?(?:\s*[-－—]\s*(\d{1,3}))?/;
/** 川公网安备 51010402000001号 (14 digits). */
export const PSB = /([\u4e00-\u9fa5]{1,2})\s*公网安备\s*(?:案?号)?\s*[:：]?\s*(\d{14})\s*号?/;
export const PSB_LINK = /recordcode=(\d{14})/i;

export function findIcp(v: View): { record: string; snippet: string } | undefined {
  const m = ICP.exec(v.model.text);
  if (!m) return undefined;
  return { record: `${m[1]}ICP${m[2]}${m[3]}号${m[4] ? `-${m[4]}` : ''}`, snippet: around(v.model.text, m.index, m[0].length, 30) };
}

export function findPsb(v: View): { record: string; number: string; snippet: string } | undefined {
  const m = PSB.exec(v.model.text);
  if (!m) return undefined;
  // As printed (whitespace collapsed): the number field is the normalised key.
  return { record: m[0].trim().endsWith('号') ? m[0].trim() : `${m[0].trim()}号`, number: m[2]!, snippet: around(v.model.text, m.index, m[0].length, 30) };
}
