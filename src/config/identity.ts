/**
 * Who govscan says it is and where it runs from. Site operators whitelist scanners by User-Agent or
 * by a header they agree on (as with GSA's site scanner and commercial monitors), and what a
 * Chinese government site answers depends on where the request comes from: from outside mainland
 * China many never answer (geo_timeout). So the config names the vantage point, an optional
 * allow-list header is sent on every request to sites, and each run records both (never the
 * header's value, which is a shared secret).
 */
import { z } from 'zod';
import type { Config } from './config.js';

/** RFC 9110 field-name: a token. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Visible ASCII with inner spaces: no CR/LF (header injection) and nothing a proxy would mangle. */
const VISIBLE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
/** Headers govscan sets itself or the transport owns: an allow-list header must not replace them. */
const RESERVED = new Set([
  'host',
  'user-agent',
  'cookie',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'accept',
  'accept-language',
  'accept-encoding',
  'referer',
]);

export const AllowListHeaderSchema = z
  .object({
    /** Header name, e.g. "X-Govscan-Scanner". */
    name: z
      .string()
      .max(100)
      .regex(TOKEN, { error: "must be a header name (letters, digits and !#$%&'*+.^_`|~-, no spaces)" })
      .refine((n) => !RESERVED.has(n.toLowerCase()), { error: 'is a header govscan sets itself; pick another name' }),
    /** The value (a token agreed with the site operator): visible ASCII, no line breaks. */
    value: z.string().max(1024).regex(VISIBLE, { error: 'must be visible ASCII (spaces inside only), no line breaks' }),
  })
  .strict();

/** Where the run ran from: a label such as "beijing-idc-1" (free text, one line). */
export const VantageSchema = z
  .string()
  .min(1)
  .max(100)
  .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), {
    error: 'must be one line of text (no control characters)',
  });

/** What a stored config keeps in place of the allow-list header's value. */
export const REDACTED = '<redacted>';

/** The allow-list header to send on every request to a site (lower-cased name), or none. */
export function allowListHeaders(cfg: Config): Record<string, string> {
  const h = cfg.network.allowListHeader;
  return h ? { [h.name.toLowerCase()]: h.value } : {};
}

export interface RunVantage {
  vantage: string;
  /** `network.resolver` ("host:port") or "system". */
  resolver: string;
  userAgent: string;
  contactUrl: string;
  /** Name of the allow-list header sent on every request, or null; never its value. */
  allowListHeader: string | null;
}

export function runVantage(cfg: Config, userAgent: string): RunVantage {
  return {
    vantage: cfg.network.vantage,
    resolver: cfg.network.resolver ?? 'system',
    userAgent,
    contactUrl: cfg.crawl.contactUrl,
    allowListHeader: cfg.network.allowListHeader?.name ?? null,
  };
}

/** The config as a run stores it: the allow-list header's value replaced by REDACTED. */
export function redactedConfig<T>(cfg: T): T {
  const net = (cfg as { network?: { allowListHeader?: { name: string; value: string } } })?.network;
  if (!net?.allowListHeader) return cfg;
  return {
    ...cfg,
    network: { ...net, allowListHeader: { ...net.allowListHeader, value: REDACTED } },
  } as T;
}

/**
 * A resumed run re-reads its stored config, whose allow-list value is redacted: take the value
 * from the config of this invocation when it names the same header; otherwise send none.
 */
export function restoreAllowListValue(stored: Config, current?: Config): Config {
  const h = stored.network.allowListHeader;
  if (!h || h.value !== REDACTED) return stored;
  const now = current?.network.allowListHeader;
  const allowListHeader = now && now.name.toLowerCase() === h.name.toLowerCase() ? now : undefined;
  return { ...stored, network: { ...stored.network, allowListHeader } };
}
