/** Indicator results as a person reads them in a terminal: one block per indicator with its evidence. */
import type { IndicatorResult } from '../types.js';

const MARK: Record<IndicatorResult['status'], string> = { present: '✔', absent: '✘', unknown: '?' };

function valueSummary(v: IndicatorResult['value']): string {
  if (v === undefined || v === null) return '';
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

/** Strip control characters from untrusted text before it reaches a terminal (no escape-sequence injection). */
export function safeText(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching C0/C1 control characters (ESC included) is the point
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u001b]/g, ' ');
}

export function formatResults(results: IndicatorResult[], opts: { evidence?: number } = {}): string {
  const maxEv = opts.evidence ?? 2;
  const lines: string[] = [];
  for (const r of results) {
    lines.push(
      `${MARK[r.status]} ${r.id.padEnd(28)} ${r.status.padEnd(8)} conf ${r.confidence.toFixed(2)}  ${safeText(valueSummary(r.value))}`,
    );
    lines.push(`    ${safeText(r.reason)}`);
    for (const e of r.evidence.slice(0, maxEv)) {
      const where = [e.selector, e.pattern && `/${e.pattern}/`].filter(Boolean).join(' ');
      lines.push(
        `    · ${e.kind}${e.rendered ? ' (rendered)' : ''} ${safeText(e.url)}${where ? ` ${safeText(where)}` : ''}`,
      );
      if (e.snippet) lines.push(`      “${safeText(e.snippet).slice(0, 200)}”`);
    }
    if (r.evidence.length > maxEv) lines.push(`    · … ${r.evidence.length - maxEv} more evidence items`);
  }
  const count = (s: IndicatorResult['status']) => results.filter((r) => r.status === s).length;
  lines.push(
    `${results.length} indicators: ${count('present')} present, ${count('absent')} absent, ${count('unknown')} unknown`,
  );
  return lines.join('\n');
}
