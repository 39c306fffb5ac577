/**
 * A loopback forward proxy that plays "the internet behind an upstream proxy" and logs every
 * request target it is asked for: absolute-form requests (`GET http://host/path`), origin-form
 * requests (by Host header) and CONNECT targets. Hosts in `sites` are answered by their handler;
 * any other host gets a 200 with a secret-looking body, as a real proxy next to a cloud metadata
 * service or an intranet would — so a request that should have been refused shows up as stored.
 * CONNECT is logged and then refused (this proxy terminates no TLS).
 */
import http from 'node:http';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';

export type SiteHandler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void;

export interface LoggedTarget {
  /** `GET`, `HEAD`, `POST` … or `CONNECT`. */
  method: string;
  /** The URL asked for, or `host:port` for CONNECT. */
  target: string;
  /** The host name or address (IPv6 without brackets), lower case. */
  host: string;
  /** Request headers (not for CONNECT). */
  headers?: http.IncomingHttpHeaders;
}

export interface LoggingProxy {
  url: string;
  port: number;
  log: LoggedTarget[];
  close(): Promise<void>;
}

export const LEAK_BODY = 'ami-id\ninstance-id\niam/security-credentials/govscan-should-never-see-this\n';

export async function startLoggingProxy(sites: Record<string, SiteHandler>): Promise<LoggingProxy> {
  const log: LoggedTarget[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    let url: URL;
    try {
      url = /^https?:\/\//i.test(req.url ?? '')
        ? new URL(req.url!)
        : new URL(req.url ?? '/', `http://${req.headers.host ?? 'no-host'}`);
    } catch {
      log.push({ method: req.method ?? '?', target: req.url ?? '', host: '' });
      res.writeHead(400).end();
      return;
    }
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    log.push({ method: req.method ?? 'GET', target: url.href, host, headers: req.headers });
    const site = sites[host];
    if (site) return site(req, res, url);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(LEAK_BODY);
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket) => {
    const target = req.url ?? '';
    const host = target
      .replace(/:\d+$/, '')
      .replace(/^\[|\]$/g, '')
      .toLowerCase();
    log.push({ method: 'CONNECT', target, host });
    socket.on('error', () => undefined);
    socket.end(
      'HTTP/1.1 502 Bad Gateway\r\nX-Squid-Error: ERR_CONNECT_FAIL 111\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    );
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
