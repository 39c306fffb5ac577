/** The data dictionary, generated from the indicator definitions (exports and the report ship it). */
import type { Dimension } from '../src/types.js';
import type { ArtifactNeed } from './define.js';
import { CATALOGUE } from './discover.js';

export interface DataDictionaryEntry {
  id: string;
  dimension: Dimension;
  nameZh: string;
  nameEn: string;
  measures: string;
  standard: string;
  presentMeans: string;
  valueType: string;
  valueFields: Record<string, string>;
  scope: 'page' | 'site';
  needs: ArtifactNeed[];
}

export function dictionary(): DataDictionaryEntry[] {
  return CATALOGUE.map((i) => ({
    id: i.id,
    dimension: i.dimension,
    nameZh: i.name.zh,
    nameEn: i.name.en,
    measures: i.measures,
    standard: i.standard,
    presentMeans: i.presentMeans,
    valueType: i.valueType,
    valueFields: i.valueFields ?? {},
    scope: i.scope,
    needs: i.needs,
  }));
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function dictionaryMarkdown(): string {
  const lines = [
    '# govscan data dictionary',
    '',
    'Every indicator has a status — `present` (the capability exists / the norm is met), `absent`, or `unknown` (could not be judged: page not fetched, blocked, or not enough evidence) — a confidence (0..1), a one-sentence reason, evidence rows, and a value whose fields are listed below.',
    '',
    '| id | dimension | 名称 | name | scope |',
    '|---|---|---|---|---|',
    ...dictionary().map((d) => `| \`${d.id}\` | ${d.dimension} | ${cell(d.nameZh)} | ${cell(d.nameEn)} | ${d.scope} |`),
    '',
  ];
  for (const d of dictionary()) {
    lines.push(`## \`${d.id}\` — ${d.nameZh} / ${d.nameEn}`, '');
    lines.push(
      `- **Dimension**: ${d.dimension}; **scope**: ${d.scope} (${d.scope === 'page' ? 'decidable from the homepage alone; run by `govscan analyze`' : 'needs crawled pages, probes or link checks'}); **reads**: ${d.needs.join(', ')}`,
    );
    lines.push(`- **Measures**: ${d.measures}`);
    lines.push(`- **Standard**: ${d.standard}`);
    lines.push(`- **Present means**: ${d.presentMeans}`);
    lines.push(`- **Value** (${d.valueType}):${Object.keys(d.valueFields).length ? '' : ' none'}`);
    for (const [k, v] of Object.entries(d.valueFields)) lines.push(`  - \`${k}\`: ${v}`);
    lines.push('');
  }
  return lines.join('\n');
}
