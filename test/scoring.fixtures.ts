/**
 * Hand-made runs for the scoring / export / report / diff tests: a few sites in several provinces
 * and kinds, with full, partial, unknown-heavy and unreachable homepages, plus hostile text.
 */

import { INDICATOR_IDS } from '../indicators/values.js';
import { createRun, type Db, openDb, putBlob, saveSite, setRunState } from '../src/store/db.js';
import type { FetchStatus, IndicatorResult, JsonValue, Locality, SiteArtifacts } from '../src/types.js';

export const HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

type Spec = Partial<
  Record<(typeof INDICATOR_IDS)[number], 'present' | 'absent' | 'unknown' | ['present' | 'absent', JsonValue]>
>;

export const GOOD: Spec = {
  online_service_portal: [
    'present',
    { url: 'https://www.sczwfw.gov.cn/', host: 'www.sczwfw.gov.cn', level: 'provincial', reachable: true },
  ],
  online_service_rate: ['present', { items: 1000, fullyOnline: 900, rate: 0.9, source: 'stated' }],
  service_guide_completeness: [
    'present',
    { guidesChecked: 3, elementsFound: [], elementsMissing: [], completeness: 1 },
  ],
  policy_documents: 'present',
  open_data_platform: [
    'present',
    { url: 'https://data.x.gov.cn/', host: 'data.x.gov.cn', level: 'local', reachable: true },
  ],
  open_data_datasets: ['present', { datasets: 1000, formats: ['CSV', 'API'], api: true, source: 'stated' }],
  interaction_channel: ['present', { channels: ['mailbox', 'hotline12345', 'consult'], entries: [] }],
  reply_timeliness: ['present', { lettersChecked: 10, replied: 10, medianDays: 3, overdue: 0 }],
  survey_consultation: 'present',
  smart_qa: 'present',
  site_search: 'present',
  mobile_ready: [
    'present',
    { viewport: true, mobileSite: 'https://m.x.gov.cn/', app: true, miniProgram: true, newMedia: true },
  ],
  personalized_service: 'present',
  accessibility_mode: 'present',
  elderly_mode: 'present',
  site_id_code: 'present',
  icp_record: 'present',
  public_security_record: 'present',
  conac_mark: 'present',
  gov_domain: 'present',
  https: ['present', { httpsAvailable: true, certValid: true, redirectsToHttps: true, hsts: true }],
  ipv6: 'present',
  sitemap: 'present',
  robots_txt: 'present',
  cms_platform: 'present',
  third_party_services: 'present',
  availability: 'present',
  homepage_freshness: 'present',
  stale_columns: 'present',
  blank_columns: 'present',
  broken_links: ['present', { checked: 30, definite: 0, suspected: 0, rate: 0, examples: [] }],
  policy_interpretation: 'present',
  one_thing_service: 'present',
  error_report_entry: 'present',
  new_media_accounts: 'present',
  disclosure_annual_report: 'present',
};

export function results(
  spec: Spec,
  fallback: 'present' | 'absent' | 'unknown' = 'unknown',
  extra: Partial<IndicatorResult> = {},
): IndicatorResult[] {
  return INDICATOR_IDS.map((id): IndicatorResult => {
    const s = spec[id] ?? fallback;
    const [status, value] = Array.isArray(s) ? s : [s, undefined];
    return {
      id,
      status,
      ...(value === undefined ? {} : { value }),
      confidence: status === 'unknown' ? 0 : 0.9,
      reason: `${id} is ${status} (hand-made)`,
      evidence:
        status === 'unknown'
          ? []
          : [
              {
                kind: 'text',
                url: 'https://www.x.gov.cn/',
                pattern: id,
                snippet: `${id} snippet`,
                fetchedAt: '2026-01-01T00:00:00Z',
                pageHash: 'ab'.repeat(32),
              },
            ],
      ...extra,
    };
  });
}

export function artifacts(l: Locality, status: FetchStatus = 'ok', screenshotHash?: string): SiteArtifacts {
  return {
    locality: l,
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:01:00Z',
    siteStatus: status,
    ...(status === 'ok' ? {} : { siteError: `homepage ${status}` }),
    pages: [
      {
        url: l.portalUrl,
        finalUrl: l.portalUrl,
        role: 'home',
        status,
        headers: {},
        fetchedAt: '2026-01-01T00:00:00Z',
        crawler: 'http',
        depth: 0,
        ...(screenshotHash ? { screenshotHash } : {}),
      },
    ],
    probes: {},
    linkChecks: [],
    interactions: [],
  };
}

const loc = (code: string, name: string, province: string, kind: Locality['kind']): Locality => ({
  code,
  name,
  province,
  kind,
  portalUrl: `https://www.${code}.gov.cn/`,
  urlSource: 'test',
});

export const SITES = {
  chengdu: loc('510100', '成都市', '四川省', 'prefecture_city'),
  mianyang: loc('510700', '绵阳市', '四川省', 'prefecture_city'),
  aba: loc('513200', '阿坝藏族羌族自治州', '四川省', 'autonomous_prefecture'),
  beijing: loc('110000', '北京市', '北京市', 'municipality'),
  shenzhen: loc('440300', '深圳市', '广东省', 'prefecture_city'),
  guangzhou: loc('440100', '广州市', '广东省', 'prefecture_city'),
};

/** A tiny valid PNG (1×1, red). */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** Run 1: the full cast. Returns the db and the run id. */
export function buildRun(db: Db = openDb(':memory:'), variant: 'a' | 'b' = 'a'): { db: Db; runId: number } {
  const runId = createRun(db, {
    kind: 'crawl',
    config: { v: variant },
    options: {},
    siteCodes: Object.values(SITES).map((s) => s.code),
    toolVersion: 'test',
    startedAt: variant === 'a' ? '2026-01-01T00:00:00Z' : '2026-02-01T00:00:00Z',
  });
  const shot = putBlob(db, PNG_1PX, 'image/png');
  saveSite(db, runId, artifacts(SITES.chengdu, 'ok', shot), results(GOOD));
  // Identical to Chengdu: a tie in the national ranking, first in its province.
  saveSite(db, runId, artifacts(SITES.shenzhen), results(GOOD));
  // Mianyang: weaker; in run b it loses its data platform and two channel kinds (→ 稳步发展) and its homepage goes stale.
  saveSite(
    db,
    runId,
    artifacts(SITES.mianyang),
    results(
      {
        ...GOOD,
        online_service_rate: ['present', { items: 100, fullyOnline: 50, rate: 0.5, source: 'counted' }],
        reply_timeliness: ['present', { lettersChecked: 10, replied: 5, medianDays: 17.5, overdue: 2 }],
        open_data_platform: variant === 'a' ? 'present' : 'absent',
        open_data_datasets:
          variant === 'a' ? ['present', { datasets: 99, formats: ['CSV'], api: false, source: 'counted' }] : 'absent',
        smart_qa: 'absent',
        interaction_channel: [
          'present',
          { channels: variant === 'a' ? ['mailbox', 'hotline12345', 'consult'] : ['mailbox'], entries: [] },
        ],
        homepage_freshness: variant === 'a' ? 'present' : 'absent',
        cms_platform: ['present', { vendor: '=HYPERLINK("http://evil/","x")', intensive: false }],
      },
      'present',
      { reason: `reason with "quotes", commas, and\na newline ${HOSTILE}` },
    ),
  );
  // Aba: almost everything unknown → incomplete, unranked, no tier.
  saveSite(
    db,
    runId,
    artifacts(SITES.aba),
    results({ online_service_portal: 'present', interaction_channel: 'absent' }, 'unknown'),
  );
  saveSite(
    db,
    runId,
    artifacts(SITES.beijing),
    results({ ...GOOD, smart_qa: 'absent', elderly_mode: 'absent', ipv6: 'absent' }),
  );
  // Guangzhou: WAF-blocked homepage → no score. Only in run a (so run b "removes" it).
  if (variant === 'a') saveSite(db, runId, artifacts(SITES.guangzhou, 'challenge_failed'), results({}, 'unknown'));
  setRunState(db, runId, 'done');
  return { db, runId };
}
