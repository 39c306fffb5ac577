/**
 * Browser-stage rows for the report / export tests, written with the audit store (no browser):
 * Chengdu fully audited (Lighthouse scores, axe violations, four verifications with screenshots),
 * Mianyang with a Lighthouse timeout, an axe error and a verification sentence quoting hostile text.
 * The other sites are not in the sample.
 */
import { type AxeRawResults, summarise } from '../src/audit/axe.js';
import type { LighthouseResult } from '../src/audit/lighthouse.js';
import { type AuditedSite, saveAuditedSite } from '../src/store/audits.js';
import { createRun, type Db, loadResults, setRunState } from '../src/store/db.js';
import type { Interaction } from '../src/types.js';
import { HOSTILE, PNG_1PX, SITES } from './scoring.fixtures.js';

const AT = '2026-02-02T03:00:00.000Z';

export const LH_OK: LighthouseResult = {
  url: SITES.chengdu.portalUrl,
  finalUrl: SITES.chengdu.portalUrl,
  status: 'ok',
  scores: { performance: 0.42, accessibility: 0.87, bestPractices: 0.96, seo: 0.9 },
  metrics: { lcp: 5321.4, cls: 0.1234, tbt: 612.2, fcp: 2100, si: 4800 },
  warnings: [],
  lighthouseVersion: '12.8.2',
  formFactor: 'mobile',
  durationMs: 9100,
  lhrJson: '{"lhr":true}',
  fetchedAt: AT,
};

const node = {};
export const AXE_RAW: AxeRawResults = {
  url: SITES.chengdu.portalUrl,
  testEngine: { version: '4.10.3' },
  violations: [
    {
      id: 'color-contrast',
      impact: 'serious',
      tags: ['cat.color', 'wcag2aa'],
      help: 'Elements must meet minimum color contrast ratio thresholds',
      nodes: [node, node, node, node, node],
    },
    {
      id: 'image-alt',
      impact: 'critical',
      tags: ['cat.text-alternatives', 'wcag2a'],
      help: 'Images must have alternative text',
      nodes: [node, node, node],
    },
    {
      id: 'html-has-lang',
      impact: 'serious',
      tags: ['cat.language', 'wcag2a'],
      help: '<html> element must have a lang attribute',
      nodes: [node],
    },
    {
      id: 'region',
      impact: 'moderate',
      tags: ['cat.keyboard', 'best-practice'],
      help: 'All page content should be contained by landmarks',
      nodes: [node, node],
    },
  ],
  passes: new Array(30).fill(node),
  incomplete: [node],
};

const shot = (n: number) => Buffer.concat([PNG_1PX, Buffer.from([n])]); // distinct blobs, still a PNG to Chromium

export const CHENGDU_VERIFIED: Interaction[] = [
  {
    capability: 'accessibility_mode',
    outcome: 'verified',
    detail: 'Clicked "无障碍浏览"; the toolbar #cniil_wza appeared.',
    screenshot: shot(1),
    at: AT,
  },
  {
    capability: 'elderly_mode',
    outcome: 'verified',
    detail: 'Clicked "长者模式"; the base font grew from 14 px to 20 px.',
    screenshot: shot(2),
    at: AT,
  },
  {
    capability: 'smart_qa',
    outcome: 'not_working',
    detail: 'Clicked "智能问答"; no input box appeared within 8 s.',
    screenshot: shot(3),
    at: AT,
  },
  {
    capability: 'site_search',
    outcome: 'verified',
    detail: 'Typed 政务服务 into the search box; 12 results for it were shown.',
    screenshot: shot(4),
    at: AT,
  },
];

export const MIANYANG_VERIFIED: Interaction[] = [
  {
    capability: 'smart_qa',
    outcome: 'not_found',
    detail: `No entry labelled like 智能问答; the nearest link read ${HOSTILE}.`,
    at: AT,
  },
];

/** Re-detection keeps the stored results: these tests are about what is shown, not detection. */
const keep = (db: Db, runId: number) => (site: { locality: { code: string } }) =>
  loadResults(db, runId, site.locality.code);

export function auditRun(
  db: Db,
  crawlRunId: number,
  codes: string[],
  flags = { lighthouse: true, axe: true, verify: true },
): number {
  return createRun(db, {
    kind: 'audit',
    config: {},
    options: { crawlRunId, ...flags },
    siteCodes: codes,
    toolVersion: 'test',
    startedAt: AT,
  });
}

function site(
  auditRunId: number,
  crawlRunId: number,
  code: string,
  url: string,
  rest: Partial<AuditedSite>,
): AuditedSite {
  return {
    auditRunId,
    crawlRunId,
    code,
    url,
    startedAt: AT,
    finishedAt: '2026-02-02T03:00:15.000Z',
    steps: { lighthouse: 'ok', axe: 'ok', verify: 'ok' },
    ...rest,
  };
}

/** One finished audit run over Chengdu and Mianyang of the crawl run; returns its id. */
export function addAudit(db: Db, crawlRunId: number): number {
  const auditRunId = auditRun(db, crawlRunId, [SITES.chengdu.code, SITES.mianyang.code]);
  saveAuditedSite(
    db,
    site(auditRunId, crawlRunId, SITES.chengdu.code, SITES.chengdu.portalUrl, {
      lighthouse: LH_OK,
      axe: summarise(AXE_RAW, 640, AT),
      interactions: CHENGDU_VERIFIED,
    }),
    keep(db, crawlRunId),
  );
  saveAuditedSite(
    db,
    site(auditRunId, crawlRunId, SITES.mianyang.code, SITES.mianyang.portalUrl, {
      steps: { lighthouse: 'Lighthouse took longer than 60 s', axe: 'axe took longer than 30 s', verify: 'ok' },
      lighthouse: {
        url: SITES.mianyang.portalUrl,
        status: 'timeout',
        error: 'Lighthouse took longer than 60 s',
        scores: { performance: null, accessibility: null, bestPractices: null, seo: null },
        metrics: {},
        warnings: [],
        durationMs: 60000,
        fetchedAt: AT,
      },
      axe: { error: 'axe took longer than 30 s', durationMs: 30000, fetchedAt: AT, url: SITES.mianyang.portalUrl },
      interactions: MIANYANG_VERIFIED,
    }),
    keep(db, crawlRunId),
  );
  setRunState(db, auditRunId, 'done');
  return auditRunId;
}

/** A later audit of Chengdu with axe only: its axe result is newer, its Lighthouse score stays the earlier one. */
export function addAxeOnlyReaudit(db: Db, crawlRunId: number): number {
  const auditRunId = auditRun(db, crawlRunId, [SITES.chengdu.code], { lighthouse: false, axe: true, verify: false });
  const fewer = { ...AXE_RAW, violations: AXE_RAW.violations.slice(0, 1) };
  saveAuditedSite(
    db,
    site(auditRunId, crawlRunId, SITES.chengdu.code, SITES.chengdu.portalUrl, {
      steps: { lighthouse: 'skipped', axe: 'ok', verify: 'skipped' },
      axe: summarise(fewer, 500, AT),
    }),
    keep(db, crawlRunId),
  );
  setRunState(db, auditRunId, 'done');
  return auditRunId;
}
