/**
 * Helpers shared by the page functions (./find.ts, ./observe.ts). Everything here runs in the page,
 * not in Node: inpage.ts serialises these functions with toString() and evaluates them together.
 * So a function may use only its arguments, the DOM, and the other names serialised beside it
 * (PAGE_HELPERS below and the page functions); never an import or a module-level value.
 */

/** A RegExp sent into the page as JSON. */
export interface RxData {
  source: string;
  flags: string;
}

/** What snapshot(key) remembers in the page until diff(key) or findNewInput(key). */
export interface Snapshot {
  seen: WeakSet<Element>;
  shown: WeakSet<Element>;
  count: number;
  top: number;
  classes: string;
}

/** Elements a person clicks; serialised as a constant beside the functions. */
export const CLICKABLE =
  'a,button,input[type=button],input[type=submit],input[type=image],[onclick],[role=button],area';

export function collapse(s: unknown): string {
  return String(s == null ? '' : s)
    .replace(/\s+/g, ' ')
    .trim();
}

export function rx(o: RxData): RegExp {
  return new RegExp(o.source, o.flags);
}

export function anyRx(list: readonly RxData[] | null | undefined, s: string): boolean {
  return (list || []).some((o) => rx(o).test(s));
}

export function classOf(el: Element): string {
  return el.getAttribute?.('class') || '';
}

/** The page's own globals this code keeps between calls (window.__govscan_*). */
export function pageState(): Record<string, unknown> {
  return window as unknown as Record<string, unknown>;
}

export function isVisible(el: Element | null): boolean {
  if (!el?.getBoundingClientRect) return false;
  const r = el.getBoundingClientRect();
  if (r.width < 2 || r.height < 2) return false;
  const cs = getComputedStyle(el);
  if (cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) === 0) return false;
  return true;
}

/** What a person reads on the element: its text, else alt/title/aria-label/value. */
export function labelOf(el: Element): string {
  const h = el as HTMLElement;
  // biome-ignore lint/performance/useDomNodeTextContent: the label is what a person sees; innerText skips hidden text and keeps line breaks
  const t = collapse(h.innerText !== undefined ? h.innerText : el.textContent);
  if (t) return t;
  const img = el.tagName === 'IMG' ? el : el.querySelector?.('img');
  return collapse(
    el.getAttribute('aria-label') ||
      el.getAttribute('title') ||
      (img && (img.getAttribute('alt') || img.getAttribute('title'))) ||
      (el.tagName === 'INPUT' ? (el as HTMLInputElement).value : '') ||
      '',
  );
}

export function isTextInput(el: Element): boolean {
  if ((el as HTMLElement).isContentEditable && el.tagName !== 'BODY') return true;
  if (el.tagName === 'TEXTAREA') return true;
  if (el.tagName !== 'INPUT') return false;
  const t = (el.getAttribute('type') || 'text').toLowerCase();
  return ['text', 'search', ''].includes(t);
}

/** The helpers serialised ahead of the page functions (order does not matter: declarations hoist). */
export const PAGE_HELPERS = [collapse, rx, anyRx, classOf, pageState, isVisible, labelOf, isTextInput];
