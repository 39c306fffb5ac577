/**
 * Page functions that observe what an action changed: text size, elements and overlays that
 * appeared, a search result page, text added by a Q&A reply. They run in the page (see ./dom.ts for
 * the rules); the only writes are window.__govscan_* state and a MutationObserver while waiting.
 */
import type * as dom from './dom.js';

// Serialised beside these functions in the page (inpage.ts); declared here for the type checker only.
declare const collapse: typeof dom.collapse;
declare const rx: typeof dom.rx;
declare const classOf: typeof dom.classOf;
declare const pageState: typeof dom.pageState;
declare const isVisible: typeof dom.isVisible;

/** Median on-screen height of text runs (follows font-size, CSS zoom and transforms) and median computed font size. */
export function textMetrics() {
  const heights: number[] = [];
  const sizes: number[] = [];
  const root = document.body;
  if (!root) return { textHeight: 0, fontSize: 0, visibleElements: 0 };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let node: Node | null;
  while ((node = walker.nextNode()) && heights.length < 600) {
    if (collapse(node.nodeValue).length < 2) continue;
    const el = node.parentElement;
    if (!el || /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(el.tagName)) continue;
    range.selectNodeContents(node);
    const r = range.getClientRects()[0];
    if (!r || r.width < 1 || r.height < 1) continue;
    if (!isVisible(el)) continue;
    heights.push(r.height);
    sizes.push(parseFloat(getComputedStyle(el).fontSize) || 0);
  }
  const median = (a: number[]) => {
    if (!a.length) return 0;
    const s = a.slice().sort((x, y) => x - y);
    return s[Math.floor(s.length / 2)]!;
  };
  let visibleElements = 0;
  for (const el of Array.from(root.querySelectorAll('*'))) if (isVisible(el)) visibleElements++;
  return { textHeight: median(heights), fontSize: median(sizes), visibleElements };
}

/** Remember every element and which were visible, to tell later what appeared. */
export function snapshot(key: string) {
  const all = document.body ? Array.from(document.body.querySelectorAll('*')) : [];
  const seen = new WeakSet<Element>();
  const shown = new WeakSet<Element>();
  for (const el of all) {
    seen.add(el);
    if (isVisible(el)) shown.add(el);
  }
  const snap: dom.Snapshot = {
    seen,
    shown,
    count: all.length,
    top: document.body ? document.body.getBoundingClientRect().top : 0,
    classes: `${document.documentElement.className}|${document.body ? classOf(document.body) : ''}`,
  };
  pageState()[`__govscan_${key}`] = snap;
  return { count: all.length };
}

interface Overlay {
  el: Element;
  tag: string;
  id: string;
  cls: string;
  position: string;
  width: number;
  height: number;
  controls: number;
  hinted: boolean;
  text: string;
}

/** What appeared since snapshot(key): new visible elements, and the overlays (fixed/absolute boxes) among them. */
export function diff(key: string, hint: dom.RxData) {
  const before = pageState()[`__govscan_${key}`] as dom.Snapshot | undefined;
  if (!before) return null;
  const hintRx = rx(hint);
  const all = document.body ? Array.from(document.body.querySelectorAll('*')) : [];
  const appeared: Element[] = [];
  for (const el of all) if ((!before.seen.has(el) || !before.shown.has(el)) && isVisible(el)) appeared.push(el);
  const overlays: Overlay[] = [];
  for (const el of appeared) {
    if (overlays.some((o) => o.el.contains(el))) continue;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const area = r.width * r.height;
    const positioned = cs.position === 'fixed' || cs.position === 'absolute' || cs.position === 'sticky';
    const hinted = hintRx.test(el.id || '') || hintRx.test(classOf(el));
    const controls = el.querySelectorAll('a,button,input,[onclick],[role=button],li').length;
    if ((positioned && area >= 8000) || (hinted && area >= 500) || (area >= 20000 && controls >= 3))
      overlays.push({
        el,
        tag: el.tagName.toLowerCase(),
        id: el.id || '',
        cls: classOf(el).slice(0, 60),
        position: cs.position,
        width: Math.round(r.width),
        height: Math.round(r.height),
        controls,
        hinted,
        // biome-ignore lint/performance/useDomNodeTextContent: visible text of the overlay, as a person sees it
        text: collapse((el as HTMLElement).innerText).slice(0, 60),
      });
  }
  const classes = `${document.documentElement.className}|${document.body ? classOf(document.body) : ''}`;
  return {
    appeared: appeared.length,
    countDelta: all.length - before.count,
    bodyShift: Math.round((document.body ? document.body.getBoundingClientRect().top : 0) - before.top),
    classesChanged: before.classes !== classes,
    overlays: overlays.slice(0, 5).map((o) => {
      const { el, ...rest } = o;
      return rest;
    }),
  };
}

export interface SearchOutcomeSpec {
  query: string;
  noResults?: dom.RxData[];
  resultCount?: dom.RxData[];
}

/** Does this page look like search results for the query? */
export function searchOutcome(spec: SearchOutcomeSpec) {
  // biome-ignore lint/performance/useDomNodeTextContent: the result count and no-results notice must be visible text, not hidden templates
  const text = collapse(document.body ? document.body.innerText : '');
  const q = spec.query;
  const none = (spec.noResults || []).find((o) => rx(o).test(text));
  let stated: number | null = null;
  for (const o of spec.resultCount || []) {
    const m = text.match(rx(o));
    if (m?.[1]) {
      stated = Number(m[1].replace(/,/g, ''));
      break;
    }
  }
  let hits = 0;
  for (const el of Array.from(document.querySelectorAll('a,li,h3,h4,dt,td,p,em,font,span.highlight,b'))) {
    if (el.children.length > 4 || !isVisible(el)) continue;
    // biome-ignore lint/performance/useDomNodeTextContent: a hit counts only if its text is visible
    const t = collapse((el as HTMLElement).innerText);
    if (t.includes(q) && t.length > q.length + 1 && t.length < 300) hits++;
  }
  const title = document.title.slice(0, 80);
  return { noResults: none ? rx(none).source : null, stated, hits, title, textLength: text.length };
}

/** Start collecting text that gets added to the document (a Q&A reply). */
export function watchAdded() {
  const state = pageState();
  state.__govscan_added = [];
  // Looked up on each record, as before: the list a later watchAdded() installs is the one filled.
  const added = (t: string) => (state.__govscan_added as string[]).push(t);
  const old = state.__govscan_obs as MutationObserver | undefined;
  if (old) old.disconnect();
  const obs = new MutationObserver((muts) => {
    for (const m of muts) {
      if (m.type === 'characterData') {
        const t = collapse(m.target.nodeValue);
        if (t) added(t);
        continue;
      }
      for (const n of Array.from(m.addedNodes)) {
        // biome-ignore lint/performance/useDomNodeTextContent: an added reply counts by its visible text (textContent only as fallback)
        const t = collapse(n.nodeType === 1 ? (n as HTMLElement).innerText || n.textContent : n.textContent);
        if (t) added(t);
      }
    }
  });
  obs.observe(document.body || document.documentElement, { childList: true, subtree: true, characterData: true });
  state.__govscan_obs = obs;
  return true;
}

/** Text added since watchAdded(), minus the question itself and typing indicators. */
export function addedText(question: string) {
  const q = collapse(question);
  const added = (pageState().__govscan_added as string[] | undefined) || [];
  const echoed = added.some((t) => t.includes(q));
  // Judge on the text without the question (an echo is not a reply), but show the reply as written.
  const typing = /^(正在输入|输入中|思考中|加载中|loading|\.+|…+)/i;
  const replies = added
    .map((t) => ({ t, rest: collapse(t.split(q).join(' ')) }))
    .filter((r) => r.rest.length >= 4 && !typing.test(r.rest) && !/^\d{1,2}:\d{2}(:\d{2})?$/.test(r.rest))
    .map((r) => r.t);
  replies.sort((a, b) => b.length - a.length);
  return { changed: added.length > 0, echoed, reply: replies[0] ? replies[0].slice(0, 120) : null };
}

export const OBSERVE_FUNCTIONS = { textMetrics, snapshot, diff, searchOutcome, watchAdded, addedText };
