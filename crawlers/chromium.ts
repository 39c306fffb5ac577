/**
 * How govscan starts Debian's Chromium, for Playwright (crawl, verification) and chrome-launcher
 * (Lighthouse). One place for the flags: Chromium phones home (update, sync, connectivity checks)
 * unless told not to, and the fixture world must see no such traffic.
 */
import { existsSync } from 'node:fs';

/**
 * Hosts Chromium contacts by itself even with the flags below (measured: update.googleapis.com
 * component updates, accounts.google.com sign-in checks). They are resolved to "not found"
 * inside Chromium; with a proxy they must also bypass it (see chromiumProxy) or the proxy sees them.
 */
export const CHROMIUM_PHONE_HOME_HOSTS = ['*.google.com', '*.googleapis.com', '*.gstatic.com', '*.googleusercontent.com'];

export const CHROMIUM_QUIET_FLAGS = [
  `--host-resolver-rules=${CHROMIUM_PHONE_HOME_HOSTS.map((h) => `MAP ${h} ~NOTFOUND`).join(', ')}`,
  '--headless=new',
  '--no-sandbox', // govscan often runs as root in containers/CI
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-breakpad',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,CalculateNativeWinOcclusion,DialMediaRouteProvider,NetworkTimeServiceQuerying,SafeBrowsing',
  '--metrics-recording-only',
  '--mute-audio',
  '--password-store=basic',
  '--use-mock-keychain',
];

export function chromiumPath(configured?: string): string {
  const p = process.env.GOVSCAN_CHROMIUM ?? configured ?? '/usr/bin/chromium';
  if (!existsSync(p))
    throw new Error(`Chromium not found at ${p}: run "npm run setup" (installs Debian's chromium) or set GOVSCAN_CHROMIUM`);
  return p;
}

/** Playwright proxy settings for Chromium: the phone-home hosts bypass the proxy and die in the resolver rules. */
export function chromiumProxy(server: string | undefined): { server: string; bypass: string } | undefined {
  return server ? { server, bypass: CHROMIUM_PHONE_HOME_HOSTS.join(',') } : undefined;
}
