// A stopped audit launches no browser: sites queued behind a Ctrl-C must not start a Chromium nobody closes.
import { describe, expect, it } from 'vitest';
import { BrowserPool, browserOptionsFrom } from '../crawlers/verify/index.js';
import { LighthouseRunner, lighthouseOptionsFrom } from '../src/audit/lighthouse.js';
import { parseConfig } from '../src/config/config.js';

const cfg = parseConfig({ network: { allowPrivateNetworks: true } });

describe('stopping the audit browsers', () => {
  it('a stopped Lighthouse runner answers queued audits at once, without a browser', async () => {
    const lh = new LighthouseRunner({ ...lighthouseOptionsFrom(cfg), lockFile: undefined });
    await lh.stop();
    const r = await lh.audit('http://127.0.0.1:9/');
    expect(r).toMatchObject({ status: 'error', error: expect.stringMatching(/stopped/) });
    expect((lh as unknown as { chrome?: unknown }).chrome).toBeUndefined();
  });

  it('a stopped verification pool opens no new context', async () => {
    const pool = new BrowserPool(browserOptionsFrom(cfg));
    await pool.stop();
    await expect(pool.newContext()).rejects.toThrow(/stopped/);
    expect((pool as unknown as { current?: unknown }).current).toBeUndefined();
  });
});
