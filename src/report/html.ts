/**
 * One self-contained HTML file: inline CSS, ECharts 4.9 and the page script inlined, data and the
 * China map in `application/json` blocks (never executed), and a strict CSP that allows exactly
 * the two inline scripts by hash — so nothing that came from a crawled site can run.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CHINA_MAP_FILE, type ReportData } from './data.js';

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
  'routing.js', // #site=… routing and start-up
];

/** The page script: renders the data block with textContent only (crawled text is untrusted). */
export function pageScript(): string {
  const parts = PAGE_SCRIPT_PARTS.map((f) => readFileSync(new URL(`./page-script/${f}`, import.meta.url), 'utf8'));
  return `/* govscan report: renders the data block with textContent only (crawled text is untrusted). */\n(() => {\n${parts.join('\n')}\n})();\n`;
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

const CSS = `
:root { font-family: -apple-system, "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1f2328; }
body { margin: 0; background: #f6f8fa; }
header { background: #24292f; color: #fff; padding: 12px 24px; }
header h1 { margin: 0; font-size: 20px; }
#run-info { font-size: 12px; color: #c9d1d9; margin-top: 4px; }
main { padding: 16px 24px; max-width: 1400px; margin: 0 auto; }
section { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 12px 16px; margin-bottom: 16px; }
h2 { font-size: 17px; margin: 4px 0 12px; }
#cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { border: 1px solid #d0d7de; border-top: 4px solid #0969da; border-radius: 6px; padding: 8px 14px; min-width: 110px; background: #fff; }
.card-value { font-size: 24px; font-weight: 600; }
.card-label { font-size: 12px; color: #57606a; }
.row { display: flex; flex-wrap: wrap; gap: 12px; }
.chart { height: 340px; flex: 1 1 440px; min-width: 320px; }
.chart.small { height: 300px; flex: 1 1 360px; }
.chart.wide { flex-basis: 100%; height: 380px; }
.map-note { font-size: 12px; color: #9a6700; background: #fff8c5; border: 1px solid #d4a72c; padding: 4px 8px; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #d8dee4; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; position: sticky; top: 0; cursor: pointer; user-select: none; white-space: nowrap; }
th.sorted-asc::after { content: ' ▲'; } th.sorted-desc::after { content: ' ▼'; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.site-row { cursor: pointer; } tr.site-row:hover { background: #ddf4ff; }
#search { font-size: 14px; padding: 5px 8px; width: 320px; border: 1px solid #d0d7de; border-radius: 6px; }
#row-count { color: #57606a; font-size: 12px; margin-left: 8px; }
.table-wrap { max-height: 640px; overflow: auto; margin-top: 8px; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 6px 16px; margin-bottom: 8px; }
.kv .k { color: #57606a; font-size: 12px; display: block; } .kv .v { font-size: 15px; font-weight: 600; }
.warn { color: #cf222e; } .flags { color: #9a6700; } .muted { color: #6e7781; font-size: 11px; }
.indicators td.status { white-space: nowrap; font-weight: 600; }
tr.status-present td.status { color: #1a7f37; } tr.status-absent td.status { color: #cf222e; } tr.status-unknown td.status { color: #6e7781; }
.pre { white-space: pre-line; }
.ev { border-left: 3px solid #d0d7de; padding-left: 6px; margin-bottom: 6px; word-break: break-all; }
.ev-kind { color: #8250df; font-size: 11px; }
.ev-snippet { font-family: ui-monospace, monospace; background: #f6f8fa; padding: 2px 4px; white-space: pre-wrap; }
.ev-line { font-size: 11px; }
img.shot { max-width: 100%; border: 1px solid #d0d7de; }
.lh-scores { display: flex; flex-wrap: wrap; gap: 10px; margin: 6px 0; }
.lh-score { border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 12px; min-width: 120px; text-align: center; }
.lh-score .v { font-size: 24px; font-weight: 600; display: block; }
.good { color: #1a7f37; } .average { color: #9a6700; } .poor { color: #cf222e; } .na { color: #6e7781; }
.verification { border-left: 3px solid #d0d7de; padding: 4px 8px; margin: 8px 0; }
.verification.outcome-verified { border-left-color: #1a7f37; } .verification.outcome-not_working, .verification.outcome-not_found { border-left-color: #cf222e; }
.verification img.shot { max-width: 640px; }
td.outcome-verified { color: #1a7f37; } td.outcome-not_working, td.outcome-not_found { color: #cf222e; } td.outcome-error { color: #6e7781; }
#site-audit h4 { margin: 12px 0 4px; font-size: 14px; }
table.compact { width: auto; margin-bottom: 6px; } table.compact th { position: static; cursor: default; }
figure { margin: 8px 0; }
.hm { display: grid; grid-template-columns: repeat(24, 4px); gap: 1px; }
.hm span { width: 4px; height: 4px; }
.hm.big { grid-template-columns: 44px repeat(24, 14px); gap: 2px; margin: 6px 0; }
.hm.big span { width: 14px; height: 14px; }
.hm.big span.hm-label { width: auto; height: auto; font-size: 10px; color: #57606a; line-height: 14px; }
.hm-ok { background: #2da44e; } .hm-failed { background: #cf222e; } .hm-unexpected { background: #8250df; }
.hm-blocked { background: #d4a72c; } .hm-not-run { background: #8c959f; } .hm-none { background: #eaeef2; }
.hm-legend { font-size: 12px; color: #57606a; display: flex; flex-wrap: wrap; gap: 12px; margin: 4px 0 8px; }
.hm-swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }
tr.veto-yes td:first-child { border-left: 3px solid #cf222e; }
`;

export function renderReportHtml(data: ReportData): string {
  const echarts = readFileSync(ECHARTS_FILE, 'utf8');
  const client = pageScript();
  if (/<\/script/i.test(echarts) || /<\/script/i.test(client))
    throw new Error('an inlined script contains "</script": cannot inline it safely');
  const map = JSON.parse(readFileSync(CHINA_MAP_FILE, 'utf8')) as unknown;
  const csp = `default-src 'none'; script-src ${cspHash(echarts)} ${cspHash(client)}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = `govscan 报告 · run ${data.run.id}`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
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
