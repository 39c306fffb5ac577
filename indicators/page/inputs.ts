/** Text inputs of the page model: what counts as one, and how one is described with the buttons around it. */
import type { Element } from 'domhandler';
import { attrsWith, type ButtonFinder, descendantElements, isHandler } from './buttons.js';
import { type Hidden, selectorOf } from './elements.js';
import type { PageForm, PageInput } from './model-types.js';
import { collapse } from './text-runs.js';
import { absoluteUrl } from './urls.js';

const TEXT_TYPES = new Set(['', 'text', 'search']);
/** Input components of UI frameworks (<el-input>, <a-input-search>, <van-search>) before a script renders them. */
const INPUT_COMPONENT = /^[a-z]+-(input|search|autocomplete)(-|$)|-(input|search)$/;

export function isTextEntry(el: Element): boolean {
  if (el.name === 'input') return TEXT_TYPES.has((el.attribs.type ?? '').toLowerCase().trim());
  return el.name.includes('-') && INPUT_COMPONENT.test(el.name);
}

/** Element ancestors, nearest first (what `$(el).parents()` gives), at most `n`. */
function ancestorsOf(el: Element, n: number): Element[] {
  const out: Element[] = [];
  for (
    let p = el.parent;
    p && out.length < n && (p.type === 'tag' || p.type === 'script' || p.type === 'style');
    p = p.parent
  )
    out.push(p as Element);
  return out;
}

const isPassword = (e: Element) => e.name === 'input' && (e.attribs.type ?? '').toLowerCase() === 'password';

/** The nearest enclosing <form> (`$(el).closest('form')`); the depth limit keeps this walk short. */
function enclosingForm(el: Element): Element | undefined {
  for (let p = el.parent; p && p.type === 'tag'; p = p.parent) if ((p as Element).name === 'form') return p as Element;
  return undefined;
}

export function describeInput(
  finder: ButtonFinder,
  i: { el: Element; h: Hidden; chrome: boolean; scripted: boolean; form?: PageForm },
  pageUrl: string,
): PageInput {
  const a = i.el.attribs;
  const naming = [a.name, a.id, a.class].filter(Boolean).join(' ');
  const labels = [naming, a.placeholder, a[':placeholder'], a.title, a['aria-label']];
  const hint = [...labels, a.value, a['data-default']].filter(Boolean).join(' ');
  const asks = [...labels, a['data-default']].filter(Boolean).join(' ');
  const ancestors = ancestorsOf(i.el, 3);
  const box = ancestors
    .map((p) => `${p.attribs.id ?? ''} ${p.attribs.class ?? ''}`.trim())
    .filter(Boolean)
    .join(' | ');
  // The controls that submit it: its form's, else those within two ancestors (a search box is input + icon).
  const formEl = enclosingForm(i.el);
  const scope = formEl ?? ancestors[1] ?? ancestors[0];
  const buttons: PageInput['buttons'] = scope ? [...finder.buttonsIn(scope)] : [];
  // A password beside it (its own small form, else its nearest ancestors; not a page-wide ASP.NET form).
  const near = formEl && ancestors.includes(formEl) ? formEl : (ancestors[1] ?? ancestors[0]);
  return {
    tag: i.el.name,
    hint: collapse(hint),
    asks: collapse(asks),
    ...(a.value?.trim() ? { value: collapse(a.value) } : {}),
    naming,
    code: attrsWith(i.el, isHandler),
    box,
    buttons,
    ...(i.form
      ? { form: { action: i.form.action, url: i.form.url } }
      : formEl
        ? {
            form: {
              action: formEl.attribs.action,
              url: formEl.attribs.action ? absoluteUrl(formEl.attribs.action, pageUrl) : pageUrl,
            },
          }
        : {}),
    ...(near && descendantElements(near).some(isPassword) ? { withPassword: true } : {}),
    readonly: 'readonly' in a || 'disabled' in a,
    hidden: i.h === 2,
    toggled: i.h === 1,
    inChrome: i.chrome,
    scripted: i.scripted,
    selector: selectorOf(i.el),
  };
}
