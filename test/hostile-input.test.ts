/**
 * Hostile input to the offline commands: files that are not web pages (empty, random bytes, an
 * ELF, PDF, ZIP or PNG, control characters, plain text) are refused with the file and the reason,
 * never analysed into `absent` verdicts; a size limit; UTF-16 pages; a 9.9 MB page nested without
 * end inside a page-wide form, in bounded time and memory; `--json` errors as JSON; and the
 * crawler's per-page link cap on a generated 100,000-link page.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractLinks, linkScope, loadHtml, MAX_LINKS_PER_PAGE } from '../crawlers/site/link-extraction.js';
import { AnalyzeInputError, analyzeFile, DEFAULT_MAX_BYTES } from '../indicators/analyze.js';
import { pageModel } from '../indicators/page/model.js';
import { parseConfig } from '../src/config/config.js';
import { evaluateLabels } from '../src/eval/evaluate.js';
import { EvalInputError } from '../src/eval/labels.js';
import type { PageSnapshot } from '../src/types.js';
import { startServer, type TestServer } from './crawl-servers.js';
import { hostilePage, manyLinksPage } from './helpers/big-pages.js';
import { crawlOnce, testLocality } from './helpers/crawl.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../src/cli/govscan.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'govscan-hostile-'));

interface Out {
  code: number;
  stdout: string;
  stderr: string;
}
async function cli(args: string[], env: NodeJS.ProcessEnv = {}, timeout = 120_000): Promise<Out> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      timeout,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** Deterministic "random" bytes. */
function noise(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

const PAGE =
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试市人民政府</title></head><body><div class="footer">网站标识码：5101000001 蜀ICP备05003296号</div></body></html>';

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** What analyzeFile says about a file it must refuse (and that it did not analyse it). */
function refusal(path: string, maxBytes?: number): AnalyzeInputError {
  try {
    const a = analyzeFile(path, 'https://www.example.gov.cn/', { maxBytes });
    throw new Error(`${path} was analysed: ${a.indicators.map((i) => `${i.id}=${i.status}`).join(' ')}`);
  } catch (e) {
    if (!(e instanceof AnalyzeInputError)) throw e;
    return e;
  }
}

describe('analyze refuses what is not a web page', () => {
  const cases: [string, Buffer | string, RegExp][] = [
    ['empty.html', '', /the file is empty \(0 bytes\)/],
    ['random.html', noise(64 * 1024), /not an HTML page: binary data \(a NUL byte at offset \d+\)/],
    [
      'program.html',
      Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), noise(4096)]),
      /it is an ELF executable \(starts with 7F 45 4C 46\)/,
    ],
    [
      'report.html',
      Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\n', 'latin1'),
      /it is a PDF document/,
    ],
    [
      'archive.html',
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), Buffer.from('<html>index.html</html>')]),
      /it is a ZIP archive/,
    ],
    [
      'image.html',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(2048)]),
      /it is a PNG image/,
    ],
    // No NUL byte, but mostly control characters: binary data that happens to have none.
    [
      'controls.html',
      Buffer.from(`<html>${'\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f'.repeat(200)}</html>`, 'latin1'),
      /\d+\.\d% of its characters are control characters or undecodable bytes/,
    ],
    ['notes.html', '网站标识码：5101000001\n这是一份纯文本笔记，没有任何标签。\n', /no HTML tag in it/],
    ['blank.html', ' \n\t\n   \n', /holds only whitespace/],
  ];

  for (const [name, content, reason] of cases)
    it(`${name}: refused with the file and the reason`, () => {
      const path = file(name, content);
      const e = refusal(path);
      expect(e.file).toBe(path);
      expect(e.message).toBe(`${path}: ${e.reason}`);
      expect(e.reason).toMatch(reason);
    });

  it('still reads real pages: UTF-16 with and without a byte-order mark, GBK', () => {
    for (const [name, bytes] of [
      ['utf16le-bom.html', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(PAGE, 'utf-16le')])],
      ['utf16be.html', iconv.encode(PAGE.replace('utf-8', 'utf-16'), 'utf-16be')],
      ['gbk.html', iconv.encode(PAGE.replace('utf-8', 'gbk'), 'gbk')],
    ] as const) {
      const a = analyzeFile(file(name, bytes), 'https://www.example.gov.cn/');
      expect(
        a.indicators.find((i) => i.id === 'site_id_code'),
        name,
      ).toMatchObject({ status: 'present', value: { code: '5101000001' } });
    }
  });

  it('refuses a file over the size limit before reading it, naming its size and the limit', () => {
    expect(DEFAULT_MAX_BYTES).toBe(parseConfig({}).crawl.maxBodyBytes);
    const big = file('big.html', `${PAGE}<!-- ${'x'.repeat(3000)} -->`);
    const e = refusal(big, 2048);
    expect(e.reason).toMatch(/^the file is 3\d{3} bytes \(3\.\d KiB\), over the limit of 2048 bytes \(2\.0 KiB\)$/);
    expect(analyzeFile(file('small.html', PAGE), undefined, { maxBytes: 2048 }).indicators.length).toBeGreaterThan(0);
  });

  it('eval --labels refuses a labelled file that is not a page, naming the labels line and the file', () => {
    const pages = join(dir, 'labelled');
    mkdirSync(pages);
    writeFileSync(join(pages, 'a.html'), PAGE);
    writeFileSync(
      join(pages, 'z.html'),
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(512)]),
    );
    const labels = file('LABELS.csv', 'file,has_icp\na.html,1\nz.html,0\n');
    const map = file('map.json', JSON.stringify({ columns: { has_icp: { indicator: 'icp_record' } } }));
    const go = () =>
      evaluateLabels({
        labelsPath: labels,
        pagesDir: pages,
        mapPath: map,
        sourcesPath: false,
        asOf: new Date('2025-06-30T00:00:00Z'),
        thresholds: { minPositives: 1 },
        govscanVersion: 'test',
      });
    expect(go).toThrow(EvalInputError);
    expect(go).toThrow(`${labels}:3 column "file": ${join(pages, 'z.html')}: not an HTML page: it is a PNG image`);
  });
});

describe('the page model on hostile structure', () => {
  const snapshot = (body: string): PageSnapshot => ({
    url: 'https://www.x.gov.cn/',
    finalUrl: 'https://www.x.gov.cn/',
    role: 'home',
    status: 'ok',
    headers: {},
    body,
    fetchedAt: '2025-06-30T00:00:00Z',
    crawler: 'http',
    depth: 0,
  });

  it('reads a page nested 20,000 deep (unclosed tags) as Chromium does, without running out of stack', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `<font color="red"><a href="/n/${i}.html">条目${i}</a>`).join(
      '',
    );
    const m = pageModel(snapshot(`<html><body>${rows}<div class="footer">网站标识码：5101000001</div></body></html>`));
    expect(m.links).toHaveLength(20_000);
    expect(m.links[0]).toMatchObject({ url: 'https://www.x.gov.cn/n/0.html', text: '条目0' });
    // Past 512 levels Chromium attaches nodes beside the open element, not inside it: the text
    // of the deepest links is beside them, still on the page.
    expect(m.links.at(-1)).toMatchObject({ url: 'https://www.x.gov.cn/n/19999.html', text: '' });
    expect(m.text).toContain('条目19999 网站标识码：5101000001');
  });

  it("gives every input of a page-wide form the form's first buttons, as before", () => {
    const blocks = Array.from(
      { length: 300 },
      (_, i) => `<div class="box"><input type="text" name="q${i}"><button onclick="s(${i})">搜索</button></div>`,
    ).join('');
    const m = pageModel(
      snapshot(`<html><body><form id="form1" action="./default.aspx">${blocks}</form></body></html>`),
    );
    expect(m.inputs).toHaveLength(300);
    for (const i of m.inputs) {
      expect(i.buttons).toHaveLength(12);
      expect(i.buttons[0]).toEqual({ label: '搜索', idClass: '', code: 'onclick=s(0)' });
    }
  });
});

describe('govscan analyze on hostile files (CLI)', () => {
  let single: Out,
    singleJson: Out,
    folderJson: Out,
    folderText: Out,
    allJunk: Out,
    overLimit: Out,
    badFlag: Out,
    registryJson: Out,
    registryText: Out;
  beforeAll(async () => {
    const folder = join(dir, 'folder');
    const junk = join(dir, 'junk');
    mkdirSync(folder);
    mkdirSync(junk);
    writeFileSync(join(folder, 'good.html'), PAGE);
    writeFileSync(
      join(folder, 'photo.html'),
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(512)]),
    );
    writeFileSync(join(folder, 'empty.htm'), '');
    writeFileSync(join(junk, 'a.html'), noise(1024));
    const png = join(folder, 'photo.html');
    const badRegistry = file('registry.csv', 'code,name\n510100,成都市\n');
    // The CLI starts through tsx (seconds each on a shared machine): run the calls at once.
    [single, singleJson, folderJson, folderText, allJunk, overLimit, badFlag, registryJson, registryText] =
      await Promise.all([
        cli(['analyze', png]),
        cli(['analyze', png, '--json']),
        cli(['analyze', folder, '--json']),
        cli(['analyze', folder]),
        cli(['analyze', junk]),
        cli(['analyze', join(folder, 'good.html'), '--max-bytes', '100']),
        cli(['analyze', join(folder, 'good.html'), '--max-bytes', 'lots', '--json']),
        cli(['sites', '--registry', badRegistry, '--json']),
        cli(['sites', '--registry', badRegistry]),
      ]);
  });

  it('a file that is not a page: exit 2, one line naming it, no verdicts', () => {
    expect(single.code).toBe(2);
    expect(single.stdout).toBe('');
    expect(single.stderr).toMatch(
      /^govscan analyze: \S*photo\.html: not an HTML page: it is a PNG image \(starts with 89 50 4E 47\)\n$/,
    );
  });

  it('with --json the refusal is JSON on stdout', () => {
    expect(singleJson.code).toBe(2);
    expect(JSON.parse(singleJson.stdout)).toEqual({
      error: {
        message: expect.stringMatching(/photo\.html: not an HTML page: it is a PNG image/),
        exitCode: 2,
        kind: 'AnalyzeInputError',
      },
    });
  });

  it('in a folder, refused files are skipped with the reason and the others analysed', () => {
    expect(folderJson.code).toBe(0);
    const out = JSON.parse(folderJson.stdout) as (
      | { file: string; error: string }
      | { file: string; url: string; indicators: { id: string; status: string }[] }
    )[];
    expect(out.map((o) => o.file.split('/').pop())).toEqual(['empty.htm', 'good.html', 'photo.html']);
    expect(out[0]).toEqual({ file: expect.stringMatching(/empty\.htm$/), error: 'the file is empty (0 bytes)' });
    expect(out[2]).toEqual({
      file: expect.stringMatching(/photo\.html$/),
      error: expect.stringMatching(/^not an HTML page: it is a PNG image/),
    });
    expect('indicators' in out[1]! && out[1].indicators.find((i) => i.id === 'site_id_code')?.status).toBe('present');
    expect(folderText.code).toBe(0);
    expect(folderText.stdout).toMatch(/site_id_code\s+present/);
    expect(folderText.stderr).toMatch(/skipped \S*empty\.htm: the file is empty \(0 bytes\)/);
    expect(folderText.stderr).toMatch(/skipped \S*photo\.html: not an HTML page/);
    expect(folderText.stderr).toContain('1 pages analysed, 2 skipped');
  });

  it('a folder in which nothing is a page exits 2', () => {
    expect(allJunk.code).toBe(2);
    expect(allJunk.stderr).toMatch(/skipped \S*a\.html: not an HTML page: binary data/);
  });

  it('--max-bytes: a larger file is refused with its size and the limit; a bad value is a usage error', () => {
    expect(overLimit.code).toBe(2);
    expect(overLimit.stderr).toMatch(
      /good\.html: the file is \d+ bytes \(\d+ B\), over the limit of 100 bytes \(100 B\) \(raise it with --max-bytes\)\n$/,
    );
    expect(badFlag.code).toBe(2);
    expect(JSON.parse(badFlag.stdout)).toEqual({
      error: {
        message: expect.stringContaining('--max-bytes must be a size in bytes'),
        exitCode: 2,
        kind: 'UsageError',
      },
    });
  });

  it('every command: errors are JSON on stdout under --json, and one line on stderr', () => {
    expect(registryJson.code).toBe(2);
    const e = JSON.parse(registryJson.stdout) as { error: { message: string; exitCode: number; kind: string } };
    expect(e.error).toMatchObject({ exitCode: 2, kind: 'RegistryError' });
    expect(e.error.message).toMatch(/registry\.csv:1 column "province, kind, portal_url": missing column in header/);
    expect(registryJson.stderr).toMatch(/^govscan: invalid registry /); // people still get the line
    expect(registryText.code).toBe(2);
    expect(registryText.stdout).toBe('');
    expect(registryText.stderr).toMatch(/^govscan: invalid registry \S*registry\.csv:/);
  });
});

describe('a 9.9 MB hostile page', () => {
  // Many links and rows, a text input in every block of one page-wide form, nesting 300 deep per
  // block and 3,000 unclosed tags: the old model needed minutes (quadratic) or ran out of stack.
  it('is analysed in bounded time and memory (1 GiB heap) with real verdicts', async () => {
    const html = hostilePage(9.9e6);
    expect(Buffer.byteLength(html)).toBeGreaterThan(9.8e6);
    const path = file('hostile-9.9mb.html', html);
    const r = await cli(
      ['analyze', path, '--url', 'https://www.x.gov.cn/', '--max-bytes', '10M', '--json'],
      { NODE_OPTIONS: '--max-old-space-size=1024' },
      540_000,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      indicators: { id: string; status: string; value?: Record<string, unknown> }[];
    };
    const byId = (id: string) => out.indicators.find((i) => i.id === id)!;
    expect(byId('site_id_code')).toMatchObject({ status: 'present', value: { code: '5101000001' } });
    expect(byId('icp_record').status).toBe('present');
    expect(byId('site_search').status).toBe('present');
  }, 600_000);
});

describe('the crawler takes at most MAX_LINKS_PER_PAGE links from a page', () => {
  it('parses only the part of a 100,000-link page that holds its first links, in document order', () => {
    const html = manyLinksPage(100_000);
    const scope = linkScope(html);
    expect(scope.found).toBe(100_000);
    expect(scope.note).toBe(
      `links: 100000 link tags on the page, only the first ${MAX_LINKS_PER_PAGE} (in document order) read`,
    );
    expect(scope.html.length).toBeLessThan(html.length / 10);
    const links = extractLinks(loadHtml(scope.html), 'https://www.x.gov.cn/');
    expect(links).toHaveLength(MAX_LINKS_PER_PAGE);
    expect(links[0]!.url).toBe('https://www.x.gov.cn/item/0.html');
    expect(links.at(-1)!.url).toBe(`https://www.x.gov.cn/item/${MAX_LINKS_PER_PAGE - 1}.html`);
    // A page under the cap is read whole.
    const small = manyLinksPage(300);
    expect(linkScope(small)).toEqual({ html: small, found: 300 });
    expect(extractLinks(loadHtml(small), 'https://www.x.gov.cn/', 100)).toHaveLength(100);
  });

  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      '/': { body: manyLinksPage(100_000) },
      '*': { body: '<html><body>条目</body></html>' },
    });
  });
  afterAll(() => server.close());

  it('a crawled 100,000-link homepage: its record says it was cut, link checks sample only its first links', async () => {
    const a = await crawlOnce(
      { perHostDelayMs: 0, renderHomepage: false, timePerSiteSecs: 120, pagesPerSite: 3, linkChecksPerSite: 30 },
      testLocality('100900', `${server.origin}/`, '测试市'),
    );
    const home = a.pages.find((p) => p.role === 'home')!;
    expect(home.status).toBe('ok');
    expect(home.body).toContain('/item/99999.html'); // the stored page is whole
    expect(home.error).toContain(`only the first ${MAX_LINKS_PER_PAGE} (in document order) read`);
    expect(a.linkChecks.length).toBeGreaterThan(0);
    for (const l of a.linkChecks)
      expect(Number(/\/item\/(\d+)\.html/.exec(l.url)?.[1])).toBeLessThan(MAX_LINKS_PER_PAGE);
  }, 300_000);
});
