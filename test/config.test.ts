import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig, userAgent } from '../src/config/config.js';

describe('config', () => {
  it('has defaults that follow the national checklist', () => {
    const c = parseConfig({});
    expect(c.thresholds.homepageStaleDays).toBe(14);
    expect(c.thresholds.replyOverdueDays).toBe(90);
    expect(c.crawl.perHostConcurrency).toBe(1);
    expect(userAgent(c)).toContain(c.crawl.contactUrl);
  });

  it('names the path of every bad value', () => {
    expect(() => parseConfig({ crawl: { pagesPerSite: 0, bogus: 1 }, thresholds: { homepageStaleDays: 'x' } })).toThrow(ConfigError);
    try {
      parseConfig({ crawl: { pagesPerSite: 0 }, thresholds: { homepageStaleDays: 'x' } }, 'my.json');
    } catch (e) {
      const err = e as ConfigError;
      expect(err.message).toContain('invalid config my.json');
      expect(err.problems.some((p) => p.startsWith('crawl.pagesPerSite:'))).toBe(true);
      expect(err.problems.some((p) => p.startsWith('thresholds.homepageStaleDays:'))).toBe(true);
    }
    expect(() => parseConfig({ crawl: { bogus: 1 } })).toThrow(/crawl: Unrecognized key/);
  });

  it('merges a file over the defaults and CLI overrides over the file; reports unreadable or invalid JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'govscan-config-'));
    const f = join(dir, 'c.json');
    writeFileSync(f, JSON.stringify({ crawl: { pagesPerSite: 12 }, network: { proxy: 'http://127.0.0.1:1' } }));
    const c = loadConfig(f, { network: { proxy: 'http://127.0.0.1:2' } });
    expect(c.crawl.pagesPerSite).toBe(12);
    expect(c.crawl.maxDepth).toBe(2);
    expect(c.network.proxy).toBe('http://127.0.0.1:2');
    writeFileSync(f, '{ nope');
    expect(() => loadConfig(f)).toThrow(/invalid config .*c\.json:\n\s+not valid JSON/);
    expect(() => loadConfig(join(dir, 'missing.json'))).toThrow(/cannot read file/);
  });
});
