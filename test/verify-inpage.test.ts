// The page functions of crawlers/verify/page/*.ts, serialised as inpage.ts does, run in Chromium:
// once as vitest transformed them and once as tsx (the CLI's loader, esbuild keepNames) did.
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_QUIET_FLAGS, chromiumPath } from '../crawlers/chromium.js';
import { type InPageFn, PAGE_LIB, PAGE_NAMES, pageScript, rxData } from '../crawlers/verify/inpage.js';
import type { FIND_FUNCTIONS } from '../crawlers/verify/page/find.js';
import type { OBSERVE_FUNCTIONS } from '../crawlers/verify/page/observe.js';

const PAGE = `<!doctype html><html><body>
<div id="top"><a href="javascript:void(0)" onclick="openWza()">无障碍</a> <a href="/older/">长者模式</a></div>
<form action="/search/index.jsp">
<input name="searchword" placeholder="请输入关键字"><button type="submit">搜索</button></form>
<p style="font-size:16px">共找到12条 政务服务 办事指南</p>
<ul><li><a href="/a">居住证 办理指南</a></li></ul>
</body></html>`;

const TOOLBAR_STYLE = 'position:fixed;top:0;left:0;width:400px;height:60px;background:#eee';
const TOOLBAR = `<div id="wza_toolbar" style="${TOOLBAR_STYLE}"><a href="#">放大</a><input placeholder="请输入您的问题"></div>`;
const OVERLAY = `document.body.insertAdjacentHTML('beforeend', '${TOOLBAR}')`;
const REPLY = `document.body.insertAdjacentHTML('beforeend', '<p>居住证：居住证请携带身份证办理</p>')`;

const SEARCH_SPEC = {
  inputHint: rxData([/searchword/]),
  notInput: [],
  boxIdClass: [],
  submitCode: [],
  button: rxData([/搜索/]),
  action: rxData([/search/i]),
  mark: 's',
};
type Step = { call: [InPageFn, unknown[]] } | { dom: string };
const STEPS: Step[] = [
  { call: ['findEntries', [{ text: rxData([/无障碍/]), toggle: { source: 'slide', flags: 'i' }, mark: 'acc' }]] },
  { call: ['findSearchInput', [SEARCH_SPEC]] },
  { call: ['findButtonNear', ['[data-govscan-entry="s"]', rxData([/搜索/]), 'btn']] },
  { call: ['textMetrics', []] },
  { call: ['snapshot', ['k']] },
  { dom: OVERLAY },
  { call: ['diff', ['k', { source: 'toolbar', flags: 'i' }]] },
  { call: ['findNewInput', ['k', 'qa']] },
  {
    call: [
      'searchOutcome',
      [{ query: '居住证', noResults: rxData([/没有找到/]), resultCount: rxData([/共找到(\d+)条/]) }],
    ],
  },
  { call: ['watchAdded', []] },
  { dom: REPLY },
  { call: ['addedText', ['居住证']] },
];
const CALLS = STEPS.flatMap((s) => ('call' in s ? [s.call] : []));
/** What the page function `K` answers. */
type Answer<K extends InPageFn> = ReturnType<(typeof FIND_FUNCTIONS & typeof OBSERVE_FUNCTIONS)[K]>;

/** PAGE_LIB and the call scripts as the CLI builds them: inpage.ts loaded through tsx in a child process. */
function builtByTsx(): { lib: string; scripts: string[] } {
  const inpage = pathToFileURL(fileURLToPath(new URL('../crawlers/verify/inpage.ts', import.meta.url))).href;
  const code = `const m = await import(${JSON.stringify(inpage)});
    const calls = JSON.parse(process.env.GOVSCAN_CALLS);
    process.stdout.write(JSON.stringify({ lib: m.PAGE_LIB, scripts: calls.map(([f, a]) => m.pageScript(f, a)) }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    env: { ...process.env, GOVSCAN_CALLS: JSON.stringify(CALLS) },
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_QUIET_FLAGS });
});
afterAll(async () => {
  await browser?.close();
});

/** Runs the steps on a fresh page; scripts[i] is the script for the i-th call. */
async function run(scripts: string[]): Promise<unknown[]> {
  const page = await browser.newPage();
  try {
    await page.setContent(PAGE);
    const results: unknown[] = [];
    let i = 0;
    for (const s of STEPS) {
      if ('dom' in s) await page.evaluate(s.dom);
      else results.push(await page.evaluate(scripts[i++]!));
    }
    return results;
  } finally {
    await page.close();
  }
}

describe('page functions', () => {
  it('serialise as named function declarations with no loader helper but __name', () => {
    for (const name of PAGE_NAMES) expect(PAGE_LIB, name).toMatch(new RegExp(`(^|\\n)function ${name}\\(`));
    // A helper other than __name (which the script defines) would be undefined in the page.
    const helpers = new Set(PAGE_LIB.match(/\b__[A-Za-z]\w*(?=\s*\()/g));
    helpers.delete('__name');
    expect([...helpers]).toEqual([]);
    expect(() => new Function(pageScript('textMetrics', []))).not.toThrow();
  });

  it('find, observe and read back in Chromium, the same whichever loader built them', async () => {
    const own = await run(CALLS.map(([f, a]) => pageScript(f, a as never)));
    const [entries, box, button, metrics, snap, diff, input, outcome, watching, added] = own as [
      Answer<'findEntries'>,
      NonNullable<Answer<'findSearchInput'>>,
      Answer<'findButtonNear'>,
      Answer<'textMetrics'>,
      Answer<'snapshot'>,
      NonNullable<Answer<'diff'>>,
      Answer<'findNewInput'>,
      Answer<'searchOutcome'>,
      Answer<'watchAdded'>,
      Answer<'addedText'>,
    ];
    // The link, then its short container (same text, not clickable, so scored lower).
    expect(entries.map((e: { tag: string }) => e.tag)).toEqual(['a', 'div']);
    const link = { selector: '[data-govscan-entry="acc-0"]', label: '无障碍', visible: true, tag: 'a' };
    expect(entries[0]).toMatchObject(link);
    expect(entries[0]!.why).toMatch(/text "无障碍"/);
    expect(box).toMatchObject({ selector: '[data-govscan-entry="s"]', inForm: true, action: '/search/index.jsp' });
    expect(box.score).toBeGreaterThanOrEqual(5);
    expect(button).toEqual({ selector: '[data-govscan-entry="btn"]', label: '搜索' });
    expect(metrics.fontSize).toBe(16);
    expect(metrics.textHeight).toBeGreaterThan(10);
    expect(metrics.visibleElements).toBeGreaterThan(5);
    expect(snap.count).toBeGreaterThan(5);
    expect(diff.appeared).toBeGreaterThanOrEqual(3);
    expect(diff.overlays[0]).toMatchObject({ id: 'wza_toolbar', position: 'fixed', hinted: true, width: 400 });
    expect(input).toEqual({ selector: '[data-govscan-entry="qa"]', tag: 'input', hint: '请输入您的问题' });
    expect(outcome).toMatchObject({ noResults: null, stated: 12, hits: 2 }); // the li and its link
    expect(watching).toBe(true);
    expect(added).toEqual({ changed: true, echoed: true, reply: '居住证：居住证请携带身份证办理' });

    const tsx = builtByTsx();
    for (const name of PAGE_NAMES) expect(tsx.lib, name).toMatch(new RegExp(`function ${name}\\(`));
    expect(await run(tsx.scripts)).toEqual(own);
  });
});
