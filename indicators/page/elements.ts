/**
 * Element facts the page model reads while walking: how an element is hidden, whether it is page
 * chrome (header/nav/footer), a short selector for it, and URLs hidden in script attributes.
 */
import type { AnyNode, Element } from 'domhandler';

const CHROME_TAG = new Set(['header', 'nav', 'footer']);
const CHROME_NAME = /(^|[-_\s])(nav|menu|header|head|top|footer|foot|bottom|banner)([-_\s\d]|$)/i;

/**
 * Utility classes whose only meaning is "not shown" (Bootstrap, common CMS resets). Classes of
 * hover menus (sub, dropdown) are not in this list: their links are reachable entries.
 */
const HIDDEN_CLASS = /(^|\s)(hidden|hide|d-none|invisible|is-hidden|u-hidden|display-none)(\s|$)/i;

/** How an element is hidden: 0 shown, 1 toggled (shown in turn by a script), 2 hidden. */
export type Hidden = 0 | 1 | 2;

/**
 * Widgets that show their parts in turn: carousels, tabs, drop-down menus. A part hidden by an
 * inline style inside one is only waiting for its turn (a saved or rendered page freezes one state).
 */
export const TOGGLE_WIDGET =
  /slide|swiper|carousel|lunbo|scroll|marquee|tab|panel|(^|[-_\s])sub|submenu|drop|menu|erji|children|popup|layer|(^|[-_\s])item/i;

export function hiddenState(el: Element): Hidden {
  const a = el.attribs;
  if ('hidden' in a) return 2;
  if ((a['aria-hidden'] ?? '').toLowerCase() === 'true') return 2;
  if (el.name === 'input' && (a.type ?? '').toLowerCase() === 'hidden') return 2;
  if (a.class && HIDDEN_CLASS.test(a.class)) return 2;
  const style = (a.style ?? '').toLowerCase();
  if (!/display\s*:\s*none|visibility\s*:\s*hidden/.test(style)) return 0;
  // An app shell hidden until its framework mounts (<div id="app" style="visibility:hidden" v-cloak>).
  if ('v-cloak' in a || 'ng-cloak' in a || 'x-cloak' in a) return 1;
  const parent = el.parent && el.parent.type === 'tag' ? (el.parent as Element) : undefined;
  const names = `${a.class ?? ''} ${a.id ?? ''} ${parent?.attribs.class ?? ''} ${parent?.attribs.id ?? ''}`;
  return TOGGLE_WIDGET.test(names) || isSubmenuOfNavItem(el, parent) ? 1 : 2;
}

/** A hidden box right after a list item's link: the item's drop-down, whatever its (generated) class names. */
function isSubmenuOfNavItem(el: Element, parent: Element | undefined): boolean {
  if (parent?.name !== 'li') return false;
  let prev = el.prev;
  while (prev && prev.type !== 'tag') prev = prev.prev;
  return !!prev && (prev as Element).name === 'a';
}

export function isChromeEl(el: Element): boolean {
  if (CHROME_TAG.has(el.name)) return true;
  const name = `${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`;
  return CHROME_NAME.test(name);
}

/** A short CSS-ish path: up to 4 steps, stopping at the nearest ancestor with an id. */
export function selectorOf(el: Element): string {
  const parts: string[] = [];
  let cur: Element | null = el;
  while (cur && parts.length < 4) {
    const id = cur.attribs.id;
    const cls = (cur.attribs.class ?? '').trim().split(/\s+/)[0];
    parts.unshift(id ? `${cur.name}#${id}` : cls ? `${cur.name}.${cls}` : cur.name);
    if (id) break;
    const p: AnyNode | null = cur.parent;
    cur = p && p.type === 'tag' ? (p as Element) : null;
  }
  return parts.join(' > ');
}

export function safeUnescape(s: string): string {
  if (!/%[0-9a-f]{2}/i.test(s)) return '';
  try {
    return decodeURIComponent(s.replace(/%u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
  } catch {
    return s.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

/** An <option> whose value is an address (https://…, //…, /path): the value, else undefined. */
export function urlOption(el: Element): string | undefined {
  const v = el.attribs.value?.trim();
  return v && /^(https?:)?\/\/|^\/[^/]/i.test(v) ? v : undefined;
}

/** URL hidden in onclick handlers such as window.open('…') or location.href='…'. */
export function urlFromOnclick(onclick: string): string | undefined {
  const m = /(?:window\.open|location(?:\.href)?\s*=|openWin\w*|openUrl\w*)\s*\(?\s*['"]([^'"]+)['"]/i.exec(onclick);
  return m?.[1];
}
