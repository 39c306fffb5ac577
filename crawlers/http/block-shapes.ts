/**
 * What a page that is not the site looks like: anti-bot challenges, WAF block pages and soft 404s,
 * one declarative entry per shape (in the manner of Wappalyzer's technologies), read by the HTTP
 * classifier (what a fetch got) and by the browser (whether it is still inside a challenge).
 *
 * Sources are public write-ups of the shapes on Chinese government sites: Ruishu (瑞数) answers
 * 412 (sometimes 202 or 200) with `<meta … r='m'>`, a `$_ts` script and a server cookie ending in
 * `S`; 知道创宇 加速乐 answers 521 with a script that sets `__jsl_clearance_s` beside
 * `__jsluid_s`; Alibaba Cloud WAF sets `acw_tc` and has a script compute `acw_sc__v2`; 360 网站卫士
 * answers 200 with the title 访问异常页面. A real page protected by one of them still carries the
 * vendor's script, so every shape also needs the page to be thin (little visible text).
 */
import type { ChallengeVendor } from '../../src/types.js';

export type BlockKind = 'challenge' | 'ip_block_page' | 'soft_404';

export interface BlockShape {
  kind: BlockKind;
  /** Challenge vendor, or the WAF product for block pages. */
  vendor: string;
  /** HTTP statuses it answers with (any when absent). */
  statuses?: number[];
  /** Any of these in the HTML. */
  html?: RegExp[];
  /** Any of these in the title. */
  title?: RegExp[];
  /** Any of these in Set-Cookie (names). */
  cookies?: RegExp[];
  /** A cookie alone is enough only with one of these statuses (the vendor's own challenge codes). */
  cookieStatuses?: number[];
  /** Largest page that can still be this shape, bytes. */
  maxBytes: number;
  note: string;
}

const SCRIPTED_RELOAD = /document\.cookie|location\.(?:href|replace|reload)|window\.location\s*=|setTimeout\s*\(/i;

/** Most specific first: the first matching shape names the page. */
export const BLOCK_SHAPES: BlockShape[] = [
  {
    kind: 'challenge',
    vendor: 'ruishu',
    statuses: [412, 202, 200],
    // The seed meta carries r='m' before or after its content; the $_ts bootstrap names itself.
    html: [/<meta\b(?=[^>]*\bcontent=)[^>]*\br\s*=\s*['"]?m\b/i, /\$_ts\s*=/, /\$_ts\./],
    cookies: [/(?:^|[;,]\s*)[A-Za-z0-9_]{5,}S=/],
    cookieStatuses: [412],
    maxBytes: 96 * 1024,
    note: 'Ruishu (瑞数): seed in <meta r=m>, $_ts script computes a cookie bound to the User-Agent, then reloads',
  },
  {
    kind: 'challenge',
    vendor: 'jsl',
    statuses: [521, 200],
    html: [/__jsl_clearance/],
    cookies: [/(?:^|[;,]\s*)__jsluid_[hs]=/],
    cookieStatuses: [521],
    maxBytes: 32 * 1024,
    note: '知道创宇 加速乐: 521 with a script that sets __jsl_clearance_s beside the __jsluid_s cookie',
  },
  {
    kind: 'challenge',
    vendor: 'acw',
    html: [/acw_sc__v2/, /arg1\s*=\s*['"][0-9A-F]{20,}/],
    maxBytes: 32 * 1024,
    note: 'Alibaba Cloud WAF: acw_tc cookie, a script computes acw_sc__v2 and reloads',
  },
  {
    kind: 'challenge',
    vendor: 'wzws',
    html: [/wzwschallenge|wzwstemplate/],
    cookies: [/(?:^|[;,]\s*)wzws_cid=/],
    cookieStatuses: [200, 412],
    maxBytes: 32 * 1024,
    note: '安恒 玄武盾 (wzws): a script computes the challenge answer and reloads, often with status 200',
  },
  {
    kind: 'challenge',
    vendor: 'yunsuo',
    html: [/security_verify_data|yunsuo_session_verify/],
    maxBytes: 32 * 1024,
    note: '云锁: a script sends the visitor on with security_verify_data after setting yunsuo_session_verify',
  },
  {
    kind: 'challenge',
    vendor: 'cloudflare',
    statuses: [403, 503, 429],
    html: [/challenge-platform|cf-chl-|cf_chl_/],
    maxBytes: 96 * 1024,
    note: 'Cloudflare managed challenge ("Just a moment…")',
  },
  {
    kind: 'ip_block_page',
    vendor: '360',
    title: [/访问异常页面/, /网站卫士/],
    html: [/您的访问请求可能对网站造成安全威胁/, /wangzhan\.360\.cn/],
    maxBytes: 64 * 1024,
    note: '360 网站卫士 / 360 磐云 block page (often answered with 200)',
  },
  {
    kind: 'ip_block_page',
    vendor: 'waf',
    title: [/网站防火墙/, /安全狗/, /云锁/, /创宇盾/, /访问被拦截/, /访问受限/, /^\s*访问禁止/],
    html: [/已被网站管理员设置拦截/, /当前访问疑似黑客攻击/, /由于您访问的URL有可能对网站造成安全威胁/],
    maxBytes: 64 * 1024,
    note: 'a WAF block page (安全狗, 云锁, 创宇盾, Alibaba Cloud block page, …)',
  },
  {
    kind: 'challenge',
    vendor: 'generic',
    statuses: [403, 412, 468, 521],
    html: [SCRIPTED_RELOAD],
    maxBytes: 24 * 1024,
    note: 'a small script page that sets a cookie and reloads, answered with a WAF status',
  },
  {
    kind: 'soft_404',
    vendor: 'script_redirect',
    statuses: [404, 410],
    html: [/location\.(?:href|replace)|window\.location\s*=|http-equiv=["']?refresh/i],
    maxBytes: 16 * 1024,
    note: '404 whose page only sends the visitor on by script or meta refresh (usually to the homepage)',
  },
];

/** Visible text shorter than this: a page that is mostly script (challenge shells, block pages). */
const THIN_TEXT_CHARS = 400;

export interface BlockMatch {
  kind: BlockKind;
  vendor: string;
  /** What matched, for evidence. */
  signal: string;
  note: string;
}

/** The block shape a response is, or undefined for an ordinary page (or an ordinary error). */
export function recogniseBlock(
  httpStatus: number,
  headers: Record<string, string>,
  raw: Buffer | string | undefined,
): BlockMatch | undefined {
  const bytes = typeof raw === 'string' ? Buffer.byteLength(raw) : (raw?.length ?? 0);
  // Challenge scripts spell their cookie names in pieces ('_')+('_')+('j')…: join them before matching.
  const html = (typeof raw === 'string' ? raw : (raw?.toString('latin1') ?? '')).replace(/(['"])\)?\s*\+\s*\(?\1/g, '');
  const cookies = headers['set-cookie'] ?? '';
  const title = /<title[^>]*>([^<]*)</i.exec(typeof raw === 'string' ? raw : (raw?.toString('utf8') ?? ''))?.[1] ?? '';
  let thin: boolean | undefined;
  for (const s of BLOCK_SHAPES) {
    if (s.statuses && !s.statuses.includes(httpStatus)) continue;
    if (bytes > s.maxBytes) continue;
    const signal =
      s.html?.find((r) => r.test(html))?.source ??
      s.title?.find((r) => r.test(title))?.source ??
      (s.cookieStatuses?.includes(httpStatus) ? s.cookies?.find((r) => r.test(cookies))?.source : undefined);
    if (!signal) continue;
    thin ??= visibleText(typeof raw === 'string' ? raw : (raw?.toString('utf8') ?? '')).length < THIN_TEXT_CHARS;
    if (!thin) continue;
    return { kind: s.kind, vendor: s.vendor, signal, note: s.note };
  }
  // A WAF status with nothing at all in the body is a WAF, not a server's answer.
  if (bytes === 0 && [412, 468, 521].includes(httpStatus))
    return { kind: 'challenge', vendor: 'generic', signal: `empty ${httpStatus}`, note: 'an empty WAF answer' };
  return undefined;
}

const VENDORS: readonly ChallengeVendor[] = ['ruishu', 'jsl', 'acw', 'wzws', 'yunsuo', 'cloudflare'];

export function challengeVendor(m: BlockMatch): ChallengeVendor {
  return VENDORS.find((v) => v === m.vendor) ?? 'generic';
}

function visibleText(html: string): string {
  return html
    .replace(/<(script|style|noscript)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, '');
}
