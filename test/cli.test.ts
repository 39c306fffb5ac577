/** The command line as a user meets it: help, bad input named precisely, exit codes, the lock. */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(__dirname, '..', 'src', 'cli', 'govscan.mjs');
const govscan = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
const dir = mkdtempSync(join(tmpdir(), 'govscan-cli-'));

describe('govscan CLI', () => {
  it('lists the registry as JSON with filters', () => {
    const r = govscan('sites', '--province', '西藏', '--json');
    expect(r.status).toBe(0);
    const sites = JSON.parse(r.stdout) as { code: string; province: string }[];
    expect(sites).toHaveLength(7);
    expect(sites.every((s) => s.province === '西藏自治区')).toBe(true);
  });

  it('rejects a malformed registry before any request, naming file, line and column (exit 2)', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'code,name,province,kind,portal_url,url_source\n510100,成都市,四川省,prefecture_city,not-a-url,x\n',
    );
    const r = govscan('crawl', '--registry', bad, '--db', join(dir, 'a.db'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}:2 column "portal_url": must be an absolute http(s) URL`);
  });

  it('rejects a bad config with the path of the bad value (exit 2)', () => {
    const cfg = join(dir, 'bad.json');
    writeFileSync(cfg, JSON.stringify({ crawl: { pagesPerSite: -1 } }));
    const r = govscan('crawl', '--config', cfg, '--db', join(dir, 'b.db'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/invalid config .*bad\.json:\n\s+crawl\.pagesPerSite:/);
  });

  it('refuses to start while another live run holds the lock (exit 3)', async () => {
    const db = join(dir, 'locked.db');
    writeFileSync(`${db}.lock`, `${process.pid}\n`); // this test process is alive
    // The proxy must accept connections (flags are checked before the lock); nothing is sent to it.
    const proxy = createServer().listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    const r = govscan(
      'crawl',
      '--code',
      '510100',
      '--db',
      db,
      '--proxy',
      `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    );
    proxy.close();
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/another govscan run \(pid \d+\) holds/);
  });

  it('says what is wrong with usage (exit 2) and has help on every command', () => {
    expect(govscan('crawl', '--limit', 'x', '--db', join(dir, 'c.db')).status).toBe(2);
    expect(govscan('replay', '--db', join(dir, 'd.db')).stderr).toContain('give <run> <site>, or --bundle <file>');
    for (const cmd of ['crawl', 'analyze', 'export', 'replay']) {
      const r = govscan(cmd, '--help');
      expect(r.status, cmd).toBe(0);
      expect(r.stdout, cmd).toContain(`Usage: govscan ${cmd}`);
    }
    const overview = govscan('--help');
    for (const cmd of [
      'sites',
      'crawl',
      'check',
      'analyze',
      'score',
      'export',
      'report',
      'runs',
      'diff',
      'replay',
      'bundle',
      'audit',
      'fixtures',
      'demo',
      'eval',
      'bench',
    ])
      expect(overview.stdout).toMatch(new RegExp(`^  ${cmd} `, 'm'));
  }, 180_000);

  it('--resume with nothing to resume is a clear usage error', () => {
    const r = govscan('crawl', '--resume', '--db', join(dir, 'empty.db'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no unfinished crawl run to resume');
  });
});
