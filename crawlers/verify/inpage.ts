/**
 * Runs the page functions (./page/*.ts) in a page or frame, in the style of Lighthouse's page
 * functions: they are TypeScript, type-checked against the DOM lib, and serialised with toString().
 * Each call evaluates one script holding every helper and page function, then calls the one asked
 * for with JSON arguments (RegExps as {source, flags}: see rxData).
 *
 * The serialised source is whatever the TypeScript loader made of the file. tsx (esbuild with
 * keepNames) wraps named inner functions in `__name(fn, "name")`, a helper the page lacks, so the
 * script defines a no-op `__name` first; test/verify-inpage.test.ts checks the script under both
 * vitest's transform and tsx's, and that no other loader helper leaks in.
 */
import type { Frame, Page } from 'playwright';
import { CLICKABLE, PAGE_HELPERS } from './page/dom.js';
import { FIND_FUNCTIONS, type findNewInput } from './page/find.js';
import { type diff, OBSERVE_FUNCTIONS, type searchOutcome, type textMetrics } from './page/observe.js';

const PAGE_FUNCTIONS = { ...FIND_FUNCTIONS, ...OBSERVE_FUNCTIONS };
type PageFunctions = typeof PAGE_FUNCTIONS;
export type InPageFn = keyof PageFunctions;

/** Every helper and page function as source, after a no-op `__name` (see above). */
export const PAGE_LIB = [
  'const __name = (fn, _name) => fn;',
  `const CLICKABLE = ${JSON.stringify(CLICKABLE)};`,
  ...[...PAGE_HELPERS, ...Object.values(PAGE_FUNCTIONS)].map((f) => f.toString()),
].join('\n');

/** The names serialised into the page: a test checks each source declares the function it names. */
export const PAGE_NAMES = [...PAGE_HELPERS.map((f) => f.name), ...Object.keys(PAGE_FUNCTIONS)];

/** The script that calls one page function with JSON arguments (undefined is sent as null, as before). */
export function pageScript<K extends InPageFn>(fn: K, args: Parameters<PageFunctions[K]>): string {
  const json = (args as unknown[]).map((a) => JSON.stringify(a ?? null)).join(',');
  return `(() => {${PAGE_LIB}\nreturn ${fn}(${json});})()`;
}

/** Call one of the page functions in the page or frame. */
export async function inPage<K extends InPageFn>(
  target: Page | Frame,
  fn: K,
  ...args: Parameters<PageFunctions[K]>
): Promise<ReturnType<PageFunctions[K]>> {
  return (await target.evaluate(pageScript(fn, args))) as ReturnType<PageFunctions[K]>;
}

/** RegExps do not survive JSON: send their source and flags. */
export const rxData = (list: readonly RegExp[] | undefined) =>
  (list ?? []).map((r) => ({ source: r.source, flags: r.flags }));

// Shapes returned by the page functions.
export interface FoundEntry {
  selector: string;
  label: string;
  href: string;
  why: string;
  visible: boolean;
  /** Hidden now inside a slide, tab or menu that shows it in its turn. */
  inTurn?: boolean;
  /** Found in a same-site child frame (a header iframe): that frame's URL. */
  frameUrl?: string;
  tag: string;
}
export type TextMetrics = ReturnType<typeof textMetrics>;
export type DomDiff = NonNullable<ReturnType<typeof diff>>;
export type FoundInput = NonNullable<ReturnType<typeof findNewInput>>;
export type SearchOutcome = ReturnType<typeof searchOutcome>;
