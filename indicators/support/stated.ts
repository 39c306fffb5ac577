/** Numbers a page states in words (共 N 项, 已上线 N 个一件事, 数据集：N): read with data patterns, kept as evidence. */
import type { Evidence, PageSnapshot } from '../../src/types.js';
import { around, pageEvidence } from './evidence.js';

export interface Stated {
  n: number;
  pattern: RegExp;
  /** The text around the match. */
  snippet: string;
}

/** The number the first matching pattern (group 1, thousands commas allowed) states; `accept` may pass a match over. */
export function statedNumber(
  patterns: RegExp[],
  text: string,
  accept: (n: number) => boolean = () => true,
): Stated | undefined {
  for (const re of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    const n = Number(m[1]!.replace(/,/g, ''));
    if (accept(n)) return { n, pattern: re, snippet: around(text, m.index, m[0].length, 30) };
  }
  return undefined;
}

/** A stated number with its evidence: a count on the page, by the pattern that read it. */
export function statedCount(
  patterns: RegExp[],
  page: PageSnapshot,
  text: string,
  accept?: (n: number) => boolean,
): { n: number; ev: Evidence } | undefined {
  const s = statedNumber(patterns, text, accept);
  return s && { n: s.n, ev: pageEvidence(page, 'count', { pattern: s.pattern.source, snippet: s.snippet }) };
}
