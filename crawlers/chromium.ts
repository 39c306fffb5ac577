/**
 * How govscan starts Debian's Chromium, for Playwright (crawl, verification) and chrome-launcher
 * (Lighthouse). One place for the flags: Chromium phones home (update, sync, connectivity checks)
 * unless told not to, and the fixture world must see no such traffic.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_QUIET_FLAGS = [
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
