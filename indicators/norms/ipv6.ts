import { defineIndicator } from '../define.js';
import { absent, plainEvidence, present, unknown } from '../support/evidence.js';

export default defineIndicator({
  id: 'ipv6',
  dimension: 'norms',
  order: 7,
  name: { zh: 'IPv6 支持', en: 'IPv6 support' },
  measures:
    'From the DNS probe (configurable resolver): AAAA records of the portal host and, when attempted, whether an IPv6 connection succeeded.',
  standard: '《推进互联网协议第六版(IPv6)规模部署行动计划》: 85% of county-level-and-above portals by 2022.',
  presentMeans: 'The portal host has an AAAA record and IPv6 was not found unreachable.',
  valueFields: { aaaa: 'IPv6 addresses', reachable: 'IPv6 connection succeeded (absent when not attempted)' },
  needs: ['probes'],
  detect(site) {
    const d = site.probes.dns;
    if (!d) return unknown('The DNS probe did not run for this site.');
    const host = new URL(site.locality.portalUrl).hostname;
    const value = { aaaa: d.aaaa, ...(d.ipv6Reachable !== undefined ? { reachable: d.ipv6Reachable } : {}) };
    const ev = [
      plainEvidence('probe', `dns:${host}`, {
        pattern: `resolver ${d.resolver}`,
        snippet: `A=${d.a.join(',') || '-'} AAAA=${d.aaaa.join(',') || '-'}${d.error ? ` error=${d.error}` : ''}${d.ipv6Reachable !== undefined ? ` v6reachable=${d.ipv6Reachable}` : ''}`,
        fetchedAt: d.fetchedAt,
      }),
    ];
    if (!d.aaaa.length && !d.a.length && d.error) return unknown(`DNS lookup failed: ${d.error}.`, ev, value);
    if (!d.aaaa.length) return absent(value, 0.9, `${host} has no AAAA record.`, ev);
    if (d.ipv6Reachable === false)
      return absent(value, 0.8, `${host} has AAAA ${d.aaaa[0]} but the IPv6 connection failed.`, ev);
    return present(
      value,
      d.ipv6Reachable ? 0.95 : 0.85,
      `${host} has AAAA ${d.aaaa.join(', ')}${d.ipv6Reachable ? ', reachable over IPv6' : ''}.`,
      ev,
    );
  },
});
