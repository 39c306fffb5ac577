/**
 * Page functions that find what verification acts on: entries, a new input, the button beside an
 * input, the site-search box. They run in the page (see ./dom.ts for the rules); each found element
 * gets a data-govscan-entry mark so Playwright can point at it.
 */
import type * as dom from './dom.js';

// Serialised beside these functions in the page (inpage.ts); declared here for the type checker only.
declare const CLICKABLE: typeof dom.CLICKABLE;
declare const collapse: typeof dom.collapse;
declare const rx: typeof dom.rx;
declare const anyRx: typeof dom.anyRx;
declare const classOf: typeof dom.classOf;
declare const pageState: typeof dom.pageState;
declare const isVisible: typeof dom.isVisible;
declare const labelOf: typeof dom.labelOf;
declare const isTextInput: typeof dom.isTextInput;

type Rx = dom.RxData[] | undefined;

export interface EntrySpec {
  text?: Rx;
  notText?: Rx;
  idOrClass?: Rx;
  onclick?: Rx;
  href?: Rx;
  image?: Rx;
  /** id/class of a slide, tab or menu that shows hidden entries in their turn. */
  toggle: dom.RxData;
  notHost?: Rx;
  notPath?: Rx;
  mark: string;
  limit?: number;
}

interface Candidate {
  el: Element;
  score: number;
  label: string;
  href: string;
  why: string;
  visible: boolean;
  inTurn: boolean;
  tag: string;
}

/** Entries matching the signals, best first; each gets a data-govscan-entry mark. */
export function findEntries(spec: EntrySpec) {
  const root = document.body;
  if (!root) return [];
  const found: Candidate[] = [];
  const els = Array.from(root.querySelectorAll(`${CLICKABLE},img,span,div,li,i,em,p,label`));
  for (const el of els) {
    const clickable = el.matches(CLICKABLE);
    if (!clickable && el.children.length > 3) continue; // a container, not an entry
    const label = labelOf(el);
    if (label.length > (clickable ? 30 : 16)) continue;
    const idc = `${el.id || ''} ${classOf(el)}`;
    const href = el.getAttribute('href') || '';
    // A look-alike target (a certification badge's host, 网站导航) is not the entry, whatever it shows.
    const small = el.children.length <= 2 && el.querySelector;
    const img = el.tagName === 'IMG' ? el : small ? el.querySelector('img') : null;
    const outer = el.closest?.('a[href]') || img?.closest('a[href]') || el;
    const to = outer.getAttribute('href') || '';
    const target = (() => {
      try {
        return /^javascript:/i.test(to) || !to ? null : new URL(to, location.href);
      } catch {
        return null;
      }
    })();
    if (target && (anyRx(spec.notHost, target.hostname) || anyRx(spec.notPath, target.pathname))) continue;
    const code = `${el.getAttribute('onclick') || ''} ${/^javascript:/i.test(href) ? href : ''}`;
    let score = 0;
    const why: string[] = [];
    if (label && anyRx(spec.text, label) && !anyRx(spec.notText, label)) {
      score += 3;
      why.push(`text "${label}"`);
    }
    if (
      anyRx(spec.idOrClass, el.id || '') ||
      classOf(el)
        .split(/\s+/)
        .some((c) => anyRx(spec.idOrClass, c))
    ) {
      score += 2;
      why.push(`id/class "${collapse(idc)}"`);
    }
    if (code.trim() && anyRx(spec.onclick, code)) {
      score += 3;
      why.push(`onclick "${collapse(code).slice(0, 60)}"`);
    }
    if (href && !/^javascript:/i.test(href) && anyRx(spec.href, href)) {
      score += 1;
      why.push(`href ${href.slice(0, 80)}`);
    }
    const file = img
      ? String(img.getAttribute('src') || '')
          .split(/[?#]/)[0]!
          .split('/')
          .pop()
      : '';
    if (file && label.length <= 6 && anyRx(spec.image, file)) {
      score += 2;
      why.push(`image ${file}`);
    }
    if (!score) continue;
    const vis = isVisible(el);
    if (vis) score += 2;
    if (clickable) score += 1;
    // Hidden inside a slide, tab or menu: shown in its turn (the same widgets the page model knows).
    let inTurn = false;
    for (let p = el.parentElement, d = 0; !vis && p && d < 4 && !inTurn; p = p.parentElement, d++)
      inTurn = anyRx([spec.toggle], `${p.id || ''} ${classOf(p)}`);
    found.push({ el, score, label, href, why: why.join(', '), visible: vis, inTurn, tag: el.tagName.toLowerCase() });
  }
  // An element inside a matching clickable ancestor is the same entry: keep the ancestor.
  const kept = found.filter(
    (f) => !found.some((g) => g !== f && g.el.contains(f.el) && g.el.matches(CLICKABLE) && g.score >= f.score - 1),
  );
  kept.sort((a, b) => b.score - a.score);
  return kept.slice(0, spec.limit || 4).map((f, i) => {
    const mark = `${spec.mark}-${i}`;
    f.el.setAttribute('data-govscan-entry', mark);
    const { label, href, why, visible, inTurn, tag } = f;
    return { selector: `[data-govscan-entry="${mark}"]`, label, href, why, visible, inTurn, tag };
  });
}

/** A visible text input that was not there (or not visible) at snapshot(key); any visible one when key is null. */
export function findNewInput(key: string | null, mark: string) {
  const before = key ? (pageState()[`__govscan_${key}`] as dom.Snapshot | undefined) : null;
  const els = Array.from(document.querySelectorAll('input,textarea,[contenteditable=""],[contenteditable=true]'));
  const cands: { el: Element; area: number; tag: string; hint: string }[] = [];
  for (const el of els) {
    const field = el as HTMLInputElement;
    if (!isTextInput(el) || !isVisible(el) || field.disabled || field.readOnly) continue;
    if (before?.seen.has(el) && before.shown.has(el)) continue;
    const r = el.getBoundingClientRect();
    const hint = collapse(el.getAttribute('placeholder') || el.getAttribute('aria-label') || '');
    cands.push({ el, area: r.width * r.height, tag: el.tagName.toLowerCase(), hint });
  }
  if (!cands.length) return null;
  cands.sort((a, b) => b.area - a.area); // the chat box is usually the largest new field
  const c = cands[0]!;
  c.el.setAttribute('data-govscan-entry', mark);
  return { selector: `[data-govscan-entry="${mark}"]`, tag: c.tag, hint: c.hint };
}

/** A visible button near the input (same form or container) whose label, id/class or onclick code matches. */
export function findButtonNear(inputSelector: string, labels: Rx, mark: string, idClass?: Rx, code?: Rx) {
  const input = document.querySelector(inputSelector);
  if (!input) return null;
  const kinds =
    'button,input[type=submit],input[type=button],input[type=image],a,[onclick],[role=button],span,div,i,img';
  let scope = input.closest('form') || input.parentElement;
  for (let depth = 0; scope && depth < 4; depth++, scope = scope.parentElement) {
    for (const b of Array.from(scope.querySelectorAll(kinds))) {
      if (b === input || b.contains(input) || !isVisible(b)) continue;
      const label = labelOf(b);
      const idc = `${b.id || ''} ${classOf(b)}`;
      const typeSubmit =
        (b.tagName === 'INPUT' && /^(submit|image)$/i.test(b.getAttribute('type') || '')) ||
        (b.tagName === 'BUTTON' && (b.getAttribute('type') || 'submit') === 'submit' && b.closest('form'));
      const named =
        !label &&
        b.children.length <= 2 &&
        (idClass ? idc.split(/\s+/).some((t) => anyRx(idClass, t)) : /search|sousuo|btn|submit|send/i.test(idc));
      const scripted = code && anyRx(code, `${b.getAttribute('onclick') || ''} ${b.getAttribute('href') || ''}`);
      if ((label && label.length <= 8 && anyRx(labels, label)) || typeSubmit || named || scripted) {
        b.setAttribute('data-govscan-entry', mark);
        return { selector: `[data-govscan-entry="${mark}"]`, label };
      }
    }
  }
  return null;
}

export interface SearchInputSpec {
  inputHint: Rx;
  notInput: Rx;
  valuePrompt: Rx;
  boxIdClass: Rx;
  submitCode: Rx;
  button: Rx;
  action: Rx;
  mark: string;
}

/**
 * The site-search input (the site_search concept, as static detection reads it): its own hints,
 * its form's action, a search container, a search button or magnifier icon beside it, or a key
 * handler that submits; login, paging, date and contact fields are not search boxes.
 */
export function findSearchInput(spec: SearchInputSpec) {
  const cands: { el: Element; score: number; form: boolean; action: string }[] = [];
  const near = 'button,input[type=submit],input[type=button],input[type=image],a,[onclick],span,div,i,img';
  const tokens = (s: unknown) =>
    String(s || '')
      .split(/\s+/)
      .filter(Boolean);
  for (const el of Array.from(document.querySelectorAll('input'))) {
    if (!isTextInput(el) || !isVisible(el) || el.disabled || el.readOnly) continue;
    const form = el.closest('form');
    // A password beside it makes a login or a letter lookup (as static detection reads it).
    const up = [el.parentElement, el.parentElement?.parentElement, el.parentElement?.parentElement?.parentElement];
    const beside = form && up.includes(form) ? form : (up[1] ?? up[0]);
    if (beside?.querySelector('input[type=password]')) continue;
    const own = [el.getAttribute('name'), el.id, classOf(el)].map(collapse).filter(Boolean);
    // A value counts as what the field asks for only when it is a prompt; else it is content (a query).
    const prompt = anyRx(spec.valuePrompt, el.value) ? el.value : '';
    const attrs = [el.getAttribute('placeholder'), el.getAttribute('title'), el.getAttribute('aria-label'), prompt];
    const asks = [...own, ...attrs].map(collapse).filter(Boolean);
    if (asks.some((h) => anyRx(spec.notInput, h))) continue;
    const hints = [...asks, collapse(el.value)].filter(Boolean);
    let score = 0;
    const hinted = (t: string) => anyRx(spec.inputHint, t);
    if (own.flatMap(tokens).some(hinted) || hints.some(hinted)) score += 3;
    if (form && anyRx(spec.action, form.getAttribute('action') || '')) score += 2;
    const box: string[] = [];
    for (let p = el.parentElement, d = 0; p && d < 3; p = p.parentElement, d++)
      box.push(...tokens(p.id), ...tokens(classOf(p)));
    if (box.some((t) => anyRx(spec.boxIdClass, t))) score += 2;
    const code = Array.from(el.attributes)
      .filter((a) => /^on/i.test(a.name))
      .map((a) => a.value)
      .join(' ');
    if (anyRx(spec.submitCode, code)) score += 2;
    const scope = form || el.parentElement?.parentElement || el.parentElement;
    const buttons = scope ? Array.from(scope.querySelectorAll(near)) : [];
    const isButton = (b: Element) =>
      b !== el &&
      !b.contains(el) &&
      (anyRx(spec.button, labelOf(b)) ||
        tokens(`${b.id} ${classOf(b)}`).some((t) => anyRx(spec.boxIdClass, t)) ||
        anyRx(spec.submitCode, b.getAttribute('onclick') || ''));
    if (buttons.some(isButton)) score += 2;
    if (score >= 2) cands.push({ el, score, form: !!form, action: form ? form.getAttribute('action') || '' : '' });
  }
  cands.sort((a, b) => b.score - a.score);
  const c = cands[0];
  if (!c) return null;
  c.el.setAttribute('data-govscan-entry', spec.mark);
  return { selector: `[data-govscan-entry="${spec.mark}"]`, inForm: c.form, action: c.action, score: c.score };
}

export const FIND_FUNCTIONS = { findEntries, findNewInput, findButtonNear, findSearchInput };
