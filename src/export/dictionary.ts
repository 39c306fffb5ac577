/**
 * The data dictionary that goes with every export: every indicator (what it measures, the
 * standard, what `present` means, its value fields) and how the scoring config uses it, plus
 * the columns of the tables. Written as data-dictionary.json and data-dictionary.md.
 */
import type { IndicatorMeta } from '../../indicators/define.js';
import { dictionary as catalogueDictionary, dictionaryMarkdown as catalogueMarkdown } from '../../indicators/index.js';
import { describeRule, refKey, type Weights } from '../scoring/index.js';
import { type RunSummary, vantageLine } from '../store/runs.js';
import { AUDIT_NOTES } from './audit.js';
import { AVAILABILITY_NOTES } from './availability.js';
import { ACCESS_MEANING, SITE_STATUS_MEANING } from './site-statuses.js';
import type { Column } from './table.js';

export interface DictionaryEntry extends IndicatorMeta {
  /** How the scoring config uses the indicator (weighted refs, deductions, vetoes). */
  scoring: string[];
}

export interface Dictionary {
  configHash: string;
  weightsName: string;
  statuses: Record<string, string>;
  /** Site status values (the homepage's fetch status), including the block taxonomy. */
  siteStatuses: Record<string, string>;
  /** Values of the access column (how the content was reached past anti-bot challenges). */
  access: Record<string, string>;
  indicators: DictionaryEntry[];
  columns: Column[];
  scoringNotes: string[];
  /** What the browser-stage (Lighthouse, axe, verification) columns mean. */
  auditNotes: string[];
  /** What the availability (monitor) columns mean. */
  availabilityNotes: string[];
  /** The run exported, with where it ran from (results from outside mainland China differ). */
  run?: RunSummary;
}

export const STATUS_ZH: Record<string, string> = {
  present: '具备',
  absent: '不具备',
  unknown: '未知',
  missing: '无结果',
};

export function scoringUses(id: string, w: Weights): string[] {
  const out: string[] = [];
  for (const d of w.dimensions)
    for (const s of d.subs)
      for (const r of s.refs)
        if (r.indicator === id)
          out.push(`${d.name} › ${s.name} [${refKey(r)}] weight ${r.weight}: ${describeRule(r.rule)}`);
  for (const x of w.deductions.items)
    if (x.indicator === id)
      out.push(`deduction [${refKey(x)}] up to ${x.points} points: ${describeRule(x.rule)} (shortfall is deducted)`);
  for (const v of w.vetoes)
    if (v.indicator === id)
      out.push(`单项否决 ${v.name}: fires when ${v.when === 'absent' ? 'absent' : `${v.when.field} > ${v.when.gt}`}`);
  return out;
}

export function buildDictionary(
  catalogue: IndicatorMeta[],
  w: Weights,
  configHash: string,
  columns: Column[],
  run?: RunSummary,
): Dictionary {
  return {
    configHash,
    weightsName: w.name,
    statuses: {
      present: 'present / 具备: the capability exists or the norm is met (see presentMeans)',
      absent: 'absent / 不具备: looked for where it should be and not found (the evidence says where)',
      unknown:
        'unknown / 未知: could not tell (page not reached — geo_timeout, timeout, blocked… — or ambiguous); excluded from scoring, never counted as zero',
    },
    siteStatuses: SITE_STATUS_MEANING,
    access: ACCESS_MEANING,
    indicators: catalogue.map((m) => ({ ...m, scoring: scoringUses(m.id, w) })),
    columns,
    scoringNotes: [
      `Dimensions: ${w.dimensions.map((d) => `${d.name} ${d.max}`).join(', ')}; total out of 100.`,
      'A dimension is scored over its known weight: unknown indicators are excluded and the dimension is rescaled; coverage = known share of the 100 points.',
      `Sites with coverage below ${Math.round(w.minCoverage * 100)}% (or a dimension wholly unknown) are flagged "incomplete" and are neither ranked nor tiered.`,
      `Deductions (norms) are capped at ${w.deductions.cap} points. Vetoes (单项否决) are ${w.vetoEffect === 'flag' ? 'flagged, not applied to the score' : 'applied by putting the site in the last tier'}.`,
      `Tiers (${w.tiers.mode}): ${w.tiers.levels.map((l) => `${l.name} ≥ ${l.min}`).join(', ')}.`,
      'A site whose homepage could not be fetched has no score (not zero); its reason is given.',
      'Ranks use standard competition ranking (equal totals share a rank: 1, 2, 2, 4).',
      "Ranks and tiers are given within a level (column level: 地市级 prefecture = the 337 localities, 县级 county = 区/县/县级市/旗 …): a county never ranks against a prefecture-level site; 全国排名 is the rank among the run's sites of that level, 省内排名 among those of its province. Ad-hoc sites (名录外 adhoc) have no level and are never ranked.",
      "url_check: county rows the registry's URL checks (counties_url_checks.csv) doubt — doubtful (maybe not this government's portal), unreachable (the source's probe got no page), waf (blocked for scripts, confirmed by hand in a browser), small_body (a tiny page at probe: a challenge or redirect shell?) — with the check's note. Flagged sites are crawled and scored like the others, never dropped.",
    ],
    auditNotes: AUDIT_NOTES,
    availabilityNotes: AVAILABILITY_NOTES,
    ...(run ? { run } : {}),
  };
}

/** The run's provenance as lines: which run, and where it ran from. */
export function runLines(run: RunSummary): string[] {
  return [
    `Run ${run.id} (${run.kind}, ${run.state}), started ${run.startedAt}, govscan ${run.toolVersion}.`,
    `Ran from: ${vantageLine(run.vantage)}${run.vantage ? ` · contact ${run.vantage.contactUrl}` : ''}.`,
    'What a Chinese government site answers depends on where the request comes from: from outside mainland China many never answer (site status geo_timeout).',
  ];
}

const md = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The export's dictionary: this export's scoring and columns, how each indicator is scored, then the
 * indicator catalogue's own dictionary (indicators/dictionary.ts), demoted one heading level.
 */
export function dictionaryMarkdown(d: Dictionary): string {
  const described = new Set(catalogueDictionary().map((e) => e.id));
  const lines: string[] = [
    '# govscan data dictionary',
    '',
    `Scoring config: "${d.weightsName}" (sha256 \`${d.configHash}\`).`,
    '',
    ...(d.run ? ['## Run', '', ...runLines(d.run).map((s) => `- ${s}`), ''] : []),
    '## Status values',
    '',
    ...Object.values(d.statuses).map((s) => `- ${s}`),
    '',
    '## Site status (站点状态)',
    '',
    'Any status but `ok` leaves the site unscored (not zero) and its page-dependent indicators unknown.',
    '',
    ...Object.entries(d.siteStatuses).map(([k, v]) => `- \`${k}\`: ${v}`),
    '',
    '## Access (访问方式)',
    '',
    ...Object.entries(d.access).map(([k, v]) => `- \`${k}\`: ${v}`),
    '',
    '## Scoring',
    '',
    ...d.scoringNotes.map((s) => `- ${s}`),
    '',
    '## Availability (可用性监测, `govscan monitor`)',
    '',
    ...d.availabilityNotes.map((s) => `- ${s}`),
    '',
    '## Browser stage (Lighthouse, axe, verification)',
    '',
    ...d.auditNotes.map((s) => `- ${s}`),
    '',
    '## Table columns',
    '',
    '| column | 中文 | English |',
    '|---|---|---|',
    ...d.columns.map((c) => `| \`${c.key}\` | ${md(c.zh)} | ${md(c.en)} |`),
    '',
    '## How each indicator is scored',
    '',
    '| id | 名称 | scoring |',
    '|---|---|---|',
    ...d.indicators.map(
      (m) =>
        `| \`${m.id}\` | ${md(m.name.zh)} | ${m.scoring.length ? m.scoring.map(md).join('<br>') : 'not scored (reported only)'} |`,
    ),
    '',
  ];
  const missing = d.indicators.filter((m) => !described.has(m.id)).map((m) => m.id);
  if (missing.length)
    lines.push(`Not described by the indicator catalogue: ${missing.map((id) => `\`${id}\``).join(', ')}.`, '');
  lines.push(
    catalogueMarkdown()
      .replace(/^# .*\n/, '## Indicators\n')
      .replace(/^## `/gm, '### `'),
  );
  return lines.join('\n');
}
