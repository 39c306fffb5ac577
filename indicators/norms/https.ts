import { defineIndicator } from '../define.js';
import { absent, plainEvidence, present, unknown } from '../support/evidence.js';

export default defineIndicator({
  id: 'https',
  dimension: 'norms',
  order: 6,
  name: { zh: 'HTTPS', en: 'HTTPS' },
  measures:
    'From the TLS probe: an https connection is possible, the certificate is valid for the host, http:// redirects to https://, and an HSTS header is sent.',
  standard: '《政府网站集约化试点工作方案》/ GSA Site Scanning (HTTPS, HSTS).',
  presentMeans:
    'HTTPS works with a valid certificate. Redirect and HSTS are reported in the value. A failing or missing certificate on a site whose homepage could not be read (down, blocked, denied) is unknown, not absent.',
  valueFields: {
    httpsAvailable: 'https connection possible',
    certValid: 'certificate valid',
    redirectsToHttps: 'http redirects to https',
    hsts: 'Strict-Transport-Security sent',
    certError: 'why the certificate is invalid',
  },
  needs: ['probes'],
  detect(site, { blocker }) {
    const t = site.probes.tls;
    if (!t) return unknown('The TLS probe did not run for this site.');
    const value = {
      httpsAvailable: t.httpsAvailable,
      certValid: t.certValid,
      redirectsToHttps: t.redirectsToHttps === true,
      hsts: !!t.hsts,
      ...(t.certError ? { certError: t.certError } : {}),
    };
    const ev = [
      plainEvidence('probe', `https://${new URL(site.locality.portalUrl).hostname}/`, {
        pattern: 'tls',
        snippet: `available=${t.httpsAvailable} valid=${t.certValid}${t.certError ? ` (${t.certError})` : ''} redirect=${t.redirectsToHttps ?? '?'} hsts=${t.hsts ?? 'none'} issuer=${t.issuer ?? '?'} validTo=${t.validTo ?? '?'}`,
        fetchedAt: t.fetchedAt,
      }),
    ];
    // "No connection" because the attempt timed out or was cut says nothing about HTTPS.
    if (
      !t.httpsAvailable &&
      /time(d)?\s*out|ETIMEDOUT|ECONNRESET|reset|socket hang up|EAI_AGAIN/i.test(t.certError ?? '')
    )
      return unknown(`The https attempt did not complete: ${t.certError}.`, ev, value);
    if (t.httpsAvailable && t.certValid)
      return present(
        value,
        0.95,
        `HTTPS with a valid certificate${value.redirectsToHttps ? ', http redirects to https' : ', no redirect from http'}${value.hsts ? ', HSTS' : ''}.`,
        ev,
      );
    // A site that is down, blocked or refusing us cannot show it lacks HTTPS: the failed handshake or
    // self-signed answer may come from a WAF/placeholder in front of the portal, not the portal.
    if (blocker)
      return unknown(
        `${blocker}; the https probe answered ${t.httpsAvailable ? `with an invalid certificate (${t.certError ?? 'unknown reason'})` : 'no connection'}.`,
        ev,
        value,
      );
    return absent(
      value,
      0.9,
      t.httpsAvailable
        ? `HTTPS answers but the certificate is invalid: ${t.certError ?? 'unknown reason'}.`
        : 'No HTTPS connection possible.',
      ev,
    );
  },
});
