/**
 * TLS facts from our own handshake (the page fetches ignore certificate errors so that content is
 * still measured): is https reachable, is the chain valid for the host against the system CAs plus
 * `network.extraCaFiles`, issuer and expiry. Through `network.proxy` via CONNECT when set.
 */

import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { Config } from '../../src/config/config.js';

export interface Handshake {
  ok: boolean;
  authorized: boolean;
  authorizationError?: string;
  issuer?: string;
  validTo?: string;
  error?: string;
}

const caCache = new Map<string, string[]>();

export function trustedCas(config: Config): string[] {
  const key = config.network.extraCaFiles.join('\n');
  let cas = caCache.get(key);
  if (!cas) {
    cas = [...tls.rootCertificates];
    for (const f of config.network.extraCaFiles) {
      try {
        cas.push(readFileSync(f, 'utf8'));
      } catch (e) {
        throw new Error(`network.extraCaFiles: cannot read ${f}: ${(e as Error).message}`);
      }
    }
    caCache.set(key, cas);
  }
  return cas;
}

/** A raw TCP socket to host:port, tunnelled through the HTTP proxy when one is configured. */
export function openSocket(config: Config, host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  const proxy = config.network.proxy;
  if (!proxy)
    return new Promise((resolve, reject) => {
      const s = net.connect({ host, port });
      const t = setTimeout(
        () => s.destroy(Object.assign(new Error(`connect to ${host}:${port} timed out`), { code: 'ETIMEDOUT' })),
        timeoutMs,
      );
      s.once('connect', () => {
        clearTimeout(t);
        resolve(s);
      });
      s.once('error', (e) => {
        clearTimeout(t);
        reject(e);
      });
    });
  const p = new URL(proxy);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: p.hostname,
      port: Number(p.port || 80),
      method: 'CONNECT',
      path: `${host}:${port}`,
      headers: { host: `${host}:${port}` },
      timeout: timeoutMs,
    });
    req.once('connect', (res, socket) => {
      if (res.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(
        Object.assign(new Error(`proxy CONNECT ${host}:${port} answered ${res.statusCode}`), {
          code: res.statusCode === 502 || res.statusCode === 504 ? 'ENOTFOUND' : 'ECONNREFUSED',
        }),
      );
    });
    req.once('timeout', () =>
      req.destroy(Object.assign(new Error(`proxy CONNECT ${host}:${port} timed out`), { code: 'ETIMEDOUT' })),
    );
    req.once('error', reject);
    req.end();
  });
}

const contexts = new Map<string, tls.SecureContext>();

/**
 * One SecureContext per CA set, built once: building it from ~150 PEM roots costs tens of ms of
 * CPU, far too much to pay per request.
 */
export function trustedContext(config: Config): tls.SecureContext {
  const key = config.network.extraCaFiles.join('\n');
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = tls.createSecureContext({ ca: trustedCas(config) });
    contexts.set(key, ctx);
  }
  return ctx;
}

/**
 * Certificate verdicts per host:port, shared by every site: the page fetches skip verification
 * (cheap) and consult this instead, so a bad certificate still ends as `tls` without one TLS
 * context per request.
 */
export class TlsVerifier {
  private readonly verdicts = new Map<string, Promise<Handshake>>();

  constructor(private readonly config: Config) {}

  verify(host: string, port: number): Promise<Handshake> {
    const key = `${host}:${port}`;
    let v = this.verdicts.get(key);
    if (!v) {
      v = tlsHandshake(this.config, host, port, this.config.crawl.firstByteTimeoutSecs * 1000);
      if (this.verdicts.size > 20_000) this.verdicts.delete(this.verdicts.keys().next().value!);
      this.verdicts.set(key, v);
      // A failed connection says nothing about the certificate: ask again next time.
      void v.then((h) => {
        if (!h.ok) this.verdicts.delete(key);
      });
    }
    return v;
  }
}

export async function tlsHandshake(config: Config, host: string, port = 443, timeoutMs = 10_000): Promise<Handshake> {
  let socket: net.Socket;
  try {
    socket = await openSocket(config, host, port, timeoutMs);
  } catch (e) {
    return { ok: false, authorized: false, error: (e as Error).message };
  }
  return new Promise((resolve) => {
    const s = tls.connect({
      socket,
      servername: net.isIP(host) ? undefined : host,
      secureContext: trustedContext(config),
      rejectUnauthorized: false,
    });
    const t = setTimeout(() => {
      s.destroy();
      resolve({ ok: false, authorized: false, error: `TLS handshake with ${host} timed out` });
    }, timeoutMs);
    s.once('secureConnect', () => {
      clearTimeout(t);
      const cert = s.getPeerCertificate();
      const issuer = cert?.issuer ? (cert.issuer.O ?? cert.issuer.CN) : undefined;
      let authorizationError = s.authorizationError ? String(s.authorizationError) : undefined;
      let authorized = s.authorized;
      // Node checks the chain; the host name must be checked separately when rejectUnauthorized is off.
      if (authorized && cert && !net.isIP(host)) {
        const err = tls.checkServerIdentity(host, cert);
        if (err) {
          authorized = false;
          authorizationError = err.message;
        }
      }
      resolve({
        ok: true,
        authorized,
        authorizationError,
        issuer: Array.isArray(issuer) ? issuer.join(', ') : issuer,
        validTo: cert?.valid_to ? new Date(cert.valid_to).toISOString() : undefined,
      });
      s.end();
      s.destroy();
    });
    s.once('error', (e) => {
      clearTimeout(t);
      resolve({ ok: false, authorized: false, error: e.message });
    });
  });
}
