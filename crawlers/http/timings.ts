/**
 * Where a hop's time went, as got's http-timer measured it (`response.timings.phases`): DNS
 * lookup, TCP connect, TLS handshake and the wait for the first byte. A reused keep-alive socket
 * has no DNS/connect/TLS phase; through a proxy they describe the way to the proxy.
 */

export interface HopPhases {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  firstByteMs?: number;
}

interface GotPhases {
  dns?: number;
  tcp?: number;
  tls?: number;
  firstByte?: number;
}

export function phasesOf(response: unknown): HopPhases | undefined {
  const p = (response as { timings?: { phases?: GotPhases } } | undefined)?.timings?.phases;
  if (!p) return undefined;
  const out: HopPhases = {};
  if (Number.isFinite(p.dns)) out.dnsMs = p.dns;
  if (Number.isFinite(p.tcp)) out.connectMs = p.tcp;
  if (Number.isFinite(p.tls)) out.tlsMs = p.tls;
  if (Number.isFinite(p.firstByte)) out.firstByteMs = p.firstByte;
  return out;
}
