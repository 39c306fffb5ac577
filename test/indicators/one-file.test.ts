/**
 * The one-file contract: a copy of an indicator file under a new id, with nothing else edited,
 * is run by `analyze`, listed by the data dictionary and among INDICATOR_IDS (weights, labels,
 * eval), and given export columns. The copy is made in a copy of the source tree, so this tree
 * (and the other test workers that discover it) never sees the extra file.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME, pageFile } from './helpers.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = `
import { dictionary } from './indicators/data-dictionary.js';
import { CATALOGUE, INDICATOR_IDS } from './indicators/discover.js';
import { loadCatalogue } from './src/export/catalogue.js';
import { indicatorColumns } from './src/export/table.js';
console.log(JSON.stringify({
  catalogue: CATALOGUE.map((i) => i.id),
  ids: INDICATOR_IDS,
  dictionary: dictionary().map((d) => d.id),
  columns: indicatorColumns(loadCatalogue()).map((c) => c.key),
}));
`;

let dir: string;
let analyzed: { indicators: { id: string; status: string; reason: string; evidence: unknown[] }[] };
let probe: { catalogue: string[]; ids: string[]; dictionary: string[]; columns: string[] };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govscan-one-file-'));
  for (const p of ['src', 'indicators', 'crawlers', 'fixtures', 'package.json', 'tsconfig.json']) {
    cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const source = readFileSync(join(ROOT, 'indicators/norms/conac-mark.ts'), 'utf8');
  expect(source).toContain("id: 'conac_mark',");
  const copy = source.replace("id: 'conac_mark',", "id: 'conac_mark_copy',");
  writeFileSync(join(dir, 'indicators/norms/conac-mark-copy.ts'), copy);
  writeFileSync(join(dir, 'probe.ts'), PROBE);
  const page = pageFile('trs-portal.html');
  const opts = { cwd: dir, timeout: 120_000 };
  const [a, p] = await Promise.all([
    run(process.execPath, [join(dir, 'src/cli/govscan.mjs'), 'analyze', page, '--url', HOME, '--json'], opts),
    run(process.execPath, ['--import', 'tsx', join(dir, 'probe.ts')], opts),
  ]);
  analyzed = JSON.parse(a.stdout);
  probe = JSON.parse(p.stdout);
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a new indicator is one file', () => {
  it('is discovered and placed after its original in the norms dimension', () => {
    expect(probe.catalogue).toContain('conac_mark_copy');
    expect(probe.catalogue.indexOf('conac_mark_copy')).toBe(probe.catalogue.indexOf('conac_mark') + 1);
    expect(probe.ids).toEqual(probe.catalogue);
  });
  it('runs in analyze with the same answer as the file it copies, under its own id', () => {
    const byId = new Map(analyzed.indicators.map((r) => [r.id, r]));
    const copy = byId.get('conac_mark_copy');
    expect(copy).toBeDefined();
    expect({ ...copy, id: 'conac_mark' }).toEqual(byId.get('conac_mark'));
  });
  it('appears in the data dictionary and the export columns', () => {
    expect(probe.dictionary).toContain('conac_mark_copy');
    expect(probe.columns).toEqual(expect.arrayContaining(['conac_mark_copy.status', 'conac_mark_copy.value']));
  });
});
