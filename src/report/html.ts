/**
 * One self-contained HTML file: inline CSS, ECharts 4.9 and the page script inlined, data and the
 * China map in `application/json` blocks (never executed), and a strict CSP that allows exactly
 * the two inline scripts by hash — so nothing that came from a crawled site can run.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { REPORT_CSS, SITE_PAGE_CSS } from './css.js';
import { CHINA_MAP_FILE } from './data.js';
import type { ReportData, ReportIndexData, ReportSitePageData } from './data-types.js';

const require = createRequire(import.meta.url);
const ECHARTS_FILE = require.resolve('echarts/dist/echarts.min.js');
/**
 * The report's page script, in parts that share one scope (concatenated in this order inside one
 * function): each part is a plain script of top-level declarations, linted on its own.
 */
const PAGE_SCRIPT_PARTS = [
  'base.js', // the data block, DOM helpers, header and summary cards
  'browser-stage.js', // Lighthouse, axe and verification helpers
  'site-audit.js', // a site's browser-audit section
  'availability.js', // the availability monitor: ranking, hourly calendars, a site's block
  'overview-charts.js', // the map, charts and trends of the overview
  'overview-table.js', // the sortable, filterable site table
  'site-page.js', // one site's page: indicators, evidence, screenshots
  'site-plain.js', // a report directory's site page: dimension bars and a trend table (no charts library)
  'routing.js', // #site=… routing and start-up
];

/** A report directory's site page has no overview: its script leaves out the overview's parts. */
const OVERVIEW_ONLY = new Set(['overview-charts.js', 'overview-table.js']);
const scripts = new Map<string, string>();

/**
 * The page script: renders the data block with textContent only (crawled text is untrusted).
 * Read once per process: a report directory writes thousands of pages with the same script.
 */
export function pageScript(kind: 'full' | 'site-page' = 'full'): string {
  const known = scripts.get(kind);
  if (known) return known;
  const parts = PAGE_SCRIPT_PARTS.filter((f) => kind === 'full' || !OVERVIEW_ONLY.has(f)).map((f) =>
    readFileSync(new URL(`./page-script/${f}`, import.meta.url), 'utf8'),
  );
  const script = `/* govscan report: renders the data block with textContent only (crawled text is untrusted). */\n(() => {\n${parts.join('\n')}\n})();\n`;
  scripts.set(kind, script);
  return script;
}

/** JSON safe inside <script type="application/json">: no `</script>`, no HTML-significant characters. */
export function scriptSafeJson(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const cspHash = (script: string): string => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;

/** The single-file report, or a report directory's index.html (its site links go to sites/<file>.html). */
export function renderReportHtml(data: ReportData | ReportIndexData): string {
  const echarts = readFileSync(ECHARTS_FILE, 'utf8');
  const client = pageScript();
  const map = JSON.parse(readFileSync(CHINA_MAP_FILE, 'utf8')) as unknown;
  const title = `govscan 报告 · run ${data.run.id}`;
  return `${htmlHead(title, [echarts, client], REPORT_CSS)}
<body>
<header><h1>${escapeHtml(title)} · 地方政府互联网服务能力</h1><div id="run-info"></div></header>
<main>
<div id="overview">
<section><h2>概览 Overview</h2><div id="cards"></div></section>
<section id="browser-stage"><h2>浏览器审计 Browser stage: Lighthouse · axe · 操作验证 verification by acting</h2><div id="browser-stage-body"></div></section>
<section id="availability"><h2>可用性监测 Availability: 站点无法访问 (国办秘函〔2019〕19号), sites ranked by failure share</h2><div id="availability-body"></div></section>
<section><div class="row"><div id="chart-hist" class="chart"></div><div id="chart-tiers" class="chart"></div></div></section>
<section><div class="row"><div id="chart-provinces" class="chart wide"></div></div></section>
<section><div class="row"><div id="chart-map" class="chart"></div>
<div class="chart" style="display:flex;flex-direction:column"><label>雷达图站点 radar site: <select id="radar-site"></select></label><div id="chart-radar" style="flex:1"></div></div></div>
<p class="map-note">地图边界仅为示意，不作为国界、省界依据（未经审图号审核）· Boundaries are illustrative only and not an approved map (no 审图号).</p></section>
<section id="trends" hidden><h2>趋势 Trends</h2><div class="row"><div id="chart-trend" class="chart"></div>
<div class="chart" style="overflow:auto"><h3>等级变化 Tier changes (previous → this run)</h3><table><thead><tr><th>站点</th><th>之前</th><th>现在</th></tr></thead><tbody id="tier-changes"></tbody></table></div></div></section>
<section><h2>全部站点 All sites</h2><select id="level-choice" title="层级 level" hidden></select> <input id="search" type="search" placeholder="搜索 名称/省份/代码/等级 search"><span id="row-count"></span>
<div class="table-wrap"><table id="sites"><thead><tr id="sites-head"></tr></thead><tbody id="sites-body"></tbody></table></div></section>
</div>
<section id="site-page" hidden></section>
</main>
<script type="application/json" id="report-data">${scriptSafeJson(data)}</script>
<script type="application/json" id="china-map">${scriptSafeJson(map)}</script>
<script>${echarts}</script>
<script>${client}</script>
</body>
</html>
`;
}

/**
 * The document head every report file shares: a CSP that allows exactly the inline `scripts` (by
 * sha256) and data: images, so injected markup could never run script. A script containing
 * "</script" could not be inlined safely: refused.
 */
function htmlHead(title: string, scripts: string[], css: string): string {
  if (scripts.some((x) => /<\/script/i.test(x)))
    throw new Error('an inlined script contains "</script": cannot inline it safely');
  const csp = `default-src 'none'; script-src ${scripts.map(cspHash).join(' ')}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>`;
}

/**
 * A report directory's page for one site: the same page script and data block, no charts library
 * and no map (dimensions drawn as plain bars), so it costs its own data and screenshots only.
 */
export function renderSitePageHtml(data: ReportSitePageData): string {
  const client = pageScript('site-page');
  const s = data.sites[0]!;
  return `${htmlHead(`${s.name} · govscan 报告 · run ${data.run.id}`, [client], REPORT_CSS + SITE_PAGE_CSS)}
<body>
<header><h1>${escapeHtml(`govscan 报告 · run ${data.run.id}`)} · 地方政府互联网服务能力</h1><div id="run-info"></div></header>
<main>
<section id="site-page"></section>
</main>
<script type="application/json" id="report-data">${scriptSafeJson(data)}</script>
<script>${client}</script>
</body>
</html>
`;
}
