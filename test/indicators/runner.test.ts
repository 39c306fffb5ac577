import { describe, expect, it, vi } from 'vitest';
import type { Indicator, IndicatorSpec, Outcome } from '../../indicators/define.js';
import {
  CATALOGUE,
  defineIndicator,
  detectionContext,
  INDICATOR_IDS,
  runIndicator,
  runIndicators,
} from '../../indicators/index.js';
import { present } from '../../indicators/support/evidence.js';
import { DIMENSIONS, type SiteArtifacts } from '../../src/types.js';
import { AS_OF, HOME, page, readPage, site } from './helpers.js';

const BLOCKED_HOME = () => page({ url: HOME, status: 'challenge_failed', httpStatus: 412, body: undefined });
const BLOCKED = () => site([BLOCKED_HOME()], { siteStatus: 'challenge_failed', siteError: 'WAF challenge' });
const READABLE = () => site([page({ url: HOME, body: readPage('trs-portal.html') })]);

/** An in-memory indicator (never discovered): what a new file would default-export. */
function probeIndicator(detect: Indicator['detect'], over: Partial<IndicatorSpec> = {}): Indicator {
  return defineIndicator({
    id: 'runner_probe',
    dimension: 'norms',
    name: { zh: '探针', en: 'Probe' },
    measures: 'test',
    standard: 'test',
    presentMeans: 'test',
    scope: 'page',
    needs: ['home'],
    detect,
    ...over,
  });
}

function runOne(ind: Indicator, s: SiteArtifacts) {
  return runIndicator(ind, s, detectionContext(s));
}

describe('the runner', () => {
  it('stamps the id on what the detector returns', () => {
    const r = runOne(
      probeIndicator(() => present(undefined, 0.9, 'Found.', [])),
      READABLE(),
    );
    expect(r).toEqual({ id: 'runner_probe', status: 'present', confidence: 0.9, reason: 'Found.', evidence: [] });
  });

  it('answers unknown for a blocked homepage once, without calling the detector', () => {
    const detect = vi.fn(() => present(undefined, 0.9, 'Found.', []));
    const r = runOne(probeIndicator(detect), BLOCKED());
    expect(detect).not.toHaveBeenCalled();
    expect(r).toMatchObject({ id: 'runner_probe', status: 'unknown', confidence: 0, evidence: [] });
    expect(r.reason).toMatch(
      /^homepage https:\/\/www\.chengdu\.gov\.cn\/ not fetched \(challenge_failed: WAF challenge\)/,
    );
  });

  it("lets a `blockedHome: 'self'` indicator decide, with the blocker in its context", () => {
    const decide = (_s: SiteArtifacts, ctx: { blocker?: string }): Outcome =>
      present(ctx.blocker ?? '', 0.5, 'Decided.', []);
    const detect = vi.fn(decide);
    const r = runOne(probeIndicator(detect, { blockedHome: 'self' }), BLOCKED());
    expect(detect).toHaveBeenCalledOnce();
    expect(r).toMatchObject({ status: 'present', value: expect.stringContaining('challenge_failed') });
  });

  it('keeps the indicators that read probes deciding despite a blocked homepage', () => {
    const xml = 'https://www.chengdu.gov.cn/sitemap.xml';
    const URLSET = '<urlset><url><loc>a</loc></url></urlset>';
    const s = site([BLOCKED_HOME()], {
      siteStatus: 'challenge_failed',
      siteError: 'WAF challenge',
      probes: { sitemapXml: { url: xml, status: 'ok', body: URLSET, fetchedAt: AS_OF } },
    });
    const r = Object.fromEntries(runIndicators(s, detectionContext(s)).map((x) => [x.id, x]));
    expect(r.sitemap).toMatchObject({ status: 'present', value: { xml, xmlUrls: 1 } });
    expect(r.gov_domain!.status).toBe('present');
    expect(r.online_service_portal).toMatchObject({ status: 'unknown', evidence: [] });
  });

  it('turns a missing artifact that the indicator needs into unknown naming it', () => {
    const s = { ...READABLE(), linkChecks: undefined } as unknown as SiteArtifacts;
    const r = runOne(
      probeIndicator(() => present(undefined, 1, 'x', []), { needs: ['home', 'linkChecks'] }),
      s,
    );
    expect(r).toMatchObject({ status: 'unknown', reason: expect.stringContaining('linkChecks') });
  });

  it('turns an invalid result into unknown with what is wrong, never a crash', () => {
    const bad = [
      { status: 'maybe', confidence: 0.5, reason: 'x', evidence: [] },
      { status: 'present', confidence: 2, reason: 'x', evidence: [] },
      { status: 'present', confidence: 0.5, reason: '', evidence: [] },
      { status: 'absent', confidence: 0.5, reason: 'x', evidence: [{ kind: 'guess', url: HOME }] },
      undefined,
    ];
    for (const out of bad) {
      const r = runOne(
        probeIndicator(() => out as unknown as Outcome),
        READABLE(),
      );
      expect(r.status, JSON.stringify(out)).toBe('unknown');
      expect(r.reason).toMatch(/^detector returned an invalid result: /);
    }
  });
});

describe('the discovered catalogue', () => {
  it('is ordered by dimension, then order, and INDICATOR_IDS follows it', () => {
    const rank = CATALOGUE.map((i) => DIMENSIONS.indexOf(i.dimension) * 1000 + (i.order ?? 999));
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
    expect([...INDICATOR_IDS]).toEqual(CATALOGUE.map((i) => i.id));
    expect(new Set(INDICATOR_IDS).size).toBe(CATALOGUE.length);
  });
});
