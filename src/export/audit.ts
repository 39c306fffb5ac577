/**
 * The browser stage (`govscan audit`: Lighthouse, axe, verification by acting) as the exports and
 * the report read it back for a crawl run. An audit run names the crawl run it audits; when a site
 * was audited more than once, each step's newest result counts (a later `--no-lighthouse` re-audit
 * does not hide an earlier Lighthouse score). The audit is usually a sample, so a site without
 * audit rows is "not audited", never a zero. Its JSON form (export and report) is audit-json.ts.
 */
import { AXE_CATEGORIES, type AxeCategory } from '../audit/axe.js';
import {
  type AxeRow,
  auditRunRows,
  auditSiteRows,
  axeRows,
  type LighthouseRow,
  lighthouseRows,
} from '../store/audits.js';
import type { Db } from '../store/db.js';
import { combineInteractions, resultsRunOf } from '../store/results.js';
import { loadInteractions } from '../store/snapshots.js';
import type { Interaction, RunState } from '../types.js';
import type { Cell, Column } from './table.js';

export interface AuditRunInfo {
  id: number;
  state: RunState;
  startedAt: string;
  finishedAt: string | null;
  /** Sites the audit run covers, and how many it finished. */
  planned: number;
  finished: number;
  steps: { lighthouse: boolean; axe: boolean; verify: boolean };
}

export interface Verification {
  capability: Interaction['capability'];
  outcome: Interaction['outcome'];
  /** The sentence the verifier wrote: what it clicked or typed and what happened (may quote the site). */
  detail: string;
  at: string;
  screenshotHash: string | null;
}

export interface SiteAudit {
  /** Newest audit run that finished this site, and when. */
  auditRunId: number;
  url: string;
  startedAt: string;
  finishedAt: string;
  /** step → ok | skipped | the error. */
  steps: Record<string, string>;
  lighthouse?: LighthouseRow & { auditRunId: number };
  axe?: AxeRow & { auditRunId: number };
  /** The site's interactions: the crawl's, with those an audit verified (stored under the audit run) in their place. */
  verification: Verification[];
}

export interface RunAudits {
  runs: AuditRunInfo[];
  sites: Map<string, SiteAudit>;
}

/** Audit runs of a crawl run, oldest first. */
export function auditRunsOf(db: Db, crawlRunId: number): AuditRunInfo[] {
  const rows = auditRunRows(db, crawlRunId);
  return rows.map((r) => {
    const o = JSON.parse(r.options_json) as { lighthouse?: boolean; axe?: boolean; verify?: boolean };
    return {
      id: r.id,
      state: r.state,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      planned: (JSON.parse(r.site_codes) as string[]).length,
      finished: r.finished,
      steps: { lighthouse: o.lighthouse !== false, axe: o.axe !== false, verify: o.verify !== false },
    };
  });
}

export function loadRunAudits(db: Db, crawlRunId: number): RunAudits {
  const runs = auditRunsOf(db, crawlRunId);
  const sites = new Map<string, SiteAudit>();
  // Newest run first: the first value seen for a site and a step is the one that counts.
  for (const run of [...runs].reverse()) {
    for (const a of auditSiteRows(db, run.id))
      if (!sites.has(a.code))
        sites.set(a.code, {
          auditRunId: run.id,
          url: a.url,
          startedAt: a.started_at,
          finishedAt: a.finished_at,
          steps: JSON.parse(a.steps_json) as Record<string, string>,
          verification: [],
        });
    for (const l of lighthouseRows(db, run.id)) {
      const s = sites.get(l.code);
      if (s && !s.lighthouse) s.lighthouse = { ...l, auditRunId: run.id };
    }
    for (const x of axeRows(db, run.id)) {
      const s = sites.get(x.code);
      if (s && !s.axe) s.axe = { ...x, auditRunId: run.id };
    }
  }
  for (const [code, s] of sites) s.verification = verificationOf(db, crawlRunId, code);
  return { runs, sites };
}

/** The site's interactions as readers see them: the crawl's, with those the newest verifying audit redid replaced. */
function verificationOf(db: Db, crawlRunId: number, code: string): Verification[] {
  const crawl = loadInteractions(db, crawlRunId, code);
  const resultsRun = resultsRunOf(db, crawlRunId, code);
  const xs = resultsRun === crawlRunId ? crawl : combineInteractions(crawl, loadInteractions(db, resultsRun, code));
  return xs.map((x) => ({
    capability: x.capability,
    outcome: x.outcome,
    detail: x.detail,
    at: x.at,
    screenshotHash: x.screenshotHash ?? null,
  }));
}

// ───────────────────────────── table columns ─────────────────────────────

export const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
export const IMPACT_ZH: Record<(typeof IMPACTS)[number], string> = {
  critical: '严重',
  serious: '较重',
  moderate: '中等',
  minor: '轻微',
};

export const CAPABILITY_ZH: Record<Interaction['capability'], string> = {
  accessibility_mode: '无障碍',
  elderly_mode: '适老化/关怀版',
  smart_qa: '智能问答',
  site_search: '站内搜索',
};
export const OUTCOME_ZH: Record<Interaction['outcome'], string> = {
  verified: '已验证可用',
  not_working: '入口无效',
  not_found: '未找到入口',
  error: '无法验证',
};

/** Lighthouse category scores as Lighthouse shows them: 0–100. */
export const lighthouseScore = (x: number | null | undefined): number | null =>
  x === null || x === undefined ? null : Math.round(x * 100);

export function auditColumns(): Column[] {
  return [
    { key: 'audit_run', zh: '浏览器审计批次', en: 'Audit run', width: 8, numeric: true },
    { key: 'audited_at', zh: '审计时间', en: 'Audited at', width: 20 },
    { key: 'lh_performance', zh: 'Lighthouse性能', en: 'Lighthouse performance (0-100)', width: 10, numeric: true },
    {
      key: 'lh_accessibility',
      zh: 'Lighthouse无障碍',
      en: 'Lighthouse accessibility (0-100)',
      width: 10,
      numeric: true,
    },
    {
      key: 'lh_best_practices',
      zh: 'Lighthouse最佳实践',
      en: 'Lighthouse best practices (0-100)',
      width: 10,
      numeric: true,
    },
    { key: 'lh_seo', zh: 'Lighthouse搜索优化', en: 'Lighthouse SEO (0-100)', width: 10, numeric: true },
    { key: 'lh_lcp_ms', zh: '最大内容绘制LCP(毫秒)', en: 'LCP (ms)', width: 10, numeric: true },
    { key: 'lh_tbt_ms', zh: '总阻塞时间TBT(毫秒)', en: 'TBT (ms)', width: 10, numeric: true },
    { key: 'lh_cls', zh: '累计布局偏移CLS', en: 'CLS', width: 8, numeric: true },
    { key: 'lh_status', zh: 'Lighthouse状态', en: 'Lighthouse status', width: 14 },
    { key: 'axe_violations', zh: 'axe违规规则数', en: 'axe violated rules', width: 9, numeric: true },
    { key: 'axe_nodes', zh: 'axe违规元素数', en: 'axe violating elements', width: 9, numeric: true },
    ...IMPACTS.map((i) => ({
      key: `axe_${i}`,
      zh: `axe元素-${IMPACT_ZH[i]}`,
      en: `axe elements, ${i}`,
      width: 8,
      numeric: true,
    })),
    { key: 'axe_categories', zh: 'axe违规分类(元素数)', en: 'axe violations by category (elements)', width: 30 },
    { key: 'axe_status', zh: 'axe状态', en: 'axe status', width: 14 },
  ];
}

const stepStatus = (status: string, error: string | null): string =>
  status === 'ok' ? 'ok' : `${status}: ${error ?? ''}`.trim();

/** Blank cells for a site the browser stage did not audit: "not audited" is not zero. */
export function auditCells(a: SiteAudit | undefined): Record<string, Cell> {
  const out: Record<string, Cell> = Object.fromEntries(auditColumns().map((c) => [c.key, null]));
  if (!a) return { ...out, lh_status: '未审计 not audited', axe_status: '未审计 not audited' };
  out.audit_run = a.auditRunId;
  out.audited_at = a.finishedAt;
  const l = a.lighthouse;
  if (l) {
    Object.assign(out, {
      lh_performance: lighthouseScore(l.performance),
      lh_accessibility: lighthouseScore(l.accessibility),
      lh_best_practices: lighthouseScore(l.best_practices),
      lh_seo: lighthouseScore(l.seo),
      lh_lcp_ms: l.lcp_ms === null ? null : Math.round(l.lcp_ms),
      lh_tbt_ms: l.tbt_ms === null ? null : Math.round(l.tbt_ms),
      lh_cls: l.cls === null ? null : Math.round(l.cls * 1000) / 1000,
      lh_status: stepStatus(l.status, l.error),
    });
  } else out.lh_status = `not run (${a.steps.lighthouse ?? 'skipped'})`;
  const x = a.axe;
  if (x) {
    out.axe_violations = x.violations;
    out.axe_nodes = x.violationNodes;
    if (x.status === 'ok') for (const i of IMPACTS) out[`axe_${i}`] = x.impacts[i] ?? 0;
    out.axe_categories = categoryCounts(x)
      .map((c) => `${c.zh} ${c.nodes}`)
      .join(' · ');
    out.axe_status = stepStatus(x.status, x.error);
  } else out.axe_status = `not run (${a.steps.axe ?? 'skipped'})`;
  return out;
}

/** axe violations per category, most elements first, with the category's names. */
export function categoryCounts(
  x: Pick<AxeRow, 'categories'>,
): { id: AxeCategory; zh: string; en: string; rules: number; nodes: number }[] {
  return (Object.entries(x.categories) as [AxeCategory, { rules: number; nodes: number }][])
    .map(([id, c]) => ({
      id,
      zh: AXE_CATEGORIES[id]?.zh ?? id,
      en: AXE_CATEGORIES[id]?.en ?? id,
      rules: c.rules,
      nodes: c.nodes,
    }))
    .sort((a, b) => b.nodes - a.nodes || a.id.localeCompare(b.id));
}

/** What the data dictionary says about the browser-stage columns. */
export const AUDIT_NOTES: string[] = [
  'Browser-stage columns (audit_run … axe_status) come from `govscan audit`, which usually runs on a sample of the crawl run\'s reachable sites: a site it did not audit has empty cells and "未审计 not audited", never zeros. They are reported, not weighted into the total.',
  'Lighthouse (mobile emulation, simulated throttling): category scores 0–100 as Lighthouse shows them; LCP/TBT in milliseconds, CLS unitless. lh_status is "ok" or the error/timeout.',
  'axe-core (WCAG 2.x A/AA and best-practice rules) on the untouched homepage: violated rules, violating elements (an element breaking two rules counts twice), elements by impact, and elements per category (颜色对比度, 图片与替代文本, 表单与标签 …).',
  "Verification by acting (无障碍, 适老化/关怀版, 智能问答, 站内搜索 opened and used in Chromium) changes those indicators' results; the JSON export lists each outcome with its sentence under `audit.verification`.",
  "When a site was audited more than once, each step's newest result is shown.",
];
