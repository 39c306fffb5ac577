import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig, userAgent } from '../src/config/config.js';
import { allowListHeaders } from '../src/config/identity.js';
import { DEFAULT_WEIGHTS_FILE, parseWeights } from '../src/scoring/weights.js';
import { thrownProblems } from './helpers/problems.js';

/** Dotted paths of every numeric field, read off the defaults. */
function numericPaths(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'number'
      ? [`${prefix}${k}`]
      : v && typeof v === 'object' && !Array.isArray(v)
        ? numericPaths(v as Record<string, unknown>, `${prefix}${k}.`)
        : [],
  );
}
function withValue(path: string, value: unknown): Record<string, unknown> {
  return path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}
const problemsOf = (input: unknown) => thrownProblems(() => parseConfig(input, 'bounds.json'));

describe('config', () => {
  it('has defaults that follow the national checklist', () => {
    const c = parseConfig({});
    expect(c.thresholds.homepageStaleDays).toBe(14);
    expect(c.thresholds.replyOverdueDays).toBe(90);
    expect(c.crawl.perHostConcurrency).toBe(1);
    expect(userAgent(c)).toContain(c.crawl.contactUrl);
  });

  it('waits long enough for far-away portals: 30 s to the first byte, 45 s for the load; requestTimeoutSecs still sets both', () => {
    const c = parseConfig({});
    expect([c.crawl.firstByteTimeoutSecs, c.crawl.loadTimeoutSecs]).toEqual([30, 45]);
    const old = parseConfig({ crawl: { requestTimeoutSecs: 3 } }).crawl;
    expect([old.firstByteTimeoutSecs, old.loadTimeoutSecs]).toEqual([3, 3]);
    const mixed = parseConfig({ crawl: { requestTimeoutSecs: 10, firstByteTimeoutSecs: 5 } }).crawl;
    expect([mixed.firstByteTimeoutSecs, mixed.loadTimeoutSecs]).toEqual([5, 10]);
    // A long first-byte allowance lifts the default load with it; an explicit shorter load is an error.
    expect(parseConfig({ crawl: { firstByteTimeoutSecs: 60 } }).crawl.loadTimeoutSecs).toBe(60);
    expect(problemsOf({ crawl: { firstByteTimeoutSecs: 60, loadTimeoutSecs: 20 } })).toEqual([
      'crawl.loadTimeoutSecs: loadTimeoutSecs must be at least firstByteTimeoutSecs (the load includes the wait for the first byte)',
    ]);
    // The stored (parsed) config parses again to the same values (resume, replay).
    expect(parseConfig(JSON.parse(JSON.stringify(parseConfig({ crawl: { requestTimeoutSecs: 7 } }))))).toEqual(
      parseConfig({ crawl: { requestTimeoutSecs: 7 } }),
    );
  });

  it('takes a vantage label and an allow-list header, refusing header names and values that could inject or replace headers', () => {
    const c = parseConfig({
      network: { vantage: 'beijing-idc-1', allowListHeader: { name: 'X-Govscan-Scanner', value: 'tok en-1' } },
    });
    expect(c.network.vantage).toBe('beijing-idc-1');
    expect(allowListHeaders(c)).toEqual({ 'x-govscan-scanner': 'tok en-1' });
    expect(parseConfig({}).network.vantage).toBe('unspecified');
    expect(allowListHeaders(parseConfig({}))).toEqual({});
    const bad = (allowListHeader: unknown) => problemsOf({ network: { allowListHeader } });
    expect(bad({ name: 'X-Ok', value: 'a\r\nSet-Cookie: x=1' })[0]).toMatch(
      /^network\.allowListHeader\.value: .*no line breaks/,
    );
    expect(bad({ name: 'X Bad', value: 'v' })[0]).toMatch(/^network\.allowListHeader\.name: must be a header name/);
    expect(bad({ name: 'X-Ok\r\n', value: 'v' })).toHaveLength(1);
    expect(bad({ name: 'User-Agent', value: 'v' })[0]).toMatch(/govscan sets itself/);
    expect(bad({ name: 'X-Ok', value: ' padded ' })).toHaveLength(1);
    expect(bad({ name: 'X-Ok' })).toHaveLength(1);
    expect(problemsOf({ network: { vantage: 'two\nlines' } })[0]).toMatch(/^network\.vantage: must be one line/);
  });

  it('names the path of every bad value', () => {
    expect(() => parseConfig({ crawl: { pagesPerSite: 0, bogus: 1 }, thresholds: { homepageStaleDays: 'x' } })).toThrow(
      ConfigError,
    );
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

  it("bounds every number above and below, naming field, value and range; timers stay under Node's 2^31−1 ms", () => {
    const paths = numericPaths(parseConfig({}) as unknown as Record<string, unknown>);
    expect(paths.length).toBeGreaterThan(25);
    for (const path of paths) {
      const [problem, ...rest] = problemsOf(withValue(path, 1e12));
      expect(rest, path).toEqual([]);
      expect(problem, path).toMatch(
        new RegExp(`^${path.replace(/\./g, '\\.')}: must be between \\S+ and \\S+.* \\(got 1000000000000\\)$`),
      );
      const [, max, unit] = /between \S+ and (\S+)( s| ms)?/.exec(problem!)!;
      const maxMs = Number(max) * (unit === ' s' ? 1000 : 1);
      if (unit) expect(maxMs, path).toBeLessThanOrEqual(2 ** 31 - 1);
      expect(problemsOf(withValue(path, -1)), path).toHaveLength(1);
    }
    // JSON's 1e400 parses to Infinity: named, not a crash or a timer firing at once.
    expect(problemsOf(JSON.parse('{"crawl":{"requestTimeoutSecs":1e400}}'))).toEqual([
      'crawl.requestTimeoutSecs: must be a finite number between 1 and 600 s (got Infinity)',
    ]);
    expect(problemsOf({ crawl: { siteConcurrency: 2.5 } })).toEqual([
      'crawl.siteConcurrency: must be a whole number between 1 and 512 (got 2.5)',
    ]);
  });

  it('a crawl with an out-of-range timeout exits 2 before any request, naming field, value and range', () => {
    const dir = mkdtempSync(join(tmpdir(), 'govscan-config-'));
    const cfg = join(dir, 'huge.json');
    writeFileSync(cfg, JSON.stringify({ crawl: { requestTimeoutSecs: 1e12 } }));
    const cli = join(__dirname, '..', 'src', 'cli', 'govscan.mjs');
    const r = spawnSync(
      process.execPath,
      [cli, 'crawl', '--config', cfg, '--db', join(dir, 'x.db'), '--code', '510100'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`invalid config ${cfg}:`);
    expect(r.stderr).toContain('crawl.requestTimeoutSecs: must be between 1 and 600 s (got 1000000000000)');
  }, 90_000);

  it("bounds the scoring weights' numbers too", () => {
    const raw = () => JSON.parse(readFileSync(DEFAULT_WEIGHTS_FILE, 'utf8'));
    const bad = raw();
    bad.dimensions[0].subs[0].refs[0].weight = 1e12;
    bad.deductions.cap = 1e12;
    expect(() => parseWeights(bad, 'w.json')).toThrow(/dimensions\.0\.subs\.0\.refs\.0\.weight[\s\S]*deductions\.cap/);
    expect(() => parseWeights(raw(), 'w.json')).not.toThrow();
  });
});
