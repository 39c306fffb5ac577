/**
 * A stored page row and its decoded text read back checked against its hashes; the screenshots a
 * site's pages and evidence keep. (Writing pages is snapshots.ts's; this is the reading side.)
 */
import type { PageSnapshot } from '../types.js';
import { readBlob } from './blobs.js';
import type { Db } from './db.js';
import { checkDecodedText, type Tamper } from './integrity.js';
import { opt } from './rows.js';

export interface PageRow {
  url: string;
  final_url: string;
  role: PageSnapshot['role'];
  status: PageSnapshot['status'];
  http_status: number | null;
  content_type: string | null;
  charset: string | null;
  charset_source: PageSnapshot['charsetSource'] | null;
  body_hash: string | null;
  text_hash: string | null;
  bytes: number | null;
  fetched_at: string;
  crawler: PageSnapshot['crawler'];
  depth: number;
  referrer: string | null;
  link_text: string | null;
  title: string | null;
  error: string | null;
  duration_ms: number | null;
  attempts: number | null;
  headers_json: string;
  requests_json: string | null;
  screenshot_hash: string | null;
  challenge_json: string | null;
}

/**
 * A page's decoded text, checked: its blob must hash to text_hash and, when the raw bytes were
 * kept under body_hash, decoding them again must give the same text. `unverified`: raw bytes
 * not kept (databases from before govscan kept them), so only the text's own hash is checked.
 */
export function readPageText(
  db: Db,
  r: Pick<PageRow, 'url' | 'text_hash' | 'body_hash' | 'charset' | 'content_type'>,
): { body?: string; problems: Tamper[]; unverified?: true } {
  if (!r.text_hash) return { problems: [] };
  const page = `page ${r.url}`;
  const text = readBlob(db, r.text_hash, `${page} decoded text (blob ${r.text_hash})`);
  if ('missing' in text)
    return {
      problems: [{ what: `${page} decoded text: its blob is gone`, expected: r.text_hash, actual: 'no such blob' }],
    };
  if ('tamper' in text) return { problems: [text.tamper] };
  const body = text.data.toString('utf8');
  if (!r.body_hash || r.body_hash === r.text_hash) return { body, problems: [] }; // the text is the raw bytes
  const raw = readBlob(db, r.body_hash, `${page} raw bytes (blob ${r.body_hash})`);
  if ('missing' in raw) return { body, problems: [], unverified: true };
  if ('tamper' in raw) return { body, problems: [raw.tamper] };
  const mismatch = checkDecodedText(
    raw.data,
    body,
    { charset: opt(r.charset), contentType: opt(r.content_type) },
    page,
  );
  return { body, problems: mismatch ? [mismatch] : [] };
}

/** Page shots of a site in a run, then evidence shots of the run whose results it shows, deduplicated. */
export function siteScreenshots(
  db: Db,
  pagesRunId: number,
  resultsRunId: number,
  code: string,
): { hash: string; caption: string }[] {
  const rows = db
    .prepare(
      `SELECT screenshot_hash AS hash, 'page ' || role || ': ' || final_url AS caption, 0 AS o, seq FROM pages WHERE run_id = ? AND code = ? AND screenshot_hash IS NOT NULL
       UNION ALL SELECT e.screenshot_hash, 'evidence of ' || r.indicator, 1, e.id FROM evidence e JOIN indicator_results r ON r.id = e.result_id
         WHERE r.run_id = ? AND r.code = ? AND e.screenshot_hash IS NOT NULL
       ORDER BY o, seq`,
    )
    .all(pagesRunId, code, resultsRunId, code) as { hash: string; caption: string }[];
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.hash) && seen.add(r.hash));
}
