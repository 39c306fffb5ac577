/** Hand-built SiteArtifacts for indicator tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PageSnapshot, SiteArtifacts } from '../../src/types.js';
import { CHENGDU } from '../helpers/artifacts.js';

export const AS_OF = '2026-11-22T02:00:00.000Z';

export function pageFile(name: string): string {
  return fileURLToPath(new URL(`../pages/${name}`, import.meta.url));
}

export function readPage(name: string): string {
  return readFileSync(pageFile(name), 'utf8');
}

export function page(p: Partial<PageSnapshot> & { url: string }): PageSnapshot {
  return {
    finalUrl: p.url,
    role: 'home',
    status: 'ok',
    headers: {},
    fetchedAt: AS_OF,
    crawler: 'http',
    depth: 0,
    bodyHash: `hash-${p.url}`,
    ...p,
  };
}

/** A page at `path` on the Chengdu portal (HOME) with the given role and body. */
export function chengduPage(path: string, role: PageSnapshot['role'], body: string): PageSnapshot {
  return page({ url: new URL(path, HOME).href, role, body });
}

export function site(pages: PageSnapshot[], over: Partial<SiteArtifacts> = {}): SiteArtifacts {
  return {
    locality: { ...CHENGDU },
    startedAt: AS_OF,
    finishedAt: AS_OF,
    siteStatus: 'ok',
    pages,
    probes: {},
    linkChecks: [],
    interactions: [],
    ...over,
  };
}

export const HOME = 'https://www.chengdu.gov.cn/';
