/**
 * The catalogue, discovered: every `*.ts` file in a dimension folder (indicators/<dimension>/)
 * whose default export comes from `defineIndicator` is an indicator, so adding one is adding a
 * file. Order: dimension (DIMENSIONS), then `order`, then id — stable whatever the file system
 * lists. A file there that is not an indicator, a dimension that does not match its folder or
 * an id used twice stops the program at load, naming the file.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DIMENSIONS } from '../src/types.js';
import { type Indicator, isIndicator } from './define.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ID = /^[a-z][a-z0-9_]*$/;

function indicatorFiles(): string[] {
  return DIMENSIONS.flatMap((d) =>
    readdirSync(join(HERE, d))
      .filter((f) => /\.ts$/.test(f) && !/\.(d|test)\.ts$/.test(f))
      .sort()
      .map((f) => join(HERE, d, f)),
  );
}

async function load(file: string): Promise<Indicator> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  const name = relative(join(HERE, '..'), file);
  const ind = mod.default;
  if (!isIndicator(ind)) {
    const fix = 'default-export defineIndicator({...}) or move it to support/';
    throw new Error(`${name}: a dimension folder holds indicators only; ${fix}`);
  }
  if (!ID.test(ind.id)) throw new Error(`${name}: id '${ind.id}' is not snake_case`);
  const folder = relative(HERE, dirname(file));
  if (ind.dimension !== folder) throw new Error(`${name}: dimension '${ind.dimension}' is not its folder ${folder}/`);
  return ind;
}

const found = await Promise.all(indicatorFiles().map(load));
const rank = (i: Indicator) => DIMENSIONS.indexOf(i.dimension);

/** Every indicator, in catalogue order. */
const place = (i: Indicator) => i.order ?? Infinity;
export const CATALOGUE: Indicator[] = found.sort(
  (a, b) => rank(a) - rank(b) || place(a) - place(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
);

const seen = new Set<string>();
for (const i of CATALOGUE) {
  if (seen.has(i.id)) throw new Error(`indicator id '${i.id}' is defined twice`);
  seen.add(i.id);
}

/** All indicator ids in catalogue order (what weights, labels, eval and exports accept). */
export const INDICATOR_IDS: readonly [string, ...string[]] = CATALOGUE.map((i) => i.id) as [string, ...string[]];
