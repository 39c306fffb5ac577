/** URL helpers shared by detectors: resolving, hosts, and the registrable domain of a host. */

/**
 * `href` resolved against `base`; undefined unless it is an http(s) address. A page saved to disk
 * (base `file:`) keeps its links: root- and document-relative ones resolve under `file:///` plus
 * the file's name (never the folder it was saved in), protocol-relative ones (//host/…) to http.
 */
export function absoluteUrl(href: string, base: string): string | undefined {
  try {
    const savedFile = base.startsWith('file:');
    const u = new URL(href.trim(), savedFile ? `file:///${base.split(/[/\\]/).pop() ?? ''}` : base);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
    if (savedFile && u.protocol === 'file:') return u.hostname ? `http:${u.href.slice('file:'.length)}` : u.href;
    return undefined;
  } catch {
    return undefined;
  }
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/** Chinese second-level suffixes under which the registrable domain has three labels. */
const CN_SECOND_LEVEL = new Set(['gov.cn', 'com.cn', 'net.cn', 'org.cn', 'edu.cn', 'ac.cn', 'mil.cn']);

/** `www.chengdu.gov.cn` → `chengdu.gov.cn`; `hm.baidu.com` → `baidu.com`; IPs stay as they are. */
export function registrableDomain(host: string): string {
  const h = host.toLowerCase();
  if (/^[\d.]+$/.test(h) || h.includes(':')) return h;
  const labels = h.split('.');
  if (labels.length <= 2) return h;
  const last2 = labels.slice(-2).join('.');
  const n = CN_SECOND_LEVEL.has(last2) ? 3 : 2;
  return labels.slice(-n).join('.');
}

/** host equals domain or is a sub-domain of it. */
export function isUnder(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

export function sameSite(hostA: string, hostB: string): boolean {
  return registrableDomain(hostA) === registrableDomain(hostB);
}

/**
 * Scripts that inline loaders inject (the Baidu/CNZZ snippets: hm.src = "https://hm.baidu.com/hm.js?…"):
 * quoted URLs of .js/.php/.css resources in inline script text. Other URLs (window.open targets) are not loads.
 */
const INLINE_LOAD = /['"]((?:https?:)?\/\/[\w.-]+\/[^'"\s]*?\.(?:js|php|css)(?:\?[^'"\s]*)?)['"]/g;

export function inlineLoads(inline: string, base: string): string[] {
  const out: string[] = [];
  for (const m of inline.matchAll(INLINE_LOAD)) {
    const abs = absoluteUrl(m[1]!, base);
    if (abs) out.push(abs);
  }
  return out;
}
