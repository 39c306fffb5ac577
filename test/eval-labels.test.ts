/**
 * `govscan eval --labels`: hand-labelled pages against the page-level detectors. Six tiny pages
 * written here (never real pages), a LABELS.csv with deliberate coder "mistakes", a map with a
 * `when` predicate; confusion counts, precision/recall/kappa by hand, disagreements, exit codes
 * and the input errors.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateLabels, type LabelsEvalInput, type LabelsReport } from '../src/eval/evaluate.js';
import { EvalInputError, firstUrl, whenHolds } from '../src/eval/labels.js';
import { agreement, cohenKappa, confusion } from '../src/eval/metrics.js';
import { formatLabelsReport } from '../src/eval/report.js';
import { spawnCli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'govscan-eval-labels-'));
const pages = join(dir, 'pages');
mkdirSync(pages);

const run = (...args: string[]) => spawnCli(args);

const page = (footer: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>测试市人民政府</title></head><body>\n` +
  `<div class="header"><a href="/">首页</a> <a href="/xxgk/">信息公开</a></div>\n<div class="main"><p>新闻动态</p></div>\n` +
  `<div class="footer"><p>主办：测试市人民政府办公室</p>${footer}</div>\n</body></html>\n`;
const ICP_LINKED = '<p><a href="https://beian.miit.gov.cn/">京ICP备12345678号</a></p>';
const ICP_TEXT = '<p>京ICP备12345678号</p>';
const SITEMAP = '<p><a href="/sitemap.html">网站地图</a></p>';

// What each page really shows.
writeFileSync(join(pages, 'a.html'), page(ICP_LINKED + SITEMAP));
writeFileSync(join(pages, 'b.html'), page(ICP_TEXT));
writeFileSync(join(pages, 'c.html'), page(SITEMAP));
writeFileSync(join(pages, 'd.html'), page(''));
writeFileSync(join(pages, 'e.html'), page(ICP_TEXT));
writeFileSync(join(pages, 'f.html'), page(ICP_TEXT));

// The coder's labels: d's sitemap (1) and e's ICP (0) are wrong; f says the ICP is linked.
const LABELS =
  'file,has_icp,icp_linked,has_sitemap,notes\n' +
  'a.html,1,1,1,everything visible in the footer\n' +
  'b.html,1,0,0,ICP number not linked\n' +
  'c.html,0,0,1,\n' +
  'd.html,0,0,1,"coder thought there was a sitemap link,\nnotes may span lines"\n' +
  'e.html,0,0,0,coder missed the footer\n' +
  'f.html,1,1,0,says linked (doubt)\n';
const labelsFile = join(dir, 'LABELS.csv');
writeFileSync(labelsFile, LABELS);
writeFileSync(
  join(dir, 'SOURCES.csv'),
  'file,url,raw_or_rendered\n' +
    'a.html,https://www.test.gov.cn/ (homepage),raw\n' +
    'b.html,"see https://www.test.gov.cn/b/, exact URL not recorded",rendered (Selenium)\n' +
    'c.html,exact URL not recorded,raw\n',
);
const MAP = {
  description: 'test map',
  columns: {
    has_icp: { indicator: 'icp_record' },
    icp_linked: { indicator: 'icp_record', when: { field: 'linked', equals: true } },
    has_sitemap: { indicator: 'sitemap' },
  },
  ignore: ['notes'],
};
const mapFile = join(dir, 'map.json');
writeFileSync(mapFile, JSON.stringify(MAP, null, 2));

const input = (over: Partial<LabelsEvalInput> = {}): LabelsEvalInput => ({
  labelsPath: labelsFile,
  pagesDir: pages,
  mapPath: mapFile,
  asOf: new Date('2025-06-30T00:00:00Z'),
  thresholds: { minPositives: 1 },
  govscanVersion: 'test',
  ...over,
});

const label = (r: LabelsReport, column: string) => r.labels.find((l) => l.column === column)!;

describe('metrics', () => {
  it('computes the confusion table, precision, recall, F1 and kappa by hand', () => {
    // expected 1,1,0,0,0,1 vs predicted 1,1,0,0,1,1
    const c = confusion(
      [1, 1, 0, 0, 0, 1].map((e, i) => ({ expected: e === 1, predicted: [1, 1, 0, 0, 1, 1][i] === 1 })),
    );
    expect(c).toEqual({ tp: 3, fp: 1, fn: 0, tn: 2 });
    const a = agreement(c);
    expect(a.precision).toBeCloseTo(0.75, 10);
    expect(a.recall).toBe(1);
    expect(a.f1).toBeCloseTo((2 * 0.75) / 1.75, 10);
    // po = 5/6; pe = (3/6)(4/6) + (3/6)(2/6) = 1/2; kappa = (5/6 − 1/2)/(1/2) = 2/3
    expect(a.kappa).toBeCloseTo(2 / 3, 10);
    expect(a.degenerate).toEqual([]);
    // A classic textbook table: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → kappa 0.4.
    expect(cohenKappa({ tp: 20, fn: 5, fp: 10, tn: 15 }).kappa).toBeCloseTo(0.4, 10);
  });

  it('gives degenerate cases a value and a note', () => {
    const none = agreement({ tp: 0, fp: 0, fn: 0, tn: 7 });
    expect([none.precision, none.recall, none.kappa]).toEqual([1, 1, 1]);
    expect(none.degenerate.join(' ')).toMatch(/precision taken as 1.*recall taken as 1.*kappa taken as 1/);
    const missed = agreement({ tp: 0, fp: 0, fn: 2, tn: 5 });
    expect(missed.precision).toBe(0);
    expect(missed.recall).toBe(0);
    expect(missed.kappa).toBe(0);
    expect(missed.degenerate[0]).toMatch(/precision taken as 0/);
    // Both constant but opposite: pe = 0, kappa = 0 (not degenerate).
    expect(cohenKappa({ tp: 0, fp: 0, fn: 4, tn: 0 }).kappa).toBe(0);
  });

  it('evaluates `when` on the value (equals, arrays, exists, dotted paths)', () => {
    expect(whenHolds({ field: 'linked', equals: true }, { linked: true }).ok).toBe(true);
    expect(whenHolds({ field: 'linked', equals: true }, { linked: false })).toEqual({ ok: false, got: false });
    expect(whenHolds({ field: 'channels', equals: 'mailbox' }, { channels: ['message', 'mailbox'] }).ok).toBe(true);
    expect(whenHolds({ field: 'page', exists: true }, { xml: 'x' }).ok).toBe(false);
    expect(whenHolds({ field: 'a.b', equals: 2 }, { a: { b: 2 } }).ok).toBe(true);
  });

  it('takes the first http(s) URL from free text', () => {
    expect(firstUrl('https://fzgg.gansu.gov.cn/fzgg/tzgg/ (通知公告 article; exact URL not recorded)')).toBe(
      'https://fzgg.gansu.gov.cn/fzgg/tzgg/',
    );
    expect(firstUrl('"see http://x.gov.cn/a/b.html, or not"')).toBe('http://x.gov.cn/a/b.html');
    expect(firstUrl('exact URL not recorded')).toBeUndefined();
  });
});

describe('eval --labels (library)', () => {
  const report = evaluateLabels(input());

  it('counts each label against its indicator, with the `when` predicate', () => {
    expect(report.pages).toBe(6);
    const icp = label(report, 'has_icp');
    expect([icp.tp, icp.fp, icp.fn, icp.tn]).toEqual([3, 1, 0, 2]);
    expect(icp.precision).toBeCloseTo(0.75, 10);
    expect(icp.recall).toBe(1);
    expect(icp.kappa).toBeCloseTo(2 / 3, 10);

    // Present on a, b, e, f but linked only on a: b/e agree (0), f is a false negative.
    const linked = label(report, 'icp_linked');
    expect(linked.when).toBe('value.linked = true');
    expect([linked.tp, linked.fp, linked.fn, linked.tn]).toEqual([1, 0, 1, 4]);
    expect(linked.recall).toBeCloseTo(0.5, 10);
    // po = 5/6; pe = (2/6)(1/6) + (4/6)(5/6) = 22/36; kappa = (30 − 22)/(36 − 22) = 8/14
    expect(linked.kappa).toBeCloseTo(8 / 14, 10);

    const sm = label(report, 'has_sitemap');
    expect([sm.tp, sm.fp, sm.fn, sm.tn]).toEqual([2, 0, 1, 3]);
    expect(sm.precision).toBe(1);
    expect(sm.recall).toBeCloseTo(2 / 3, 10);
    expect(sm.unknown).toBe(0);
    expect(report.labels.every((l) => l.verdict === 'not_judged')).toBe(true);
    expect(report.pass).toBe(true);
  });

  it('lists every disagreement with status, reason, evidence and notes', () => {
    expect(report.disagreements.map((d) => `${d.file} ${d.label} ${d.kind}`).sort()).toEqual([
      'd.html has_sitemap false_negative',
      'e.html has_icp false_positive',
      'f.html icp_linked false_negative',
    ]);
    const disagreementOn = (file: string) => report.disagreements.find((d) => d.file === file)!;
    const fp = disagreementOn('e.html');
    expect(fp).toMatchObject({
      expected: 0,
      status: 'present',
      indicator: 'icp_record',
      notes: 'coder missed the footer',
      line: 7,
    });
    expect(fp.reason).toContain('京ICP备12345678号');
    expect(fp.evidence?.snippet).toContain('京ICP备12345678号');
    expect(disagreementOn('f.html')).toMatchObject({
      expected: 1,
      status: 'present',
      whenFailed: 'value.linked = true required, got false',
      notes: 'says linked (doubt)',
    });
    const fn = disagreementOn('d.html');
    expect(fn.status).toBe('absent');
    expect(fn.notes).toContain('coder thought there was a sitemap link');
    const md = formatLabelsReport(report);
    expect(md).toContain('### has_sitemap → sitemap (1: 0 false positives, 1 false negative)');
    expect(md).toContain('value.linked = true required, got false');
  });

  it('uses SOURCES.csv beside LABELS.csv: first URL in free text, rendered dumps', () => {
    expect(report.sourcesFile).toBe(join(dir, 'SOURCES.csv'));
    const byFile = Object.fromEntries(report.outcomes.map((o) => [o.file, o]));
    expect(byFile['a.html']).toMatchObject({ url: 'https://www.test.gov.cn/', rendered: false });
    expect(byFile['b.html']).toMatchObject({ url: 'https://www.test.gov.cn/b/', rendered: true });
    expect(byFile['c.html']!.url).toMatch(/^file:\/\//); // no URL in the cell: the file's own URL
    expect(byFile['d.html']!.url).toMatch(/^file:\/\//); // not in SOURCES.csv at all
  });

  it('judges against thresholds; too few positives pass', () => {
    const strict = evaluateLabels(input({ thresholds: { min: 0.95, minKappa: 0.9, minPositives: 1 } }));
    expect(strict.pass).toBe(false);
    expect(label(strict, 'has_icp').failures).toEqual(['precision 0.750 < 0.95', 'kappa 0.667 < 0.9']);
    const few = evaluateLabels(input({ thresholds: { min: 0.95, minKappa: 0.9, minPositives: 5 } }));
    expect(few.labels.map((l) => l.verdict)).toEqual(['too_few_positives', 'too_few_positives', 'too_few_positives']);
    expect(few.pass).toBe(true);
  });

  it('rejects bad inputs naming file, line and column', () => {
    const bad = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };
    const err = (over: Partial<LabelsEvalInput>) => {
      try {
        evaluateLabels(input(over));
      } catch (e) {
        expect(e).toBeInstanceOf(EvalInputError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    const cellFile = bad('bad-cell.csv', LABELS.replace('c.html,0,0,1', 'c.html,0,yes,1'));
    expect(err({ labelsPath: cellFile, sourcesPath: false })).toBe(
      `${cellFile}:4 column "icp_linked": must be 0 or 1 (got "yes") for c.html`,
    );
    const extra = bad('extra-col.csv', 'file,has_icp,icp_linked,has_sitemap,has_search,notes\na.html,1,1,1,0,x\n');
    expect(err({ labelsPath: extra, sourcesPath: false })).toMatch(
      new RegExp(`^${extra}:1 column "has_search": the column is neither mapped nor ignored in ${mapFile}`),
    );
    const idMap = bad(
      'bad-id.json',
      JSON.stringify({ ...MAP, columns: { ...MAP.columns, has_sitemap: { indicator: 'site_map' } } }, null, 2),
    );
    expect(err({ mapPath: idMap })).toMatch(
      new RegExp(`^${idMap}:1[0-9] column "has_sitemap": "site_map" is not an indicator id \\(did you mean .*sitemap`),
    );
    const colMap = bad(
      'bad-col.json',
      JSON.stringify(
        { ...MAP, columns: { ...MAP.columns, has_mailbox: { indicator: 'interaction_channel' } } },
        null,
        2,
      ),
    );
    expect(err({ mapPath: colMap })).toMatch(
      new RegExp(`^${colMap}:\\d+ column "has_mailbox": not a column of ${labelsFile}`),
    );
    const whenMap = bad(
      'bad-when.json',
      JSON.stringify({ ...MAP, columns: { has_icp: { indicator: 'icp_record', when: { field: 'linked' } } } }, null, 2),
    );
    expect(err({ mapPath: whenMap })).toMatch(/column "has_icp": give exactly one of "equals" or "exists"/);
    const missing = bad('missing.csv', `${LABELS}zz.html,0,0,0,\n`);
    expect(err({ labelsPath: missing, sourcesPath: false })).toContain(
      `${missing}:9 column "file": ${join(pages, 'zz.html')}: no such file`,
    );
    expect(err({ labelsPath: join(dir, 'nope.csv') })).toBe(
      `cannot read labels file ${join(dir, 'nope.csv')}: no such file`,
    );
  });
});

describe('govscan eval --labels (CLI)', () => {
  it('writes the report and exits 0 without thresholds, 1 below them, 0 when too few positives', async () => {
    const out = join(dir, 'out');
    const base = ['eval', '--labels', labelsFile, '--pages', pages, '--map', mapFile, '--as-of', '2025-06-30'];
    const [plain, strict, few, json] = await Promise.all([
      run(...base, '--out', out),
      run(...base, '--out', join(dir, 'out-strict'), '--min', '0.95', '--min-kappa', '0.9', '--min-positives', '1'),
      run(...base, '--out', join(dir, 'out-few'), '--min', '0.95', '--min-kappa', '0.9'),
      run(
        ...base,
        '--out',
        join(dir, 'out-json'),
        '--json',
        '--min',
        '0.5',
        '--min-kappa',
        '0.5',
        '--min-positives',
        '1',
      ),
    ]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(
      /\| has_icp \| icp_record \| 6 \| 3 \| 3 \| 1 \| 0 \| 2 \| 0\.750 \| 1\.000 \| 0\.857 \| 0\.667 \| 0 \(0\) \| – \|/,
    );
    const sha = createHash('sha256').update(readFileSync(labelsFile)).digest('hex').slice(0, 12);
    expect(plain.stdout).toContain(`- labels: ${labelsFile} (sha256 ${sha})`);
    expect(plain.stdout).toContain(`- map: ${mapFile}`);
    expect(plain.stdout).toMatch(/- govscan \d+\.\d+\.\d+/);
    expect(plain.stdout).toContain('- thresholds: none given');
    const md = readFileSync(join(out, 'labels-report.md'), 'utf8');
    expect(md).toContain('## Disagreements (3)');
    expect(JSON.parse(readFileSync(join(out, 'labels-report.json'), 'utf8')).labels).toHaveLength(3);

    expect(strict.status).toBe(1);
    expect(strict.stdout).toContain('- has_icp (icp_record): precision 0.750 < 0.95');
    expect(few.status).toBe(0);
    expect(few.stdout).toContain('Too few positives to judge (< 5): has_icp (3 positives, 1 false positive)');
    expect(json.status).toBe(0);
    expect((JSON.parse(json.stdout) as LabelsReport).labels.map((l) => l.verdict)).toEqual(['pass', 'pass', 'pass']);
  });

  it('bad input: exit 2, a clear message, no report; missing pages say how to fetch them', async () => {
    const corpusDir = join(dir, 'corpus');
    mkdirSync(corpusDir);
    const corpusLabels = join(corpusDir, 'LABELS.csv');
    writeFileSync(corpusLabels, LABELS);
    writeFileSync(
      join(corpusDir, 'SOURCES.csv'),
      'file,repo,commit,path,url,raw_or_rendered\na.html,o/n,0123456789abcdef0123456789abcdef01234567,x/a.html,https://www.test.gov.cn/,raw\n',
    );
    const badCell = join(dir, 'cli-bad.csv');
    writeFileSync(badCell, LABELS.replace('e.html,0,0,0', 'e.html,0,2,0'));
    const [cell, missing, map] = await Promise.all([
      run('eval', '--labels', badCell, '--pages', pages, '--map', mapFile, '--out', join(dir, 'no-1')),
      run(
        'eval',
        '--labels',
        corpusLabels,
        '--pages',
        join(dir, 'empty cache'),
        '--map',
        mapFile,
        '--out',
        join(dir, 'no-2'),
      ),
      run(
        'eval',
        '--labels',
        labelsFile,
        '--pages',
        pages,
        '--map',
        join(dir, 'bad-id.json'),
        '--out',
        join(dir, 'no-3'),
      ),
    ]);
    expect(cell.status).toBe(2);
    expect(cell.stderr).toContain(`${badCell}:7 column "icp_linked": must be 0 or 1 (got "2") for e.html`);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('not a folder');
    expect(missing.stderr).toContain(
      `govscan corpus fetch --sources ${join(corpusDir, 'SOURCES.csv')} --out '${join(dir, 'empty cache')}'`,
    );
    expect(missing.stderr).toContain('--repos DIR');
    expect(map.status).toBe(2);
    expect(map.stderr).toContain('"site_map" is not an indicator id');
    for (const o of ['no-1', 'no-2', 'no-3']) expect(existsSync(join(dir, o, 'labels-report.md'))).toBe(false);
  });
});
