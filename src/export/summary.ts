/**
 * One short, human-readable summary of an indicator value for a table cell ("900/1000 (90%)",
 * "1024 datasets · CSV,API · API"). Specific shapes first, then a generic fallback that never
 * prints more than a line.
 */
import type { JsonValue } from '../types.js';

type Obj = Record<string, JsonValue>;
const pct = (x: unknown): string => (typeof x === 'number' ? `${Math.round(x * 1000) / 10}%` : '?');
const list = (x: unknown): string => (Array.isArray(x) ? x.map(String).join(',') : '');

const SPECIFIC: Record<string, (v: Obj) => string> = {
  online_service_rate: (v) => `${v.fullyOnline}/${v.items} (${pct(v.rate)}, ${v.source})`,
  service_guide_completeness: (v) => `${pct(v.completeness)} of elements in ${v.guidesChecked} guides`,
  open_data_datasets: (v) => `${v.datasets} datasets · ${list(v.formats) || 'no formats'}${v.api ? ' · API' : ''}`,
  interaction_channel: (v) => list(v.channels),
  reply_timeliness: (v) =>
    `median ${v.medianDays ?? '?'} d · replied ${v.replied}/${v.lettersChecked}${typeof v.overdue === 'number' && v.overdue > 0 ? ` · overdue ${v.overdue}` : ''}`,
  mobile_ready: (v) =>
    ['viewport', 'mobileSite', 'app', 'miniProgram', 'newMedia'].filter((k) => v[k]).join(',') || 'none',
  https: (v) => ['httpsAvailable', 'certValid', 'redirectsToHttps', 'hsts'].filter((k) => v[k]).join(',') || 'none',
  ipv6: (v) =>
    `${Array.isArray(v.aaaa) ? v.aaaa.length : 0} AAAA${v.reachable === true ? ' · reachable' : v.reachable === false ? ' · unreachable' : ''}`,
  site_id_code: (v) => String(v.code ?? ''),
  icp_record: (v) => String(v.record ?? ''),
  public_security_record: (v) => String(v.number || v.record || ''),
  cms_platform: (v) => `${v.vendor}${v.intensive ? ' · 集约化' : ''}`,
  third_party_services: (v) => `${Array.isArray(v.hosts) ? v.hosts.length : 0} hosts`,
  homepage_freshness: (v) =>
    v.ageDays === null || v.ageDays === undefined ? 'no dated items' : `newest ${v.newestDate} (${v.ageDays} d)`,
  policy_documents: (v) => (v.newestDate ? `newest ${v.newestDate}` : String(v.host ?? v.url ?? '')),
  stale_columns: (v) => `${Array.isArray(v.stale) ? v.stale.length : 0}/${v.columnsChecked} stale`,
  blank_columns: (v) => `${Array.isArray(v.blank) ? v.blank.length : 0}/${v.columnsChecked} blank`,
  broken_links: (v) =>
    `${v.definite}/${v.checked} broken (${pct(v.rate)})${typeof v.suspected === 'number' && v.suspected ? `, ${v.suspected} suspected` : ''}`,
  robots_txt: (v) => (v.disallowAll ? 'disallows all' : `${v.rules} rules`),
  sitemap: (v) =>
    [v.page ? 'page' : '', v.xml ? `xml${typeof v.xmlUrls === 'number' ? ` (${v.xmlUrls} urls)` : ''}` : '']
      .filter(Boolean)
      .join(' · '),
  policy_interpretation: (v) =>
    v.newestDate ? `newest ${v.newestDate} (${v.ageDays} d)` : String(v.text ?? v.url ?? ''),
  disclosure_annual_report: (v) =>
    `${v.year ?? '?'} report${v.lastYearPublished === false ? ' (the report due is not listed)' : ''}`,
  one_thing_service: (v) => `${v.text ?? v.url ?? ''}${typeof v.count === 'number' ? ` · ${v.count} items` : ''}`,
  error_report_entry: (v) =>
    [v.via, v.code, v.codeMatch === false ? `≠ site code ${v.siteIdCode}` : ''].filter(Boolean).join(' · '),
  new_media_accounts: (v) =>
    `${list(v.platforms) || 'none'}${Array.isArray(v.accounts) ? ` (${v.accounts.length} accounts)` : ''}`,
  smart_qa: (v) =>
    [v.kind, v.verified, v.answered === true ? `reply: ${v.reply ?? ''}` : v.answered === false ? 'no reply' : '']
      .filter(Boolean)
      .join(' · '),
  gov_domain: (v) => `${v.host}${v.govCn ? '' : ' (not .gov.cn)'}`,
};

export function valueSummary(id: string, value: JsonValue | undefined, max = 120): string {
  if (value === undefined || value === null) return '';
  let s: string;
  if (typeof value !== 'object' || Array.isArray(value)) s = Array.isArray(value) ? list(value) : String(value);
  else {
    const f = SPECIFIC[id];
    try {
      s = f ? f(value) : generic(value);
    } catch {
      s = generic(value);
    }
  }
  s = s.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A link target shows its host (or URL); otherwise the scalar fields, k=v. */
function generic(v: Obj): string {
  if (typeof v.host === 'string' && v.host)
    return [v.host, typeof v.level === 'string' ? v.level : '', typeof v.kind === 'string' ? v.kind : '']
      .filter(Boolean)
      .join(' · ');
  if (typeof v.url === 'string' && v.url) return v.url;
  return Object.entries(v)
    .filter(([, x]) => x !== null && typeof x !== 'object')
    .map(([k, x]) => `${k}=${x}`)
    .join(' ');
}
