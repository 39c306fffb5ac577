/**
 * The `eval --labels` report as Markdown (header, per-label table, verdict, degenerate cases,
 * every disagreement) and as JSON. Page text in the report is untrusted: it goes into code
 * spans with pipes escaped, never as live Markdown or HTML.
 */
import type { Disagreement, LabelEval, LabelsReport } from './evaluate.js';

const NOTES_MAX = 160;
const SNIPPET_MAX = 160;

const num = (x: number) => x.toFixed(3);

function truncate(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Plain text in a table cell. */
function cell(s: string, max = 240): string {
  return truncate(s, max).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

/** Untrusted page text in a table cell: a code span, so markup shows as text. */
function code(s: string, max = SNIPPET_MAX): string {
  const t = truncate(s, max).replace(/`/g, "'").replace(/\|/g, '\\|');
  return t ? `\`${t}\`` : '';
}

export function thresholdText(r: Pick<LabelsReport, 'thresholds'>): string {
  const t = r.thresholds;
  if (t.min === undefined && t.minKappa === undefined) return 'none given (report only, exit 0)';
  const parts: string[] = [];
  if (t.min !== undefined) parts.push(`precision ≥ ${t.min}, recall ≥ ${t.min}`);
  if (t.minKappa !== undefined) parts.push(`kappa ≥ ${t.minKappa}`);
  return `${parts.join(', ')}; labels with fewer than ${t.minPositives} positives are not judged`;
}

const VERDICT: Record<LabelEval['verdict'], string> = {
  pass: '✓ pass',
  fail: '✗ fail',
  too_few_positives: 'too few positives to judge',
  not_judged: '–',
};

/** Header lines: what was evaluated, against what, with which tool and thresholds. */
export function headerLines(r: LabelsReport): string[] {
  return [
    `# ${r.title}`,
    '',
    `- date: ${r.date.slice(0, 19).replace('T', ' ')} UTC (as-of date for freshness: ${r.asOf.slice(0, 10)})`,
    `- pages: ${r.pages}, read from ${r.pagesDir}`,
    `- labels: ${r.labelsFile} (sha256 ${r.labelsSha256.slice(0, 12)})`,
    `- map: ${r.mapFile}`,
    `- sources: ${r.sourcesFile ?? "none (URLs from each page's canonical/base link, else file://; every page taken as raw HTML)"}`,
    `- govscan ${r.govscanVersion}`,
    `- thresholds: ${thresholdText(r)}`,
  ];
}

/** The per-label table. */
export function tableLines(r: LabelsReport): string[] {
  const out = [
    '| label | indicator | n | positives | TP | FP | FN | TN | precision | recall | F1 | kappa | unknown (on 1) | verdict |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const l of r.labels) {
    const ind = l.when ? `${l.indicator} (${l.when})` : l.indicator;
    const mark = (x: number, deg: boolean) => `${num(x)}${deg ? '*' : ''}`;
    const degP = l.predictedPositives === 0;
    const degR = l.positives === 0;
    const degK = l.degenerate.some((d) => d.startsWith('both raters') || d.startsWith('no pages'));
    out.push(
      `| ${cell(l.column)} | ${cell(ind)} | ${l.n} | ${l.positives} | ${l.tp} | ${l.fp} | ${l.fn} | ${l.tn} | ${mark(l.precision, degP)} | ${mark(l.recall, degR)} | ${num(l.f1)} | ${mark(l.kappa, degK)} | ${l.unknown} (${l.unknownOnPositive}) | ${VERDICT[l.verdict]} |`,
    );
  }
  return out;
}

export function verdictLines(r: LabelsReport): string[] {
  const judged = r.thresholds.min !== undefined || r.thresholds.minKappa !== undefined;
  const out: string[] = [];
  if (!judged) out.push('No thresholds given: report only.');
  else if (r.pass) out.push('**All judged labels meet the thresholds.**');
  else out.push('**Below thresholds:**', ...r.failures.map((f) => `- ${f}`));
  const few = r.labels.filter((l) => l.verdict === 'too_few_positives');
  if (few.length)
    out.push(
      '',
      `Too few positives to judge (< ${r.thresholds.minPositives}): ${few.map((l) => `${l.column} (${l.positives} positive${l.positives === 1 ? '' : 's'}${l.fp ? `, ${l.fp} false positive${l.fp === 1 ? '' : 's'}` : ''})`).join(', ')}.`,
    );
  const deg = r.labels.filter((l) => l.degenerate.length);
  if (deg.length) {
    out.push('', 'Degenerate cases (values marked * in the table):');
    for (const l of deg) out.push(`- ${l.column}: ${l.degenerate.join('; ')}.`);
  }
  return out;
}

function disagreementRow(d: Disagreement): string {
  const got = `${d.status} ${d.confidence.toFixed(2)}${d.whenFailed ? ` (${d.whenFailed})` : ''}`;
  const ev = d.evidence;
  const evText = ev
    ? [
        ev.selector && `selector ${ev.selector}`,
        ev.pattern && `pattern ${ev.pattern}`,
        ev.snippet && `snippet ${ev.snippet}`,
      ]
        .filter(Boolean)
        .join(' · ')
    : '';
  return `| ${cell(d.file)} | ${d.expected} | ${cell(got)} | ${cell(d.reason)} | ${code(evText, 200)} | ${cell(truncate(d.notes, NOTES_MAX))} |`;
}

export function disagreementLines(r: LabelsReport): string[] {
  const out = ['', `## Disagreements (${r.disagreements.length})`];
  if (!r.disagreements.length) return [...out, '', 'None: govscan agrees with every label on every page.'];
  out.push(
    '',
    "Expected = the human label; govscan = the indicator status and confidence (present counts as 1 only when the mapping's condition holds).",
  );
  for (const l of r.labels) {
    const ds = r.disagreements.filter((d) => d.label === l.column);
    if (!ds.length) continue;
    const fp = ds.filter((d) => d.kind === 'false_positive').length;
    out.push(
      '',
      `### ${l.column} → ${l.indicator} (${ds.length}: ${fp} false positive${fp === 1 ? '' : 's'}, ${ds.length - fp} false negative${ds.length - fp === 1 ? '' : 's'})`,
      '',
    );
    out.push('| file | expected | govscan | reason | first evidence | label notes |', '|---|:---:|---|---|---|---|');
    for (const d of ds) out.push(disagreementRow(d));
  }
  return out;
}

/** The full Markdown report (written to labels-report.md). */
export function formatLabelsReport(r: LabelsReport): string {
  return `${[...headerLines(r), '', ...tableLines(r), '', ...verdictLines(r), ...disagreementLines(r)].join('\n')}\n`;
}

/** What stdout shows: header, table and verdict; the disagreements are in the saved report. */
export function formatLabelsSummary(r: LabelsReport): string {
  return `${[...headerLines(r), '', ...tableLines(r), '', ...verdictLines(r)].join('\n')}\n`;
}

export function labelsReportJson(r: LabelsReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
