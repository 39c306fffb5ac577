/**
 * Code that runs inside the page (main frame or an iframe). Kept as plain JavaScript source and
 * evaluated as a string: functions handed to page.evaluate() would be serialised after the
 * TypeScript transpiler rewrote them (e.g. esbuild's `__name` helper), which the page lacks.
 * Every function is a pure read of the DOM except `mark` attributes (data-govscan-entry) used to
 * point Playwright at the elements found, and a MutationObserver while waiting for a reply.
 */
import type { Frame, Page } from 'playwright';

const LIB = String.raw`
const collapse = (s) => String(s == null ? '' : s).replace(/\s+/g, ' ').trim();
const rx = (o) => new RegExp(o.source, o.flags);
const anyRx = (list, s) => (list || []).some((o) => rx(o).test(s));
const classOf = (el) => (el.getAttribute && el.getAttribute('class')) || '';

function isVisible(el) {
  if (!el || !el.getBoundingClientRect) return false;
  const r = el.getBoundingClientRect();
  if (r.width < 2 || r.height < 2) return false;
  const cs = getComputedStyle(el);
  if (cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) === 0) return false;
  return true;
}

/** What a person reads on the element: its text, else alt/title/aria-label/value. */
function labelOf(el) {
  const t = collapse(el.innerText !== undefined ? el.innerText : el.textContent);
  if (t) return t;
  const img = el.tagName === 'IMG' ? el : el.querySelector && el.querySelector('img');
  return collapse(
    el.getAttribute('aria-label') || el.getAttribute('title') || (img && (img.getAttribute('alt') || img.getAttribute('title'))) ||
      (el.tagName === 'INPUT' ? el.value : '') || '',
  );
}

const CLICKABLE = 'a,button,input[type=button],input[type=submit],input[type=image],[onclick],[role=button],area';

/** Entries matching the signals, best first; each gets a data-govscan-entry mark. */
function findEntries(spec) {
  const root = document.body;
  if (!root) return [];
  const found = [];
  const els = root.querySelectorAll(CLICKABLE + ',img,span,div,li,i,em,p,label');
  for (const el of els) {
    const clickable = el.matches(CLICKABLE);
    if (!clickable && el.children.length > 3) continue; // a container, not an entry
    const label = labelOf(el);
    if (label.length > (clickable ? 30 : 16)) continue;
    const idc = (el.id || '') + ' ' + classOf(el);
    const href = el.getAttribute('href') || '';
    // A look-alike target (a certification badge's host, 网站导航) is not the entry, whatever it shows.
    const img = el.tagName === 'IMG' ? el : (el.children.length <= 2 && el.querySelector ? el.querySelector('img') : null);
    const outer = (el.closest && el.closest('a[href]')) || (img && img.closest('a[href]')) || el;
    const to = outer.getAttribute('href') || '';
    const target = (() => { try { return /^javascript:/i.test(to) || !to ? null : new URL(to, location.href); } catch (e) { return null; } })();
    if (target && (anyRx(spec.notHost, target.hostname) || anyRx(spec.notPath, target.pathname))) continue;
    const code = (el.getAttribute('onclick') || '') + ' ' + (/^javascript:/i.test(href) ? href : '');
    let score = 0;
    const why = [];
    if (label && anyRx(spec.text, label) && !anyRx(spec.notText, label)) { score += 3; why.push('text "' + label + '"'); }
    if (anyRx(spec.idOrClass, el.id || '') || classOf(el).split(/\s+/).some((c) => anyRx(spec.idOrClass, c))) { score += 2; why.push('id/class "' + collapse(idc) + '"'); }
    if (code.trim() && anyRx(spec.onclick, code)) { score += 3; why.push('onclick "' + collapse(code).slice(0, 60) + '"'); }
    if (href && !/^javascript:/i.test(href) && anyRx(spec.href, href)) { score += 1; why.push('href ' + href.slice(0, 80)); }
    const file = img ? String(img.getAttribute('src') || '').split(/[?#]/)[0].split('/').pop() : '';
    if (file && label.length <= 6 && anyRx(spec.image, file)) { score += 2; why.push('image ' + file); }
    if (!score) continue;
    const vis = isVisible(el);
    if (vis) score += 2;
    if (clickable) score += 1;
    // Hidden inside a slide, tab or menu: shown in its turn (the same widgets the page model knows).
    let inTurn = false;
    for (let p = el.parentElement, d = 0; !vis && p && d < 4 && !inTurn; p = p.parentElement, d++) inTurn = anyRx([spec.toggle], (p.id || '') + ' ' + classOf(p));
    found.push({ el, score, label, href, why: why.join(', '), visible: vis, inTurn, tag: el.tagName.toLowerCase() });
  }
  // An element inside a matching clickable ancestor is the same entry: keep the ancestor.
  const kept = found.filter((f) => !found.some((g) => g !== f && g.el.contains(f.el) && g.el.matches(CLICKABLE) && g.score >= f.score - 1));
  kept.sort((a, b) => b.score - a.score);
  return kept.slice(0, spec.limit || 4).map((f, i) => {
    const mark = spec.mark + '-' + i;
    f.el.setAttribute('data-govscan-entry', mark);
    return { selector: '[data-govscan-entry="' + mark + '"]', label: f.label, href: f.href, why: f.why, visible: f.visible, inTurn: f.inTurn, tag: f.tag };
  });
}

/** Median on-screen height of text runs (follows font-size, CSS zoom and transforms) and median computed font size. */
function textMetrics() {
  const heights = [];
  const sizes = [];
  const root = document.body;
  if (!root) return { textHeight: 0, fontSize: 0, visibleElements: 0 };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let node;
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
  const median = (a) => { if (!a.length) return 0; const s = a.slice().sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
  let visibleElements = 0;
  for (const el of root.querySelectorAll('*')) if (isVisible(el)) visibleElements++;
  return { textHeight: median(heights), fontSize: median(sizes), visibleElements };
}

/** Remember every element and which were visible, to tell later what appeared. */
function snapshot(key) {
  const all = document.body ? document.body.querySelectorAll('*') : [];
  const seen = new WeakSet();
  const shown = new WeakSet();
  for (const el of all) { seen.add(el); if (isVisible(el)) shown.add(el); }
  window['__govscan_' + key] = { seen, shown, count: all.length, top: document.body ? document.body.getBoundingClientRect().top : 0,
    classes: document.documentElement.className + '|' + (document.body ? classOf(document.body) : '') };
  return { count: all.length };
}

/** What appeared since snapshot(key): new visible elements, and the overlays (fixed/absolute boxes) among them. */
function diff(key, hint) {
  const before = window['__govscan_' + key];
  if (!before) return null;
  const hintRx = rx(hint);
  const all = document.body ? document.body.querySelectorAll('*') : [];
  const appeared = [];
  for (const el of all) if ((!before.seen.has(el) || !before.shown.has(el)) && isVisible(el)) appeared.push(el);
  const overlays = [];
  for (const el of appeared) {
    if (overlays.some((o) => o.el.contains(el))) continue;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const area = r.width * r.height;
    const positioned = cs.position === 'fixed' || cs.position === 'absolute' || cs.position === 'sticky';
    const hinted = hintRx.test(el.id || '') || hintRx.test(classOf(el));
    const controls = el.querySelectorAll('a,button,input,[onclick],[role=button],li').length;
    if ((positioned && area >= 8000) || (hinted && area >= 500) || (area >= 20000 && controls >= 3))
      overlays.push({ el, tag: el.tagName.toLowerCase(), id: el.id || '', cls: classOf(el).slice(0, 60), position: cs.position,
        width: Math.round(r.width), height: Math.round(r.height), controls, hinted, text: collapse(el.innerText).slice(0, 60) });
  }
  return {
    appeared: appeared.length,
    countDelta: all.length - before.count,
    bodyShift: Math.round((document.body ? document.body.getBoundingClientRect().top : 0) - before.top),
    classesChanged: before.classes !== document.documentElement.className + '|' + (document.body ? classOf(document.body) : ''),
    overlays: overlays.slice(0, 5).map((o) => { const { el, ...rest } = o; return rest; }),
  };
}

function isTextInput(el) {
  if (el.isContentEditable && el.tagName !== 'BODY') return true;
  if (el.tagName === 'TEXTAREA') return true;
  if (el.tagName !== 'INPUT') return false;
  const t = (el.getAttribute('type') || 'text').toLowerCase();
  return ['text', 'search', ''].includes(t);
}

/** A visible text input that was not there (or not visible) at snapshot(key); any visible one when key is null. */
function findNewInput(key, mark) {
  const before = key ? window['__govscan_' + key] : null;
  const els = document.querySelectorAll('input,textarea,[contenteditable=""],[contenteditable=true]');
  const cands = [];
  for (const el of els) {
    if (!isTextInput(el) || !isVisible(el) || el.disabled || el.readOnly) continue;
    if (before && before.seen.has(el) && before.shown.has(el)) continue;
    const r = el.getBoundingClientRect();
    cands.push({ el, area: r.width * r.height, tag: el.tagName.toLowerCase(), hint: collapse(el.getAttribute('placeholder') || el.getAttribute('aria-label') || '') });
  }
  if (!cands.length) return null;
  cands.sort((a, b) => b.area - a.area); // the chat box is usually the largest new field
  const c = cands[0];
  c.el.setAttribute('data-govscan-entry', mark);
  return { selector: '[data-govscan-entry="' + mark + '"]', tag: c.tag, hint: c.hint };
}

/** A visible button near the input (same form or container) whose label, id/class or onclick code matches. */
function findButtonNear(inputSelector, labels, mark, idClass, code) {
  const input = document.querySelector(inputSelector);
  if (!input) return null;
  let scope = input.closest('form') || input.parentElement;
  for (let depth = 0; scope && depth < 4; depth++, scope = scope.parentElement) {
    const btns = scope.querySelectorAll('button,input[type=submit],input[type=button],input[type=image],a,[onclick],[role=button],span,div,i,img');
    for (const b of btns) {
      if (b === input || b.contains(input) || !isVisible(b)) continue;
      const label = labelOf(b);
      const idc = (b.id || '') + ' ' + classOf(b);
      const typeSubmit = b.tagName === 'INPUT' && /^(submit|image)$/i.test(b.getAttribute('type') || '') || (b.tagName === 'BUTTON' && (b.getAttribute('type') || 'submit') === 'submit' && b.closest('form'));
      const named = !label && b.children.length <= 2 && (idClass ? idc.split(/\s+/).some((t) => anyRx(idClass, t)) : /search|sousuo|btn|submit|send/i.test(idc));
      const scripted = code && anyRx(code, (b.getAttribute('onclick') || '') + ' ' + (b.getAttribute('href') || ''));
      if ((label && label.length <= 8 && anyRx(labels, label)) || typeSubmit || named || scripted) {
        b.setAttribute('data-govscan-entry', mark);
        return { selector: '[data-govscan-entry="' + mark + '"]', label };
      }
    }
  }
  return null;
}

/**
 * The site-search input (the site_search concept, as static detection reads it): its own hints,
 * its form's action, a search container, a search button or magnifier icon beside it, or a key
 * handler that submits; login, paging, date and contact fields are not search boxes.
 */
function findSearchInput(spec) {
  const cands = [];
  for (const el of document.querySelectorAll('input')) {
    if (!isTextInput(el) || !isVisible(el) || el.disabled || el.readOnly) continue;
    const form = el.closest('form');
    const own = [el.getAttribute('name'), el.id, classOf(el)].map(collapse).filter(Boolean);
    const hints = [...own, el.getAttribute('placeholder'), el.getAttribute('title'), el.getAttribute('aria-label'), el.value].map(collapse).filter(Boolean);
    if (hints.some((h) => anyRx(spec.notInput, h))) continue;
    const tokens = (s) => String(s || '').split(/\s+/).filter(Boolean);
    let score = 0;
    if (own.flatMap(tokens).some((t) => anyRx(spec.inputHint, t)) || hints.some((h) => anyRx(spec.inputHint, h))) score += 3;
    if (form && anyRx(spec.action, form.getAttribute('action') || '')) score += 2;
    const box = [];
    for (let p = el.parentElement, d = 0; p && d < 3; p = p.parentElement, d++) box.push(...tokens(p.id), ...tokens(classOf(p)));
    if (box.some((t) => anyRx(spec.boxIdClass, t))) score += 2;
    const code = [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.value).join(' ');
    if (anyRx(spec.submitCode, code)) score += 2;
    const scope = form || (el.parentElement && el.parentElement.parentElement) || el.parentElement;
    const near = scope ? [...scope.querySelectorAll('button,input[type=submit],input[type=button],input[type=image],a,[onclick],span,div,i,img')] : [];
    if (near.some((b) => b !== el && !b.contains(el) && (anyRx(spec.button, labelOf(b)) || tokens(b.id + ' ' + classOf(b)).some((t) => anyRx(spec.boxIdClass, t)) || anyRx(spec.submitCode, b.getAttribute('onclick') || '')))) score += 2;
    if (score >= 2) cands.push({ el, score, form: !!form, action: form ? form.getAttribute('action') || '' : '' });
  }
  cands.sort((a, b) => b.score - a.score);
  const c = cands[0];
  if (!c) return null;
  c.el.setAttribute('data-govscan-entry', spec.mark);
  return { selector: '[data-govscan-entry="' + spec.mark + '"]', inForm: c.form, action: c.action, score: c.score };
}

/** Does this page look like search results for the query? */
function searchOutcome(spec) {
  const text = collapse(document.body ? document.body.innerText : '');
  const q = spec.query;
  const none = (spec.noResults || []).find((o) => rx(o).test(text));
  let stated = null;
  for (const o of spec.resultCount || []) { const m = text.match(rx(o)); if (m && m[1]) { stated = Number(m[1].replace(/,/g, '')); break; } }
  let hits = 0;
  for (const el of document.querySelectorAll('a,li,h3,h4,dt,td,p,em,font,span.highlight,b')) {
    if (el.children.length > 4 || !isVisible(el)) continue;
    const t = collapse(el.innerText);
    if (t.includes(q) && t.length > q.length + 1 && t.length < 300) hits++;
  }
  return { noResults: none ? rx(none).source : null, stated, hits, title: document.title.slice(0, 80), textLength: text.length };
}

/** Start collecting text that gets added to the document (a Q&A reply). */
function watchAdded() {
  window.__govscan_added = [];
  if (window.__govscan_obs) window.__govscan_obs.disconnect();
  const obs = new MutationObserver((muts) => {
    for (const m of muts) {
      if (m.type === 'characterData') { const t = collapse(m.target.nodeValue); if (t) window.__govscan_added.push(t); continue; }
      for (const n of m.addedNodes) { const t = collapse(n.nodeType === 1 ? n.innerText || n.textContent : n.textContent); if (t) window.__govscan_added.push(t); }
    }
  });
  obs.observe(document.body || document.documentElement, { childList: true, subtree: true, characterData: true });
  window.__govscan_obs = obs;
  return true;
}

/** Text added since watchAdded(), minus the question itself and typing indicators. */
function addedText(question) {
  const q = collapse(question);
  const added = window.__govscan_added || [];
  const echoed = added.some((t) => t.includes(q));
  // Judge on the text without the question (an echo is not a reply), but show the reply as written.
  const replies = added
    .map((t) => ({ t, rest: collapse(t.split(q).join(' ')) }))
    .filter((r) => r.rest.length >= 4 && !/^(正在输入|输入中|思考中|加载中|loading|\.+|…+)/i.test(r.rest) && !/^\d{1,2}:\d{2}(:\d{2})?$/.test(r.rest))
    .map((r) => r.t);
  replies.sort((a, b) => b.length - a.length);
  return { changed: added.length > 0, echoed, reply: replies[0] ? replies[0].slice(0, 120) : null };
}
`;

export type InPageFn =
  | 'findEntries'
  | 'textMetrics'
  | 'snapshot'
  | 'diff'
  | 'findNewInput'
  | 'findButtonNear'
  | 'findSearchInput'
  | 'searchOutcome'
  | 'watchAdded'
  | 'addedText';

/** Call one of the in-page functions with JSON arguments (RegExps as {source, flags}). */
export async function inPage<T>(target: Page | Frame, fn: InPageFn, ...args: unknown[]): Promise<T> {
  const call = `(() => {${LIB}\nreturn ${fn}(${args.map((a) => JSON.stringify(a ?? null)).join(',')});})()`;
  return (await target.evaluate(call)) as T;
}

/** RegExps do not survive JSON: send their source and flags. */
export const rxData = (list: readonly RegExp[] | undefined) => (list ?? []).map((r) => ({ source: r.source, flags: r.flags }));

// Shapes returned by the in-page functions.
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
export interface TextMetrics {
  textHeight: number;
  fontSize: number;
  visibleElements: number;
}
export interface DomDiff {
  appeared: number;
  countDelta: number;
  bodyShift: number;
  classesChanged: boolean;
  overlays: { tag: string; id: string; cls: string; position: string; width: number; height: number; controls: number; hinted: boolean; text: string }[];
}
export interface FoundInput {
  selector: string;
  tag: string;
  hint: string;
}
export interface SearchOutcome {
  noResults: string | null;
  stated: number | null;
  hits: number;
  title: string;
  textLength: number;
}
