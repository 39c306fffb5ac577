/**
 * Keep-alive connections through the proxy. got-scraping (Crawlee's HTTP client) builds new proxy
 * agents for every request and keeps no free sockets, so every request through a proxy opened a
 * new TCP connection, a CONNECT tunnel and a TLS handshake: work for the crawler, the proxy and the
 * government server alike. These agents keep a target's connection between the paced requests of
 * a site, as a browser does, and close it once idle (IDLE_CONNECTION_MS).
 * A proxy that refuses a CONNECT still answers the request with its own status and headers
 * (X-Squid-Error), which the client classifies as before.
 */
import type http from 'node:http';
import type net from 'node:net';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';

/**
 * An idle connection is closed after this long. A proxy or a NAT may drop an idle connection
 * silently; a later request on it (the availability monitor's next visit, an hour on) would hang
 * until its timeout and count as a failed visit. A site's paced requests come well within it.
 */
export const IDLE_CONNECTION_MS = 4000;

/** Node's agent destroys a free socket whose timeout fires; on a socket in use the event does nothing. */
function closingIdle<A extends http.Agent>(agent: A): A {
  agent.on('free', (socket: net.Socket) => socket.setTimeout(IDLE_CONNECTION_MS));
  return agent;
}

export interface ProxyAgents {
  http: HttpProxyAgent<string>;
  https: HttpsProxyAgent<string>;
}

export function keepAliveProxyAgents(proxy: string): ProxyAgents {
  return {
    http: closingIdle(new HttpProxyAgent(proxy, { keepAlive: true })),
    https: closingIdle(new HttpsProxyAgent(proxy, { keepAlive: true })),
  };
}

export function closeProxyAgents(a: ProxyAgents | undefined): void {
  a?.http.destroy();
  a?.https.destroy();
}
