/**
 * Which addresses and names govscan never requests unless `network.allowPrivateNetworks`: the
 * operator's own network (loopback, RFC 1918, link-local with the cloud metadata service at
 * 169.254.169.254, CGNAT, ULA…), plus multicast and reserved space. A crawled page must not make
 * the crawler probe them.
 *
 * Addresses are compared as numbers (net.BlockList), never as text: `[::ffff:127.0.0.1]` reaches
 * us as `::ffff:7f00:1`, and IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64,
 * 6to4, Teredo) are judged by the IPv4 address inside.
 */
import { BlockList, isIP } from 'node:net';

type Family = 'ipv4' | 'ipv6';

interface Range {
  list: BlockList;
  family: Family;
  net: string;
  prefix: number;
  what: string;
}

/** A range written as CIDR ('10.0.0.0/8', 'fe80::/10'); the family follows from the address. */
function range(cidr: string, what: string): Range {
  const [net, bits] = cidr.split('/') as [string, string];
  const prefix = Number(bits);
  const family: Family = isIP(net) === 6 ? 'ipv6' : 'ipv4';
  const list = new BlockList();
  list.addSubnet(net, prefix, family);
  return { list, family, net, prefix, what };
}

/** IANA special-purpose IPv4 space that is not the public internet. */
const IPV4: Range[] = [
  range('0.0.0.0/8', '"this network" 0.0.0.0/8'),
  range('10.0.0.0/8', 'private 10.0.0.0/8'),
  range('100.64.0.0/10', 'carrier-grade NAT 100.64.0.0/10'),
  range('127.0.0.0/8', 'loopback 127.0.0.0/8'),
  range('169.254.0.0/16', 'link-local 169.254.0.0/16 (cloud metadata service)'),
  range('172.16.0.0/12', 'private 172.16.0.0/12'),
  range('192.0.0.0/24', 'IETF protocol assignments 192.0.0.0/24'),
  range('192.0.2.0/24', 'documentation 192.0.2.0/24'),
  range('192.88.99.0/24', '6to4 relay anycast 192.88.99.0/24'),
  range('192.168.0.0/16', 'private 192.168.0.0/16'),
  range('198.18.0.0/15', 'benchmarking 198.18.0.0/15'),
  range('198.51.100.0/24', 'documentation 198.51.100.0/24'),
  range('203.0.113.0/24', 'documentation 203.0.113.0/24'),
  range('224.0.0.0/4', 'multicast 224.0.0.0/4'),
  range('240.0.0.0/4', 'reserved 240.0.0.0/4 (with broadcast)'),
];

/** IPv6 space that is not the public internet (forms carrying an IPv4 address are decoded first). */
const IPV6: Range[] = [
  range('::/128', 'unspecified ::'),
  range('::1/128', 'loopback ::1'),
  range('100::/64', 'discard-only 100::/64'),
  range('2001:db8::/32', 'documentation 2001:db8::/32'),
  range('2001:10::/28', 'ORCHID 2001:10::/28'),
  range('2001:20::/28', 'ORCHIDv2 2001:20::/28'),
  range('3fff::/20', 'documentation 3fff::/20'),
  range('64:ff9b:1::/48', 'local-use NAT64 64:ff9b:1::/48'),
  range('fc00::/7', 'unique local fc00::/7'),
  range('fe80::/10', 'link-local fe80::/10'),
  range('fec0::/10', 'site-local fec0::/10'),
  range('ff00::/8', 'multicast ff00::/8'),
];

/** IPv6 prefixes whose addresses carry an IPv4 address, and where it sits (byte offset). */
const EMBEDDING: { range: Range; at: number; xor?: number }[] = [
  { range: range('::ffff:0:0/96', 'IPv4-mapped ::ffff:0:0/96'), at: 12 },
  { range: range('::ffff:0:0:0/96', 'IPv4-translated ::ffff:0:0:0/96'), at: 12 },
  { range: range('::/96', 'IPv4-compatible ::/96'), at: 12 },
  { range: range('64:ff9b::/96', 'NAT64 64:ff9b::/96'), at: 12 },
  { range: range('2002::/16', '6to4 2002::/16'), at: 2 },
  // Teredo: the server's IPv4 in clear, the client's inverted in the last 32 bits.
  { range: range('2001::/32', 'Teredo 2001::/32'), at: 4 },
  { range: range('2001::/32', 'Teredo 2001::/32 (client)'), at: 12, xor: 0xff },
];

/** Names that are never the public internet, whatever a resolver says. */
const RESERVED_SUFFIXES: [string, string][] = [
  ['localhost', 'localhost names are loopback (RFC 6761)'],
  ['local', '.local names are link-local multicast DNS (RFC 6762)'],
  ['internal', '.internal names are private by definition (cloud metadata names such as metadata.google.internal)'],
  ['home.arpa', '.home.arpa names are home networks (RFC 8375)'],
];

/** Why this IP address must not be requested, or undefined when it is a public address. */
export function blockedAddress(ip: string): string | undefined {
  const a = ip
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  const family = isIP(a);
  if (family === 4) return IPV4.find((r) => r.list.check(a, 'ipv4'))?.what;
  if (family !== 6) return undefined;
  const own = IPV6.find((r) => r.list.check(a, 'ipv6'))?.what;
  if (own) return own;
  for (const e of EMBEDDING) {
    if (!e.range.list.check(a, 'ipv6')) continue;
    const v4 = embeddedIpv4(a, e.at, e.xor);
    const why = v4 && IPV4.find((r) => r.list.check(v4, 'ipv4'))?.what;
    if (why) return `${e.range.what} carrying ${v4}: ${why}`;
  }
  return undefined;
}

/** Backwards-compatible yes/no form of blockedAddress. */
export function isPrivateAddress(ip: string): boolean {
  return blockedAddress(ip) !== undefined;
}

/**
 * Why this host name (as a URL's hostname: lower case, IPv4 forms such as 0x7f.1 or 2130706433
 * already normalised by the URL parser) must not be requested before any lookup, or undefined.
 */
export function blockedName(hostname: string): string | undefined {
  const h = hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  if (isIP(h)) return blockedAddress(h);
  for (const [suffix, why] of RESERVED_SUFFIXES) if (h === suffix || h.endsWith(`.${suffix}`)) return why;
  // A name without a dot is resolved with the local search domains: an intranet name.
  if (!h.includes('.')) return 'a single-label name is an intranet name';
  return undefined;
}

/** The 16 bytes of an IPv6 address (valid per net.isIP), for reading an embedded IPv4 address. */
export function ipv6Bytes(ip: string): Buffer {
  let a = ip;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) {
    const [p, q, r, s] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    a = `${a.slice(0, dotted.index)}${((p << 8) | q).toString(16)}:${((r << 8) | s).toString(16)}`;
  }
  const [head, tail] = a.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => {
    out.writeUInt16BE(parseInt(g || '0', 16), i * 2);
  });
  return out;
}

function embeddedIpv4(ip: string, at: number, xor = 0): string | undefined {
  const b = ipv6Bytes(ip).subarray(at, at + 4);
  return b.length === 4 ? [...b].map((x) => x ^ xor).join('.') : undefined;
}

/**
 * The same refusal as PAC-script source, `function govscanRefusedHost(host)`, for a Chromium
 * whose requests govscan cannot route through UrlPolicy (Lighthouse's): Chromium asks the PAC
 * script about every connection, preconnects and WebSockets included, and a refused one goes to
 * a closed port. A PAC script sees only the host, so it covers address literals and reserved
 * names, not names that resolve to a private address. IPv6 literals that carry an IPv4 address
 * (::/96 forms, NAT64, 6to4, Teredo) are refused whole: public servers are not addressed so.
 */
export function pacRefusedHostFunction(): string {
  const v4 = IPV4.map((r) => {
    const n = r.net.split('.').reduce((acc, x) => acc * 256 + Number(x), 0);
    return `[${n}, ${2 ** (32 - r.prefix)}]`;
  });
  const v6 = [
    '::',
    '100::',
    '2001:0:',
    '2001:db8:',
    '2002:',
    '3fff:',
    '64:ff9b:',
    'fc',
    'fd',
    'fe8',
    'fe9',
    'fea',
    'feb',
    'fec',
    'fed',
    'fee',
    'fef',
    'ff',
  ];
  const names = RESERVED_SUFFIXES.map(([suffix]) => suffix);
  return `function govscanRefusedHost(host) {
  var h = String(host).toLowerCase().replace(/^\\[|\\]$/g, '').replace(/\\.$/, '');
  var names = ${JSON.stringify(names)};
  for (var i = 0; i < names.length; i++) if (h === names[i] || h.slice(-names[i].length - 1) === '.' + names[i]) return true;
  if (/^\\d+\\.\\d+\\.\\d+\\.\\d+$/.test(h)) {
    var p = h.split('.'), n = ((+p[0] * 256 + +p[1]) * 256 + +p[2]) * 256 + +p[3];
    var v4 = [${v4.join(', ')}];
    for (var j = 0; j < v4.length; j++) if (n >= v4[j][0] && n < v4[j][0] + v4[j][1]) return true;
    return false;
  }
  if (h.indexOf('.') < 0 && h.indexOf(':') < 0) return true; // a single-label intranet name
  if (h.indexOf(':') >= 0) {
    var v6 = ${JSON.stringify(v6)};
    for (var k = 0; k < v6.length; k++) if (h.indexOf(v6[k]) === 0) return true;
  }
  return false;
}`;
}
