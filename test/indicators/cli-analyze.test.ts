import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGE_INDICATORS } from '../../indicators/index.js';
import { pageFile } from './helpers.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../src/cli/govscan.mjs', import.meta.url));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

type Out = Awaited<ReturnType<typeof cli>>;
const DIR = fileURLToPath(new URL('../pages/', import.meta.url));

describe('govscan analyze', () => {
  // The CLI starts through tsx (seconds each on a shared machine): run the four calls at once.
  let one: Out, folder: Out, table: Out, missing: Out;
  beforeAll(async () => {
    [one, folder, table, missing] = await Promise.all([
      cli(['analyze', pageFile('trs-portal.html'), '--url', 'https://www.chengdu.gov.cn/', '--json']),
      cli(['analyze', DIR, '--json']),
      cli(['analyze', pageFile('gbk-meta-only.html'), '--url', 'https://www.example.gov.cn/']),
      cli(['analyze', '/nonexistent/page.html', '--json']),
    ]);
  });

  it('prints the JSON contract for one page', () => {
    const r = one;
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      url: string;
      indicators: { id: string; status: string; confidence: number; reason: string; evidence: unknown[] }[];
    };
    expect(out.url).toBe('https://www.chengdu.gov.cn/');
    expect(out.indicators.map((i) => i.id)).toEqual(PAGE_INDICATORS().map((i) => i.id));
    expect(out.indicators.find((i) => i.id === 'site_id_code')).toMatchObject({
      status: 'present',
      value: { code: '5101000001' },
    });
    for (const i of out.indicators)
      expect(Object.keys(i).sort()).toEqual(
        expect.arrayContaining(['confidence', 'evidence', 'id', 'reason', 'status']),
      );
  });

  it('analyzes a folder into an array and takes the URL from <link rel=canonical>', () => {
    const r = folder;
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { url: string }[];
    expect(out.length).toBeGreaterThanOrEqual(5);
    expect(out.map((o) => o.url)).toContain('https://www.chengdu.gov.cn/');
    expect(out.some((o) => o.url.startsWith('file://'))).toBe(true);
  });

  it('prints a readable table without --json', () => {
    const r = table;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/site_id_code\s+present/);
    expect(r.stdout).toContain('4401000001');
  });

  it('exits 2 with a clear message on a missing file', () => {
    const r = missing;
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent/page.html');
  });
});
