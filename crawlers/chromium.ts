/**
 * How govscan starts Debian's Chromium, for Playwright (crawl, verification) and chrome-launcher
 * (Lighthouse). One place for the flags and the proxy policy: Chromium phones home (component
 * updates, sign-in checks, connectivity probes) unless told not to, and neither the fixture world
 * nor a real upstream proxy may see that traffic.
 *
 * Launch with `chromiumArgs(launcher, { proxy })`: it returns the quiet flags, the proxy switch and
 * one merged `--disable-features` list (see below).
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { pacRefusedHostFunction } from './http/address-policy.js';

/**
 * Domains only Chromium itself talks to (measured through the fixture proxy: update.googleapis.com,
 * accounts.google.com, redirector.gvt1.com, clients2.google.com…); each covers its subdomains.
 * Government portals do not depend on them (they are unreachable from China anyway).
 */
export const CHROMIUM_HOME_DOMAINS = [
  'google.com',
  'googleapis.com',
  'gstatic.com',
  'gvt1.com',
  'gvt2.com',
  'googleusercontent.com',
  'chromium.org',
];

/**
 * Features disabled for quiet: no translation, optimisation hints, cast discovery, autofill
 * server, CT list updates, network-time queries or Safe Browsing lookups. And no WebUI omnibox
 * pop-ups: Chromium 15x preloads two of them (each a renderer process) in every new window, and
 * headless Chromium opens a window per browser context — measured at about 0.7 s of CPU per
 * homepage render, more than the page itself.
 */
export const QUIET_DISABLED_FEATURES = [
  'Translate',
  'OptimizationHints',
  'MediaRouter',
  'DialMediaRouteProvider',
  'AutofillServerCommunication',
  'CertificateTransparencyComponentUpdater',
  'InterestFeedContentSuggestions',
  'CalculateNativeWinOcclusion',
  'NetworkTimeServiceQuerying',
  'SafeBrowsing',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
];

/**
 * Chromium honours only the LAST `--disable-features` switch, and both launchers put their own
 * list before ours. So our switch must repeat theirs, or e.g. Playwright's `PaintHolding` /
 * `AvoidCorsURLLoaderRestartOnRedirect` (which its request interception relies on) and
 * Lighthouse's `RenderDocument` workaround would silently be switched back on.
 * Copies of playwright-core 1.65.1 (chromiumSwitches.ts) and chrome-launcher 1.2.1
 * (DEFAULT_FLAGS); test/crawl-chromium.test.ts fails when an upgrade changes them.
 */
export const LAUNCHER_DISABLED_FEATURES = {
  playwright: [
    'AvoidUnnecessaryBeforeUnloadCheckSync',
    'DestroyProfileOnBrowserClose',
    'HttpsUpgrades',
    'HttpsFirstBalancedModeAutoEnable',
    'LensOverlay',
    'MediaRouter',
    'PaintHolding',
    'ThirdPartyStoragePartitioning',
    'AvoidCorsURLLoaderRestartOnRedirect',
    'TcpPortRandomizationWin',
    'OptimizationHints',
    'NetworkTimeServiceQuerying',
    'AimEnabled',
    'PreconnectToSearch',
    'msForceBrowserSignIn',
    'msEdgeUpdateLaunchServicesPreferredVersion',
  ],
  'chrome-launcher': [
    'Translate',
    'OptimizationHints',
    'MediaRouter',
    'DialMediaRouteProvider',
    'CalculateNativeWinOcclusion',
    'InterestFeedContentSuggestions',
    'CertificateTransparencyComponentUpdater',
    'AutofillServerCommunication',
    'PrivacySandboxSettings4',
    'RenderDocument',
  ],
} as const;

export type ChromiumLauncher = keyof typeof LAUNCHER_DISABLED_FEATURES;

/** `--disable-features=` with the launcher's own list, ours and `extra`, without duplicates. */
export function disableFeaturesSwitch(launcher: ChromiumLauncher, extra: readonly string[] = []): string {
  return `--disable-features=${[...new Set([...LAUNCHER_DISABLED_FEATURES[launcher], ...QUIET_DISABLED_FEATURES, ...extra])].join(',')}`;
}

/** Belt and braces for launches without the PAC switch: the home domains do not even resolve. */
const HOST_RESOLVER_RULES = `--host-resolver-rules=${CHROMIUM_HOME_DOMAINS.flatMap((d) => [`MAP ${d} ~NOTFOUND`, `MAP *.${d} ~NOTFOUND`]).join(', ')}`;

const BASE_FLAGS = [
  HOST_RESOLVER_RULES,
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
  '--metrics-recording-only',
  '--mute-audio',
  '--password-store=basic',
  '--use-mock-keychain',
];

/**
 * The quiet flags for a Playwright launch without a proxy policy (tests, reports). Prefer
 * `chromiumArgs`, which also keeps Chromium's own traffic off the proxy.
 */
export const CHROMIUM_QUIET_FLAGS = [...BASE_FLAGS, '--headless=new', disableFeaturesSwitch('playwright')];

/**
 * Every switch govscan gives Chromium: quiet flags, one merged `--disable-features` list (with
 * `disableFeatures` added) and the proxy policy (`chromiumProxySwitch`). Playwright adds
 * `--headless` itself; chrome-launcher needs it here. Do not also pass Playwright's `proxy`
 * launch option: its `--proxy-server` would compete with the PAC script.
 */
export function chromiumArgs(
  launcher: ChromiumLauncher,
  opts: {
    proxy?: string;
    disableFeatures?: readonly string[];
    refusePrivateAddresses?: boolean;
    /** The binary is Debian's chromium-headless-shell (isHeadlessShell): it takes no PAC script. */
    headlessShell?: boolean;
  } = {},
): string[] {
  if (opts.headlessShell && opts.refusePrivateAddresses)
    throw new Error('refusePrivateAddresses needs a PAC script, which chromium-headless-shell does not take');
  return [
    ...BASE_FLAGS,
    ...(launcher === 'chrome-launcher' ? ['--headless=new'] : []),
    disableFeaturesSwitch(launcher, opts.disableFeatures),
    ...(opts.headlessShell
      ? shellProxySwitches(opts.proxy)
      : [chromiumProxySwitch(opts.proxy, opts.refusePrivateAddresses)]),
  ];
}

/**
 * The proxy policy for chromium-headless-shell, which ignores a PAC script (measured: every
 * request then went direct): the proxy as `--proxy-server`, and the home domains, apex and
 * subdomains each named, bypassed to a direct lookup that HOST_RESOLVER_RULES fails.
 */
export function shellProxySwitches(proxy?: string): string[] {
  if (!proxy) return [];
  const u = checkedProxy(proxy);
  const bypass = CHROMIUM_HOME_DOMAINS.flatMap((d) => [d, `*.${d}`]).join(';');
  return [`--proxy-server=${u.protocol}//${u.host}`, `--proxy-bypass-list=${bypass}`];
}

/** Discard port on loopback: connections are refused at once and never leave the machine. */
const BLACKHOLE = 'PROXY 127.0.0.1:9';

/**
 * The proxy policy, as a PAC script: the home domains (apex and subdomains) go to a closed
 * loopback port, everything else to the configured proxy (or direct). Why PAC rather than
 * Playwright's `proxy.bypass` + `--host-resolver-rules`: a bypass list only covers the patterns
 * it names (`*.google.com` misses google.com itself; gvt1.com was missing), and measured through
 * the fixture proxy those requests then reached it; the PAC script decides every request in one
 * place, with or without a proxy. Proxies with credentials cannot be expressed in PAC.
 * `refusePrivateAddresses` sends private address literals and reserved names to the closed port
 * too (address-policy.ts), for a browser whose requests govscan cannot check one by one.
 */
export function chromiumProxySwitch(proxy?: string, refusePrivateAddresses = false): string {
  let route = 'DIRECT';
  if (proxy) {
    const u = checkedProxy(proxy);
    route = `${u.protocol === 'https:' ? 'HTTPS' : 'PROXY'} ${u.host}`;
  }
  const domains = CHROMIUM_HOME_DOMAINS.map((h) => h.replace(/\./g, '\\.')).join('|');
  const pac = `function FindProxyForURL(url, host) {
  if (/(^|\\.)(${domains})$/i.test(host)) return "${BLACKHOLE}";${refusePrivateAddresses ? `\n  if (govscanRefusedHost(host)) return "${BLACKHOLE}";` : ''}
  return "${route}";
}${refusePrivateAddresses ? `\n${pacRefusedHostFunction()}` : ''}`;
  return `--proxy-pac-url=data:application/x-ns-proxy-autoconfig;base64,${Buffer.from(pac).toString('base64')}`;
}

/** An http(s) proxy without credentials: what both proxy switches can express. */
function checkedProxy(proxy: string): URL {
  const u = new URL(proxy);
  if (u.username || u.password)
    throw new Error(
      `network.proxy ${u.host}: proxies with credentials are not supported for Chromium (a PAC script cannot carry them)`,
    );
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new Error(`network.proxy ${proxy}: only http:// or https:// proxies are supported for Chromium`);
  return u;
}

export function isHeadlessShell(executablePath: string): boolean {
  return /headless[-_]shell/.test(basename(executablePath));
}

/**
 * The binary for the crawl's homepage renders: Debian's chromium-headless-shell when installed
 * (measured on the county fixture sites: about half the CPU of a render in full headless
 * Chromium, which opens a window per context), else full Chromium. GOVSCAN_CHROMIUM, when set,
 * is used for every launch.
 */
export function renderChromiumPath(network: { chromiumPath?: string; headlessShellPath?: string }): string {
  const shell = network.headlessShellPath;
  if (!process.env.GOVSCAN_CHROMIUM && shell && existsSync(shell)) return shell;
  return chromiumPath(network.chromiumPath);
}

export function chromiumPath(configured?: string): string {
  const p = process.env.GOVSCAN_CHROMIUM ?? configured ?? '/usr/bin/chromium';
  if (!existsSync(p))
    throw new Error(
      `Chromium not found at ${p}: run "npm run setup" (installs Debian's chromium) or set GOVSCAN_CHROMIUM`,
    );
  return p;
}
