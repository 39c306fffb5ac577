/** The report's stylesheet (inline: the CSP allows inline styles, no files). */
export const REPORT_CSS = `
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
/** A site page in a report directory draws its dimensions as bars (no charts library there). */
export const SITE_PAGE_CSS = `
.dim-bars { flex: 1 1 440px; max-width: 640px; }
.dim-bar { display: grid; grid-template-columns: 180px 1fr 90px; gap: 8px; align-items: center; margin: 4px 0; font-size: 13px; }
.dim-track { background: #eaeef2; height: 12px; border-radius: 3px; }
.dim-fill { background: #0969da; height: 12px; border-radius: 3px; }
`;
