/**
 * Chromium's own background traffic (component updates, account checks) still leaves even with
 * the quiet flags: measured through the fixture proxy, update.googleapis.com and
 * accounts.google.com were asked for within seconds. A PAC script sends those hosts to a closed
 * loopback port and everything else to the configured proxy (or direct), so neither the fixture
 * world nor a real upstream proxy sees them. Government portals do not depend on these hosts.
 */

/** Hosts only Chromium itself talks to. */
const CHROMIUM_HOME = ['google.com', 'googleapis.com', 'gstatic.com', 'gvt1.com', 'gvt2.com', 'googleusercontent.com', 'chromium.org'];

/** Discard port on loopback: connections are refused at once and never leave the machine. */
const BLACKHOLE = 'PROXY 127.0.0.1:9';

/** The --proxy-pac-url switch for an optional upstream proxy ("http://host:port"). */
export function chromiumProxySwitch(proxy?: string): string {
  let route = 'DIRECT';
  if (proxy) {
    const u = new URL(proxy);
    if (u.username || u.password) throw new Error(`proxy ${u.host}: proxies with credentials are not supported for the browser (PAC cannot carry them)`);
    route = `${u.protocol === 'https:' ? 'HTTPS' : 'PROXY'} ${u.host}`;
  }
  const hosts = CHROMIUM_HOME.map((h) => h.replace(/\./g, '\\.')).join('|');
  const pac = `function FindProxyForURL(url, host) {
  if (/(^|\\.)(${hosts})$/.test(host)) return "${BLACKHOLE}";
  return "${route}";
}`;
  return `--proxy-pac-url=data:application/x-ns-proxy-autoconfig;base64,${Buffer.from(pac).toString('base64')}`;
}
