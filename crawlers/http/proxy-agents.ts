/**
 * Keep-alive connections through the proxy. got-scraping (Crawlee's HTTP client) builds new proxy
 * agents for every request and keeps no free sockets, so every request through a proxy opened a
 * new TCP connection, a CONNECT tunnel and a TLS handshake: work for the crawler, the proxy and the
 * government server alike. These agents keep a target's connection between the paced requests of
 * a site, as a browser does; Node drops an idle one before the server's Keep-Alive timeout.
 * A proxy that refuses a CONNECT still answers the request with its own status and headers
 * (X-Squid-Error), which the client classifies as before.
 */
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';

export interface ProxyAgents {
  http: HttpProxyAgent<string>;
  https: HttpsProxyAgent<string>;
}

export function keepAliveProxyAgents(proxy: string): ProxyAgents {
  return {
    http: new HttpProxyAgent(proxy, { keepAlive: true }),
    https: new HttpsProxyAgent(proxy, { keepAlive: true }),
  };
}

export function closeProxyAgents(a: ProxyAgents | undefined): void {
  a?.http.destroy();
  a?.https.destroy();
}
