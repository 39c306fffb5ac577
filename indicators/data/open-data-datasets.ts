import type { Evidence, PageSnapshot } from '../../src/types.js';
import { CONCEPTS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { pageModel } from '../page/model.js';
import { absent, pageEvidence, present, unknown } from '../support/evidence.js';
import { platformPages } from '../support/platform.js';
import { statedCount } from '../support/stated.js';

/** Stated counts: 数据集 N 个 / 开放数据集：N / 已开放 N 个数据集 / 共 N 条数据. */
const STATED = [
  /数据集(?:总数|总量|数量)?\s*[:：]\s*(\d[\d,]*)/,
  /数据集(?:总数|总量)?\s*[:：]?\s*(\d[\d,]*)\s*(?:个|项|条)/,
  /(\d[\d,]*)\s*(?:个|项)\s*数据集/,
  /共\s*(\d[\d,]*)\s*(?:个|条|项)?\s*(?:数据集|数据资源|结果|数据)/,
  /开放数据(?:集|资源)?\s*[:：]?\s*(\d[\d,]*)\s*(?:个|项|条)/,
];
const FORMATS = [
  'CSV',
  'XLSX',
  'XLS',
  'JSON',
  'XML',
  'API',
  'RDF',
  'SHP',
  'PDF',
  'DOC',
  'DOCX',
  'TXT',
  'ZIP',
  'GEOJSON',
  'KML',
];
const FORMAT_RE = new RegExp(`(?<![A-Za-z])(${FORMATS.join('|')})(?![A-Za-z])`, 'g');
const TOTAL_KEYS = ['total', 'totalCount', 'totalElements', 'recordsTotal', 'totalRecords', 'count', 'totalNum'];

/** `total` at the top of a JSON list response or one level down (data/result/page). */
function jsonTotal(body: string): { total?: number; items: unknown[]; formats: string[] } {
  let j: unknown;
  try {
    j = JSON.parse(body);
  } catch {
    return { items: [], formats: [] };
  }
  const objs: Record<string, unknown>[] = [];
  if (j && typeof j === 'object' && !Array.isArray(j)) {
    objs.push(j as Record<string, unknown>);
    for (const k of ['data', 'result', 'page', 'body', 'content'])
      if ((j as Record<string, unknown>)[k] && typeof (j as Record<string, unknown>)[k] === 'object')
        objs.push((j as Record<string, unknown>)[k] as Record<string, unknown>);
  }
  let total: number | undefined;
  let items: unknown[] = Array.isArray(j) ? j : [];
  for (const o of objs) {
    for (const k of TOTAL_KEYS) if (total === undefined && typeof o[k] === 'number') total = o[k] as number;
    for (const k of ['list', 'rows', 'records', 'items', 'datasets', 'data', 'content'])
      if (!items.length && Array.isArray(o[k])) items = o[k] as unknown[];
  }
  const formats = new Set<string>();
  for (const m of JSON.stringify(items).toUpperCase().matchAll(FORMAT_RE)) formats.add(m[1]!);
  return { total, items, formats: [...formats] };
}

export default defineIndicator({
  id: 'open_data_datasets',
  dimension: 'data',
  order: 2,
  name: { zh: '开放数据集', en: 'Open datasets' },
  measures:
    'From the open-data platform pages the crawler reached: the dataset count the platform states (数据集 N 个, 共 N 条), or `total` of its JSON list API, else datasets counted on list pages; the formats offered (CSV, XLSX, JSON, API …) and whether an API is offered.',
  standard: 'Fudan 中国开放数林指数 数据层 (数据数量, 开放范围); API share ≥ 30% pilot rule.',
  presentMeans:
    'The platform offers at least one dataset. No platform entry → absent; platform pages not fetched → unknown.',
  valueFields: {
    datasets: 'dataset count',
    formats: 'upper-case formats offered',
    api: 'an API is offered',
    source: 'stated | counted | api',
  },
  needs: ['platforms'],
  detect(site, ctx) {
    const pages = platformPages(site, ctx, {
      roles: ['data_platform', 'data_list', 'data_api'],
      pages: 'Open-data platform pages',
      concept: CONCEPTS.data_platform,
      absentConfidence: 0.7,
      noEntry: 'No open-data platform entry on the homepage, so no datasets.',
      notReached: 'No page of the open-data platform was reached.',
    });
    if ('none' in pages) return pages.none;
    const { ok, failed } = pages;
    const formats = new Set<string>();
    const evidence: Evidence[] = [];
    let api = false;
    let fromApi: { n: number; p: PageSnapshot } | undefined;
    let stated: { n: number; ev: Evidence } | undefined;
    let counted = 0;
    for (const p of ok) {
      const body = p.body ?? '';
      if (p.role === 'data_api' || /json/i.test(p.contentType ?? '') || /^\s*[[{]/.test(body)) {
        const j = jsonTotal(body);
        if (j.total !== undefined || j.items.length) {
          api = true;
          for (const f of j.formats) formats.add(f);
          const n = j.total ?? j.items.length;
          if (!fromApi || n > fromApi.n) fromApi = { n, p };
          continue;
        }
      }
      const m = pageModel(p);
      // The largest number any page states.
      stated = statedCount(STATED, p, m.text, (n) => !stated || n > stated.n) ?? stated;
      for (const f of m.text.toUpperCase().matchAll(FORMAT_RE)) formats.add(f[1]!);
      if (p.role === 'data_list')
        counted += m.rows.filter((r) => !r.inChrome && r.links.length > 0 && r.text.length >= 4).length;
    }
    if (formats.has('API')) api = true;
    if (api) formats.add('API');
    let datasets: number;
    let source: 'stated' | 'counted' | 'api';
    if (fromApi) {
      datasets = fromApi.n;
      source = 'api';
      evidence.push(
        pageEvidence(fromApi.p, 'count', {
          pattern: 'JSON total',
          snippet: `total ${fromApi.n} from ${fromApi.p.url}`,
        }),
      );
    } else if (stated) {
      datasets = stated.n;
      source = 'stated';
      evidence.push(stated.ev);
    } else {
      datasets = counted;
      source = 'counted';
      evidence.push(
        pageEvidence(ok[0]!, 'count', {
          pattern: 'list rows',
          snippet: `${counted} dataset rows counted on ${ok.length} pages`,
        }),
      );
    }
    const value = { datasets, formats: [...formats].sort(), api, source };
    const why = `${datasets} datasets (${source})${formats.size ? `, formats ${[...formats].sort().join('/')}` : ''}${api ? ', API offered' : ''}${failed.length ? `; ${failed.length} platform pages failed` : ''}`;
    if (datasets > 0) return present(value, source === 'counted' ? 0.7 : 0.9, `${why}.`, evidence);
    if (source === 'counted')
      return unknown(`Open-data pages fetched but no dataset count could be read.`, evidence, value);
    return absent(value, 0.8, `${why}.`, evidence);
  },
});
