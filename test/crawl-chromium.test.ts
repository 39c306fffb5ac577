// Chromium's switches: one merged --disable-features list (Chromium honours only the last one, and
// the launchers put theirs first), kept in step with the installed Playwright and chrome-launcher,
// and the PAC proxy policy. (Through the fixture proxy: test/crawl-world.test.ts.)
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Launcher } from 'chrome-launcher';
import { describe, expect, it } from 'vitest';
import {
  CHROMIUM_QUIET_FLAGS,
  chromiumArgs,
  chromiumProxySwitch,
  isHeadlessShell,
  LAUNCHER_DISABLED_FEATURES,
  shellProxySwitches,
} from '../crawlers/chromium.js';

const disabled = (args: readonly string[]) => {
  const all = args.filter((a) => a.startsWith('--disable-features='));
  expect(all).toHaveLength(1);
  return all[0]!.slice('--disable-features='.length).split(',');
};

/** Playwright's own disabled features, read from the installed playwright-core. */
function installedPlaywrightFeatures(): string[] {
  const root = dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
  const file = [join(root, 'lib/coreBundle.js'), join(root, 'lib/server/chromium/chromiumSwitches.js')].find(
    existsSync,
  );
  if (!file) throw new Error(`cannot find Playwright's chromium switches under ${root}`);
  const src = readFileSync(file, 'utf8');
  const m = /disabledFeatures\s*=\s*\[([\s\S]*?)\]\s*\.filter/.exec(src);
  if (!m) throw new Error(`Playwright's disabledFeatures list not found in ${file}`);
  return [...m[1]!.replace(/\/\/.*$/gm, '').matchAll(/["']([A-Za-z0-9]+)["']/g)].map((x) => x[1]!);
}

describe('chromium switches', () => {
  it("repeat the launchers' own --disable-features lists (kept in step with the installed versions)", () => {
    const pw = installedPlaywrightFeatures();
    expect(pw.length).toBeGreaterThan(5);
    expect(LAUNCHER_DISABLED_FEATURES.playwright).toEqual(expect.arrayContaining(pw));
    const cl = Launcher.defaultFlags()
      .find((f) => f.startsWith('--disable-features='))!
      .split('=')[1]!
      .split(',');
    expect(LAUNCHER_DISABLED_FEATURES['chrome-launcher']).toEqual(expect.arrayContaining(cl));
  });

  it("give Chromium one merged --disable-features switch with ours and the caller's", () => {
    const pw = disabled(chromiumArgs('playwright', { disableFeatures: ['MixedFormsInterstitial'] }));
    expect(pw).toEqual(
      expect.arrayContaining([
        'PaintHolding',
        'AvoidCorsURLLoaderRestartOnRedirect',
        'SafeBrowsing',
        'Translate',
        'MixedFormsInterstitial',
      ]),
    );
    expect(new Set(pw).size).toBe(pw.length);
    const cl = chromiumArgs('chrome-launcher');
    expect(disabled(cl)).toEqual(expect.arrayContaining(['RenderDocument', 'PrivacySandboxSettings4', 'SafeBrowsing']));
    expect(cl).toContain('--headless=new');
    expect(chromiumArgs('playwright').some((a) => a.startsWith('--headless'))).toBe(false);
    expect(disabled(CHROMIUM_QUIET_FLAGS)).toEqual(expect.arrayContaining(['PaintHolding', 'SafeBrowsing']));
  });

  it("route through the proxy with a PAC script that sends Chromium's home domains to a closed local port", () => {
    const pac = (proxy?: string) => {
      const sw = chromiumProxySwitch(proxy);
      expect(sw.startsWith('--proxy-pac-url=data:application/x-ns-proxy-autoconfig;base64,')).toBe(true);
      const src = Buffer.from(sw.split('base64,')[1]!, 'base64').toString();
      return new Function(`${src}; return FindProxyForURL;`)() as (url: string, host: string) => string;
    };
    const viaProxy = pac('http://127.0.0.1:3128');
    expect(viaProxy('http://www.beijing.gov.cn/', 'www.beijing.gov.cn')).toBe('PROXY 127.0.0.1:3128');
    for (const h of [
      'google.com',
      'accounts.google.com',
      'update.googleapis.com',
      'redirector.gvt1.com',
      'fonts.gstatic.com',
    ])
      expect(viaProxy(`https://${h}/`, h)).toBe('PROXY 127.0.0.1:9');
    expect(viaProxy('http://notgoogle.com/', 'notgoogle.com')).toBe('PROXY 127.0.0.1:3128');
    expect(pac()('http://www.beijing.gov.cn/', 'www.beijing.gov.cn')).toBe('DIRECT');
    expect(() => chromiumProxySwitch('http://u:p@proxy:3128')).toThrow(/credentials/);
  });

  it('give chromium-headless-shell (no PAC) the proxy as a switch, bypassing each home domain and its subdomains', () => {
    const args = chromiumArgs('playwright', { proxy: 'http://127.0.0.1:3128', headlessShell: true });
    expect(args.some((a) => a.startsWith('--proxy-pac-url'))).toBe(false);
    expect(args).toContain('--proxy-server=http://127.0.0.1:3128');
    const bypass = args
      .find((a) => a.startsWith('--proxy-bypass-list='))!
      .split('=')[1]!
      .split(';');
    expect(bypass).toEqual(expect.arrayContaining(['google.com', '*.google.com', 'gvt1.com', '*.gvt1.com']));
    // Bypassed hosts are looked up directly, where the resolver rules fail them.
    expect(args.find((a) => a.startsWith('--host-resolver-rules='))).toContain('MAP *.gvt1.com ~NOTFOUND');
    expect(shellProxySwitches()).toEqual([]);
    expect(() => chromiumArgs('playwright', { headlessShell: true, refusePrivateAddresses: true })).toThrow(/PAC/);
    expect(isHeadlessShell('/usr/lib/chromium/chromium-headless-shell')).toBe(true);
    expect(isHeadlessShell('/usr/bin/chromium')).toBe(false);
  });
});
