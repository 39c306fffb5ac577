/**
 * Check every stored snapshot of one site in one run against its hash: page texts (and their
 * raw bytes), screenshots of pages, interactions and evidence. Replay and bundle run this
 * before anything else, so an edited snapshot is reported as tampered, never replayed.
 */
import { type Db, readBlob, readPageText } from './db.js';
import type { Tamper } from './integrity.js';

export interface SiteCheck {
  problems: Tamper[];
  /** Pages whose raw bytes were not kept (older databases): only their text's own hash was checked. */
  unverified: string[];
}

export function checkSiteSnapshots(db: Db, runId: number, code: string): SiteCheck {
  const problems: Tamper[] = [];
  const unverified: string[] = [];
  const pages = db
    .prepare(
      'SELECT url, text_hash, body_hash, charset, content_type, screenshot_hash FROM pages WHERE run_id = ? AND code = ? ORDER BY seq',
    )
    .all(runId, code) as {
    url: string;
    text_hash: string | null;
    body_hash: string | null;
    charset: string | null;
    content_type: string | null;
    screenshot_hash: string | null;
  }[];
  const screenshots: { hash: string; what: string; mustExist: boolean }[] = [];
  for (const p of pages) {
    const text = readPageText(db, p);
    problems.push(...text.problems);
    if (text.unverified) unverified.push(p.url);
    if (p.screenshot_hash)
      screenshots.push({ hash: p.screenshot_hash, what: `screenshot of page ${p.url}`, mustExist: true });
  }
  const interactions = db
    .prepare(
      'SELECT capability, outcome, screenshot_hash FROM interactions WHERE run_id = ? AND code = ? AND screenshot_hash IS NOT NULL ORDER BY seq',
    )
    .all(runId, code) as { capability: string; outcome: string; screenshot_hash: string }[];
  for (const x of interactions)
    screenshots.push({
      hash: x.screenshot_hash,
      what: `screenshot of interaction ${x.capability} (${x.outcome})`,
      mustExist: true,
    });
  const evidence = db
    .prepare(
      `SELECT r.indicator, e.url, e.screenshot_hash FROM evidence e JOIN indicator_results r ON r.id = e.result_id
       WHERE r.run_id = ? AND r.code = ? AND e.screenshot_hash IS NOT NULL ORDER BY r.id, e.seq`,
    )
    .all(runId, code) as { indicator: string; url: string; screenshot_hash: string }[];
  // Evidence may name a screenshot that was never stored (blob columns of evidence are not references).
  for (const e of evidence)
    screenshots.push({
      hash: e.screenshot_hash,
      what: `screenshot in evidence of ${e.indicator} (${e.url})`,
      mustExist: false,
    });

  const seen = new Set<string>();
  for (const s of screenshots) {
    if (seen.has(s.hash)) continue;
    seen.add(s.hash);
    const r = readBlob(db, s.hash, `${s.what} (blob ${s.hash})`);
    if ('tamper' in r) problems.push(r.tamper);
    else if ('missing' in r && s.mustExist)
      problems.push({ what: `${s.what}: its blob is gone`, expected: s.hash, actual: 'no such blob' });
  }
  return { problems, unverified };
}
