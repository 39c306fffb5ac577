/**
 * The submit-like controls around a text input: what `$(scope).find(BUTTONISH)` with a text and
 * container test per match used to compute for every input. On a page-wide <form> (ASP.NET
 * portals) or a big container that was O(inputs × page), and each match's `.text()` again
 * O(its subtree). Here the scan of a scope is done once and shared by every input in it, stops
 * at the twelfth control, and an element's short text and "holds an input" are computed once.
 */
import type { AnyNode, Element } from 'domhandler';
import { collapse } from './text-runs.js';

export interface InputButton {
  label: string;
  idClass: string;
  code: string;
}

const MAX_BUTTONS = 12;
/** A button's visible label is short; longer text means a container. */
const MAX_LABEL = 12;

/** The tags of `button, a, el-button, a-button, i, span, img, em, label, li, div` (BUTTONISH without attributes). */
const BUTTON_TAGS = new Set(['button', 'a', 'el-button', 'a-button', 'i', 'span', 'img', 'em', 'label', 'li', 'div']);
/** input[type=submit|button|image]: `type` values compare without case in HTML selectors. */
const BUTTON_INPUT_TYPES = new Set(['submit', 'button', 'image']);

const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const childrenOf = (n: AnyNode): AnyNode[] => (n as { children?: AnyNode[] }).children ?? [];

export function attrsWith(el: Element, test: (name: string) => boolean): string {
  return Object.entries(el.attribs)
    .filter(([k]) => test(k))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** Event handler attributes, plain and of frameworks (onclick, @keyup.enter, v-on:click, (click)). */
export const isHandler = (k: string) => /^(on\w+|@[\w.:-]+|v-on:[\w.:-]+|\(\w+\))$/i.test(k);

/** Click bindings of frameworks, in templates served as HTML (<div @click="openRobot">智能客服</div>). */
const CLICK_BINDING = /^(@click|v-on:click|ng-click|data-ng-click|\(click\)|x-on:click)([.:].*)?$/i;

/** The code an element runs when clicked: its onclick, else a framework's click binding. */
export function clickCode(el: Element): string | undefined {
  if (el.attribs.onclick) return el.attribs.onclick;
  const k = Object.keys(el.attribs).find((a) => CLICK_BINDING.test(a));
  return k ? el.attribs[k] || undefined : undefined;
}

const CONTROL_ROLE = /^(button|link|menuitem|tab|switch)$/i;

/**
 * An element a script makes clickable that says so in its markup: a <button> that submits no form,
 * role=button/link/menuitem/tab, or tabindex="0" (frameworks leave no handler in a rendered DOM,
 * and jQuery binds them from script files). One that holds a real link is not: the link is the entry.
 */
export function isScriptedControl(el: Element, inForm: boolean): boolean {
  const a = el.attribs;
  const signalled =
    el.name === 'button'
      ? (a.type ?? '').toLowerCase() === 'button' || !inForm
      : CONTROL_ROLE.test(a.role ?? '') || a.tabindex === '0';
  return signalled && !descendantElements(el).some((e) => e.name === 'a' && !!e.attribs.href);
}

function matchesButtonish(el: Element): boolean {
  if (BUTTON_TAGS.has(el.name)) return true;
  if (el.name === 'input' && BUTTON_INPUT_TYPES.has((el.attribs.type ?? '').toLowerCase())) return true;
  return 'onclick' in el.attribs || el.attribs.role === 'button';
}

/** Text as cheerio's `.text()` gives it (text of every descendant, comments excepted), collapsed; whitespace flags let parents join children exactly. */
interface ShortText {
  /** Collapsed text, or undefined when it is longer than MAX_LABEL. */
  text: string | undefined;
  lead: boolean;
  trail: boolean;
}

const WS_START = /^[\s\u00a0\u3000\u200b\ufeff]/;
const WS_END = /[\s\u00a0\u3000\u200b\ufeff]$/;
const EMPTY: ShortText = { text: '', lead: false, trail: false };

export class ButtonFinder {
  private readonly shortTexts = new WeakMap<AnyNode, ShortText>();
  private readonly holdsInput = new WeakMap<AnyNode, boolean>();
  private readonly byScope = new WeakMap<Element, InputButton[]>();

  constructor(private readonly isTextEntry: (el: Element) => boolean) {}

  /** Up to 12 controls inside `scope`, in document order. */
  buttonsIn(scope: Element): InputButton[] {
    let found = this.byScope.get(scope);
    if (!found) {
      found = this.scan(scope);
      this.byScope.set(scope, found);
    }
    return found;
  }

  private scan(scope: Element): InputButton[] {
    const out: InputButton[] = [];
    const stack: AnyNode[] = [...childrenOf(scope)].reverse();
    while (stack.length && out.length < MAX_BUTTONS) {
      const n = stack.pop()!;
      const kids = childrenOf(n);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
      if (!isElement(n) || !matchesButtonish(n) || this.isTextEntry(n)) continue;
      const button = this.describe(n);
      if (button) out.push(button);
    }
    return out;
  }

  private describe(el: Element): InputButton | undefined {
    const text = this.shortText(el).text;
    if (text === undefined || this.containsInput(el)) return undefined; // a container, not a button
    const label = collapse(
      [text, el.attribs.value, el.attribs.title, el.attribs.alt, el.attribs['aria-label']].filter(Boolean).join(' '),
    );
    const below = descendantElements(el);
    // A magnifier is often only an image: its file name (search.png, button_ss.gif) says what it is.
    const imgNames = [el, ...below.filter((x) => x.name === 'img')]
      .map((x) =>
        (x.attribs.src ?? '')
          .split(/[?#]/)[0]!
          .split('/')
          .pop()!
          .replace(/\.\w+$/, ''),
      )
      .filter(Boolean);
    const inner = below
      .filter((c) => 'class' in c.attribs || 'id' in c.attribs)
      .map((c) => `${c.attribs.id ?? ''} ${c.attribs.class ?? ''}`);
    const idClass = [el.attribs.id, el.attribs.class, el.attribs.icon, ...imgNames, ...inner]
      .filter(Boolean)
      .join(' ')
      .trim();
    const href = el.attribs.href ?? '';
    const code = [attrsWith(el, isHandler), /^javascript:/i.test(href) ? href : ''].filter(Boolean).join(' ');
    return label || idClass || code ? { label, idClass, code } : undefined;
  }

  /** Collapsed text of a node when short, computed once per node from its children's. */
  private shortText(node: AnyNode): ShortText {
    const known = this.shortTexts.get(node);
    if (known) return known;
    let result: ShortText;
    if (node.type === 'text') {
      const raw = (node as unknown as { data: string }).data;
      const c = collapse(raw);
      result = { text: c.length > MAX_LABEL ? undefined : c, lead: WS_START.test(raw), trail: WS_END.test(raw) };
    } else if (node.type === 'comment' || !Array.isArray((node as { children?: unknown }).children)) {
      result = EMPTY;
    } else {
      result = this.join(childrenOf(node).map((c) => this.shortText(c)));
    }
    this.shortTexts.set(node, result);
    return result;
  }

  private join(parts: ShortText[]): ShortText {
    let text = '';
    let lead = false;
    let space = false;
    let started = false;
    for (const p of parts) {
      if (p.text === undefined) return { text: undefined, lead: false, trail: false };
      if (!p.text) {
        if (!started) lead ||= p.lead || p.trail;
        else space ||= p.lead || p.trail;
        continue;
      }
      if (!started) {
        lead ||= p.lead;
        text = p.text;
        started = true;
      } else text += (space || p.lead ? ' ' : '') + p.text;
      if (text.length > MAX_LABEL) return { text: undefined, lead: false, trail: false };
      space = p.trail;
    }
    return { text, lead, trail: started ? space : lead };
  }

  /** `$(el).find('input').length > 0`, computed once per node. */
  private containsInput(node: AnyNode): boolean {
    const known = this.holdsInput.get(node);
    if (known !== undefined) return known;
    const result = childrenOf(node).some((c) => (isElement(c) && c.name === 'input') || this.containsInput(c));
    this.holdsInput.set(node, result);
    return result;
  }
}

/** Descendant elements in document order (what `$(el).find('*')` visits). */
export function descendantElements(el: Element): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [...childrenOf(el)].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (isElement(n)) out.push(n);
    const kids = childrenOf(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}
