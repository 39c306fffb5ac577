/**
 * Small scripted loopback HTTP servers for the crawler tests: routes by path, a request log,
 * and the peak number of requests in flight (to check per-host politeness).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => unknown;
export type Route =
  | Handler
  | { status?: number; headers?: Record<string, string>; body?: string | Buffer; delayMs?: number };

export interface TestServer {
  origin: string;
  port: number;
  /** Paths requested, in order, with method and request headers. */
  log: { method: string; path: string; headers: http.IncomingHttpHeaders }[];
  peakInFlight: number;
  route(path: string, r: Route): void;
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Route> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  let inFlight = 0;
  const server = http.createServer(async (req, res) => {
    inFlight++;
    state.peakInFlight = Math.max(state.peakInFlight, inFlight);
    res.on('close', () => inFlight--);
    const url = new URL(req.url ?? '/', 'http://x');
    state.log.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, headers: req.headers });
    const r = table.get(`${url.pathname}${url.search}`) ?? table.get(url.pathname) ?? table.get('*');
    if (!r) {
      res.writeHead(404, { 'content-type': 'text/html' });
      return res.end('<html><title>404</title>not found</html>');
    }
    if (typeof r === 'function') return r(req, res, url);
    if (r.delayMs) await new Promise((ok) => setTimeout(ok, r.delayMs));
    res.writeHead(r.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...r.headers });
    res.end(req.method === 'HEAD' ? undefined : (r.body ?? ''));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  const state: TestServer = {
    origin: `http://127.0.0.1:${port}`,
    port,
    log: [],
    peakInFlight: 0,
    route: (p, r) => void table.set(p, r),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
  return state;
}

export const html = (title: string, body: string, head = '') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8">${head}<title>${title}</title></head><body>${body}</body></html>`;
