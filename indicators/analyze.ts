/**
 * Offline analysis of saved pages (`govscan analyze`): each page is wrapped as a homepage-only
 * site and every `scope: 'page'` indicator runs on it. Files are decoded like fetched bodies
 * (BOM, meta charset, GBK/GB18030 sniffing, mislabelled charsets). A file that is not a web page
 * (empty, binary, plain text) or is larger than the crawler would keep is refused, never scored.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, type Stats, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import { classifyAnswer } from '../crawlers/http/classify.js';
import { type Config, parseConfig } from '../src/config/config.js';
import type { IndicatorResult, Locality, PageSnapshot, SiteArtifacts } from '../src/types.js';
import { type DecodedBody, decodeBody } from '../src/util/encoding.js';
import { CATALOGUE } from './discover.js';
import { binaryReason, describeBytes, textReason, utf16Encoding } from './input-sniff.js';
import { DEFAULT_THRESHOLDS, runIndicators } from './runner.js';

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
  /** Largest file read, bytes (default: the crawler's body limit, crawl.maxBodyBytes). */
  maxBytes?: number;
}

/** The crawler keeps no page body above crawl.maxBodyBytes; a saved page gets the same limit. */
export const DEFAULT_MAX_BYTES = parseConfig({}).crawl.maxBodyBytes;

export interface PageAnalysis {
  url: string;
  indicators: Pick<IndicatorResult, 'id' | 'status' | 'confidence' | 'value' | 'reason' | 'evidence'>[];
}

export class AnalyzeInputError extends Error {
  override name = 'AnalyzeInputError';
  /** The file refused, and why (the message is `<file>: <reason>`); `limit` when it was too large. */
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly limit?: number,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** A file of a folder run that was not analysed. */
export interface SkippedFile {
  file: string;
  error: string;
}

/** A page of a folder run, with the file it came from. */
export type FileAnalysis = PageAnalysis & { file: string };

export const PAGE_INDICATORS = () => CATALOGUE.filter((i) => i.scope === 'page');

/** Wrap one saved page as the homepage of a site. */
export function siteFromHtml(html: string, url: string, opts: AnalyzeOptions = {}): SiteArtifacts {
  const at = (opts.asOf ?? new Date()).toISOString();
  // A saved challenge shell or WAF block page is not the site: judged unknown, never absent.
  const { status, block } = classifyAnswer(200, Buffer.from(html));
  const error =
    block &&
    `the saved page is a ${block.vendor} ${block.kind.replace(/_/g, ' ')} page (${block.note}), not the site's content`;
  const page: PageSnapshot = {
    url,
    finalUrl: url,
    role: 'home',
    status,
    ...(error ? { error } : {}),
    headers: {},
    body: html,
    bodyHash: opts.bodyHash ?? createHash('sha256').update(html).digest('hex'),
    fetchedAt: at,
    crawler: opts.rendered ? 'browser' : 'http',
    depth: 0,
    charset: opts.charset,
  };
  const locality: Locality = {
    code: '000000',
    name: '',
    province: '',
    kind: 'prefecture_city',
    portalUrl: url,
    urlSource: 'analyze',
    ...opts.locality,
  };
  return {
    locality,
    startedAt: at,
    finishedAt: at,
    siteStatus: status,
    ...(error ? { siteError: error } : {}),
    pages: [page],
    probes: {},
    linkChecks: [],
    interactions: [],
  };
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

/** Read a saved page, refusing what is too large or is not a web page (AnalyzeInputError naming the file). */
export function readPageFile(path: string, maxBytes = DEFAULT_MAX_BYTES): { buf: Buffer; decoded: DecodedBody } {
  let buf: Buffer;
  try {
    // The size is checked before reading: a huge file is refused without being loaded.
    const size = statSync(path).size;
    if (size > maxBytes)
      throw new AnalyzeInputError(
        path,
        `the file is ${describeBytes(size)}, over the limit of ${describeBytes(maxBytes)}`,
        maxBytes,
      );
    buf = readFileSync(path);
  } catch (e) {
    if (e instanceof AnalyzeInputError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new AnalyzeInputError(
      path,
      err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a folder' : `cannot read it: ${err.message}`,
    );
  }
  const binary = binaryReason(buf);
  if (binary) throw new AnalyzeInputError(path, binary);
  // UTF-16 without a byte-order mark is decoded as such (the charset sniffer does not expect it).
  const utf16 = utf16Encoding(buf);
  const decoded: DecodedBody = utf16
    ? { text: iconv.decode(buf, utf16).replace(/^\ufeff/, ''), charset: utf16, source: 'sniffed' }
    : decodeBody(buf);
  const notText = textReason(decoded.text);
  if (notText) throw new AnalyzeInputError(path, notText);
  return { buf, decoded };
}

export function analyzeFile(path: string, url?: string, opts: AnalyzeOptions = {}): PageAnalysis {
  const { buf, decoded } = readPageFile(path, opts.maxBytes);
  const hash = createHash('sha256').update(buf).digest('hex');
  return analyzeHtml(decoded.text, url ?? urlFromHtml(decoded.text, path), {
    ...opts,
    bodyHash: hash,
    charset: decoded.charset,
  });
}

const HTML_EXT = new Set(['.html', '.htm', '.shtml', '.xhtml']);

/**
 * A file → one analysis (or AnalyzeInputError); a folder → one entry per .html/.htm file
 * (recursively, sorted by path): its analysis, or `{file, error}` when it was refused.
 */
export function analyzePath(
  fileOrDir: string,
  url?: string,
  opts: AnalyzeOptions = {},
): PageAnalysis | (FileAnalysis | SkippedFile)[] {
  let st: Stats;
  try {
    st = statSync(fileOrDir);
  } catch {
    throw new AnalyzeInputError(fileOrDir, 'no such file or folder');
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
  return files.map((file) => {
    try {
      return { file, ...analyzeFile(file, undefined, opts) };
    } catch (e) {
      if (e instanceof AnalyzeInputError) return { file, error: e.reason };
      throw e;
    }
  });
}
