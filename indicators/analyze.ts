/**
 * Offline analysis of saved pages (`govscan analyze`): each page is wrapped as a homepage-only
 * site and every `scope: 'page'` indicator runs on it. Files are decoded like fetched bodies
 * (BOM, meta charset, GBK/GB18030 sniffing, mislabelled charsets).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as cheerio from 'cheerio';
import type { Config } from '../src/config/config.js';
import type { IndicatorResult, Locality, PageSnapshot, SiteArtifacts } from '../src/types.js';
import { decodeBody } from '../src/util/encoding.js';
import { CATALOGUE } from './catalogue.js';
import { DEFAULT_THRESHOLDS, runIndicators } from './run.js';

export interface AnalyzeOptions {
  /** Reference time for freshness; default: now (a saved page has no fetch time). */
  asOf?: Date;
  thresholds?: Config['thresholds'];
  /** Locality the page belongs to (lets levels like "provincial" be decided). */
  locality?: Partial<Locality>;
  bodyHash?: string;
  charset?: string;
  /** The file is a browser DOM dump (scripts already ran), not the server's HTML. */
  rendered?: boolean;
}

export interface PageAnalysis {
  url: string;
  indicators: Pick<IndicatorResult, 'id' | 'status' | 'confidence' | 'value' | 'reason' | 'evidence'>[];
}

export class AnalyzeInputError extends Error {
  override name = 'AnalyzeInputError';
}

export const PAGE_INDICATORS = () => CATALOGUE.filter((i) => i.scope === 'page');

/** Wrap one saved page as the homepage of a site. */
export function siteFromHtml(html: string, url: string, opts: AnalyzeOptions = {}): SiteArtifacts {
  const at = (opts.asOf ?? new Date()).toISOString();
  const page: PageSnapshot = {
    url,
    finalUrl: url,
    role: 'home',
    status: 'ok',
    headers: {},
    body: html,
    bodyHash: opts.bodyHash ?? createHash('sha256').update(html).digest('hex'),
    fetchedAt: at,
    crawler: opts.rendered ? 'browser' : 'http',
    depth: 0,
    charset: opts.charset,
  };
  const locality: Locality = { code: '000000', name: '', province: '', kind: 'prefecture_city', portalUrl: url, urlSource: 'analyze', ...opts.locality };
  return { locality, startedAt: at, finishedAt: at, siteStatus: 'ok', pages: [page], probes: {}, linkChecks: [], interactions: [] };
}

export function analyzeHtml(html: string, url: string, opts: AnalyzeOptions = {}): PageAnalysis {
  const site = siteFromHtml(html, url, opts);
  const asOf = new Date(site.pages[0]!.fetchedAt);
  const results = runIndicators(site, { asOf, thresholds: opts.thresholds ?? DEFAULT_THRESHOLDS }, PAGE_INDICATORS());
  return {
    url,
    indicators: results.map((r) => ({
      id: r.id,
      status: r.status,
      confidence: r.confidence,
      ...(r.value !== undefined ? { value: r.value } : {}),
      reason: r.reason,
      evidence: r.evidence,
    })),
  };
}

/** The page's own idea of its URL: <link rel=canonical>, then <base href>, else the file:// URL. */
export function urlFromHtml(html: string, path: string): string {
  const $ = cheerio.load(html.slice(0, 200_000));
  for (const href of [$('link[rel~="canonical"]').attr('href'), $('base[href]').attr('href')]) {
    if (href && /^https?:\/\//i.test(href.trim())) return href.trim();
  }
  return pathToFileURL(resolve(path)).href;
}

export function analyzeFile(path: string, url?: string, opts: AnalyzeOptions = {}): PageAnalysis {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw new AnalyzeInputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const decoded = decodeBody(buf);
  const hash = createHash('sha256').update(buf).digest('hex');
  return analyzeHtml(decoded.text, url ?? urlFromHtml(decoded.text, path), { ...opts, bodyHash: hash, charset: decoded.charset });
}

const HTML_EXT = new Set(['.html', '.htm', '.shtml', '.xhtml']);

/** A file → one analysis; a folder → one per .html/.htm file (recursively, sorted by path). */
export function analyzePath(fileOrDir: string, url?: string, opts: AnalyzeOptions = {}): PageAnalysis | PageAnalysis[] {
  let st;
  try {
    st = statSync(fileOrDir);
  } catch {
    throw new AnalyzeInputError(`cannot read ${fileOrDir}: no such file or directory`);
  }
  if (!st.isDirectory()) return analyzeFile(fileOrDir, url, opts);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (HTML_EXT.has(extname(name).toLowerCase())) files.push(p);
    }
  };
  walk(fileOrDir);
  // --url names one page; for a folder each file keeps its own canonical/file URL.
  return files.map((f) => analyzeFile(f, undefined, opts));
}
