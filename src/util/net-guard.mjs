// Hermetic mode: refuse every DNS lookup and connection that is not loopback, loudly.
// Loaded by the test setup and, via NODE_OPTIONS=--import, by child processes tests spawn.
// Plain JS so it can be preloaded without a TypeScript loader.

import dns from 'node:dns';
import net, { isIP } from 'node:net';

function isLoopbackHost(host) {
  if (host === undefined || host === null || host === '') return true; // Node's default is localhost
  const h = String(host)
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.') || h === '0.0.0.0';
  if (isIP(h) === 6) return h === '::1' || h === '::' || h.startsWith('::ffff:127.');
  return false;
}

function refuse(what) {
  const err = new Error(`network guard: refused non-loopback ${what} (tests and benchmarks must stay on loopback)`);
  err.code = 'EGOVSCAN_NETWORK_GUARD';
  return err;
}

export function installNetworkGuard() {
  if (globalThis.__govscanNetGuard) return;
  globalThis.__govscanNetGuard = true;

  const origConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    let opts = args[0];
    if (Array.isArray(opts)) opts = opts[0]; // internal normalized form
    let host;
    let path;
    if (opts && typeof opts === 'object') {
      host = opts.host;
      path = opts.path;
    } else if (typeof opts === 'string' && Number.isNaN(Number(opts))) {
      path = opts; // unix socket
    } else {
      host = typeof args[1] === 'string' ? args[1] : undefined;
    }
    if (!path && !isLoopbackHost(host)) {
      const err = refuse(`connection to ${host}`);
      process.nextTick(() => this.destroy(err));
      return this;
    }
    return origConnect.apply(this, args);
  };

  const origLookup = dns.lookup;
  dns.lookup = function guardedLookup(hostname, ...rest) {
    if (!isLoopbackHost(hostname)) {
      const cb = rest.find((a) => typeof a === 'function');
      const err = refuse(`DNS lookup of ${hostname}`);
      if (cb) process.nextTick(() => cb(err));
      return;
    }
    return origLookup.call(this, hostname, ...rest);
  };
  const origPromiseLookup = dns.promises.lookup;
  dns.promises.lookup = async function guardedPromiseLookup(hostname, ...rest) {
    if (!isLoopbackHost(hostname)) throw refuse(`DNS lookup of ${hostname}`);
    return origPromiseLookup.call(this, hostname, ...rest);
  };

  // Resolver queries go over UDP/TCP to the configured DNS servers: only loopback servers are allowed.
  const resolverMethods = [
    'resolve',
    'resolve4',
    'resolve6',
    'resolveAny',
    'resolveCname',
    'resolveMx',
    'resolveNs',
    'resolveTxt',
    'resolveSrv',
    'resolveSoa',
    'resolvePtr',
    'resolveNaptr',
    'resolveCaa',
    'reverse',
  ];
  const guardResolver = (proto, getServers, isPromise) => {
    for (const m of resolverMethods) {
      const orig = proto[m];
      if (typeof orig !== 'function') continue;
      proto[m] = function guardedResolve(...args) {
        const servers = getServers(this);
        const bad = servers.find((s) => !isLoopbackHost(s.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1')));
        if (bad) {
          const err = refuse(`DNS query to server ${bad}`);
          if (isPromise) return Promise.reject(err);
          const cb = args.find((a) => typeof a === 'function');
          if (cb) process.nextTick(() => cb(err));
          return;
        }
        return orig.apply(this, args);
      };
    }
  };
  guardResolver(dns.Resolver.prototype, (r) => r.getServers(), false);
  guardResolver(dns.promises.Resolver.prototype, (r) => r.getServers(), true);
  guardResolver(dns, () => dns.getServers(), false);
  guardResolver(dns.promises, () => dns.getServers(), true);
}

if (process.env.GOVSCAN_NETWORK_GUARD === '1') installNetworkGuard();
