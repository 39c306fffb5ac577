// Hand-made artifacts and results for tests that need a populated store without crawling.
import type { IndicatorResult, Locality, PageSnapshot, SiteArtifacts } from '../../src/types.js';

export const CHENGDU: Locality = {
  code: '510100',
  name: '成都市',
  province: '四川省',
  kind: 'prefecture_city',
  portalUrl: 'https://www.chengdu.gov.cn/',
  urlSource: 'test',
};

/** A page fetched over HTTP that answered 200 with UTF-8 HTML `body` (its charset from the header). */
export function utf8Page(
  url: string,
  body: string,
  p: Pick<PageSnapshot, 'role' | 'bodyHash' | 'fetchedAt' | 'depth'> & Partial<PageSnapshot>,
): PageSnapshot {
  return {
    url,
    finalUrl: url,
    status: 'ok',
    httpStatus: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    contentType: 'text/html; charset=utf-8',
    charset: 'utf-8',
    charsetSource: 'header',
    body,
    bytes: Buffer.byteLength(body),
    crawler: 'http',
    ...p,
  };
}

export function sampleArtifacts(loc: Locality = CHENGDU, at = '2026-11-20T08:00:00.000Z'): SiteArtifacts {
  const home = `<html><head><title>${loc.name}人民政府</title></head><body><a href="https://zwfw.example.gov.cn/">政务服务</a> 网站标识码：${loc.code.slice(0, 4)}000001</body></html>`;
  return {
    locality: loc,
    startedAt: at,
    finishedAt: at,
    siteStatus: 'ok',
    pages: [
      utf8Page(loc.portalUrl, home, {
        role: 'home',
        bodyHash: 'a'.repeat(64),
        fetchedAt: at,
        depth: 0,
        title: `${loc.name}人民政府`,
        durationMs: 12,
      }),
      {
        url: `${loc.portalUrl}missing`,
        finalUrl: `${loc.portalUrl}missing`,
        role: 'column',
        status: 'http_4xx',
        httpStatus: 404,
        headers: {},
        fetchedAt: at,
        crawler: 'http',
        depth: 1,
        referrer: loc.portalUrl,
        linkText: '通知公告',
      },
    ],
    probes: {
      robots: {
        url: `${loc.portalUrl}robots.txt`,
        status: 'ok',
        httpStatus: 200,
        body: 'User-agent: *\nDisallow:',
        fetchedAt: at,
      },
    },
    linkChecks: [
      { url: `${loc.portalUrl}x`, fromUrl: loc.portalUrl, status: 'http_4xx', httpStatus: 404, internal: true },
    ],
    interactions: [],
  };
}

export function sampleResults(code = CHENGDU.code): IndicatorResult[] {
  return [
    {
      id: 'site_id_code',
      status: 'present',
      value: { code: `${code.slice(0, 4)}000001`, source: 'footer' },
      confidence: 0.95,
      reason: 'footer shows 网站标识码',
      evidence: [
        {
          kind: 'text',
          url: CHENGDU.portalUrl,
          pattern: '网站标识码',
          snippet: '网站标识码：5101000001',
          pageHash: 'a'.repeat(64),
          fetchedAt: '2026-11-20T08:00:00.000Z',
        },
      ],
    },
    {
      id: 'open_data_platform',
      status: 'absent',
      confidence: 0.8,
      reason: 'no link to a data platform on the homepage',
      evidence: [{ kind: 'absence', url: CHENGDU.portalUrl, pattern: '数据开放|开放数据' }],
    },
  ];
}
