import { defineIndicator } from '../define.js';
import { absent, plainEvidence, present, unknown } from '../support/evidence.js';

/** Rules, sitemaps and whether `User-agent: *` disallows everything. */
export function parseRobots(text: string): { rules: number; disallowAll: boolean; sitemaps: string[] } {
  let rules = 0;
  let disallowAll = false;
  const sitemaps: string[] = [];
  let agents: string[] = [];
  let inRules = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const val = m[2]!.trim();
    if (key === 'user-agent') {
      if (inRules) agents = [];
      inRules = false;
      agents.push(val);
    } else if (key === 'allow' || key === 'disallow') {
      inRules = true;
      rules++;
      if (key === 'disallow' && val === '/' && agents.includes('*')) disallowAll = true;
    } else if (key === 'sitemap') sitemaps.push(val);
  }
  return { rules, disallowAll, sitemaps };
}

export default defineIndicator({
  id: 'robots_txt',
  dimension: 'norms',
  order: 9,
  name: { zh: 'robots.txt', en: 'robots.txt' },
  measures:
    'From the robots probe: /robots.txt exists as text (an HTML soft-404 does not count), its number of Allow/Disallow rules, Sitemap lines, and whether it disallows everything for all agents.',
  standard: 'GSA Site Scanning (robots.txt); RFC 9309.',
  presentMeans: 'A robots.txt file is served (disallowAll is reported, not judged).',
  valueFields: {
    url: 'robots.txt URL',
    disallowAll: 'User-agent: * / Disallow: /',
    rules: 'Allow/Disallow lines',
    sitemaps: 'Sitemap: URLs',
  },
  needs: ['probes'],
  detect(site) {
    const p = site.probes.robots;
    if (!p) return unknown('The robots.txt probe did not run for this site.');
    const ev = [
      plainEvidence('probe', p.url, {
        pattern: 'robots.txt',
        snippet:
          p.status === 'ok'
            ? p.body?.slice(0, 200)
            : `${p.status}${p.httpStatus ? ` ${p.httpStatus}` : ''}${p.error ? ` ${p.error}` : ''}`,
        fetchedAt: p.fetchedAt,
      }),
    ];
    // A 4xx while the homepage itself could not be read (refused, blocked, broken server) says
    // nothing reliable about the file: a WAF or a failing server answers for every path.
    if (p.status === 'http_4xx' && site.siteStatus !== 'ok')
      return unknown(
        `${p.url} answered ${p.httpStatus ?? '4xx'}, but the homepage could not be read (${site.siteStatus}), so the answer may not be the site's.`,
        ev,
      );
    if (p.status === 'http_4xx') return absent(undefined, 0.9, `${p.url} answered ${p.httpStatus ?? '4xx'}.`, ev);
    if (p.status !== 'ok') return unknown(`${p.url} could not be fetched (${p.status}).`, ev);
    const body = p.body ?? '';
    if (/^\s*<(!doctype|html|head|body)/i.test(body))
      return absent(undefined, 0.8, `${p.url} returns an HTML page, not a robots.txt file.`, ev);
    const r = parseRobots(body);
    return present(
      { url: p.finalUrl ?? p.url, ...r },
      r.rules || r.sitemaps.length ? 0.95 : 0.8,
      `robots.txt with ${r.rules} rules${r.sitemaps.length ? ` and ${r.sitemaps.length} sitemaps` : ''}${r.disallowAll ? '; disallows everything for all agents' : ''}.`,
      ev,
    );
  },
});
