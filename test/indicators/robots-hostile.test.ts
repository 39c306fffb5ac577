import { describe, expect, it } from 'vitest';
import { detectionContext, runIndicators } from '../../indicators/index.js';
import type { SiteArtifacts } from '../../src/types.js';
import { sampleArtifacts } from '../helpers/artifacts.js';

function withRobots404(siteStatus: SiteArtifacts['siteStatus']): SiteArtifacts {
  const a = sampleArtifacts();
  a.siteStatus = siteStatus;
  if (siteStatus !== 'ok') a.pages = [{ ...a.pages[0]!, status: siteStatus, body: undefined }];
  a.probes.robots = {
    url: 'https://www.chengdu.gov.cn/robots.txt',
    status: 'http_4xx',
    httpStatus: 404,
    fetchedAt: a.startedAt,
  };
  return a;
}

const robots = (a: SiteArtifacts) => runIndicators(a, detectionContext(a)).find((r) => r.id === 'robots_txt')!;

describe('robots_txt on a site that could not be read', () => {
  it('a 404 for robots.txt is absent when the site is readable', () => {
    expect(robots(withRobots404('ok')).status).toBe('absent');
  });
  it('is unknown when the homepage itself failed: the 404 may come from a WAF or a broken server', () => {
    const r = robots(withRobots404('too_large'));
    expect(r.status).toBe('unknown');
    expect(r.reason).toContain('homepage could not be read (too_large)');
  });
});
