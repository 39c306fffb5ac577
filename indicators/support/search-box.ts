/**
 * Site-search boxes on a page, by the site_search concept: a text input in a search form, or
 * outside any form and submitted by a script (its own hints, its container, the button or
 * magnifier icon beside it, its key handler). Login, paging, date and contact fields are not.
 */
import { CONCEPTS } from '../concepts/index.js';
import type { PageInput, PageModel } from '../page/model.js';
import { pathOf } from './links.js';

const S = CONCEPTS.site_search;

export interface SearchBox {
  input: PageInput;
  /** Distinct kinds of evidence, e.g. ['input hint "搜索"', 'search button']. */
  why: string[];
  action: string;
  submit: 'form' | 'script';
}

const any = (res: readonly RegExp[], s: string) => !!s && res.some((re) => re.test(s));

function tokens(s: string): string[] {
  return s.split(/[\s|]+/).filter(Boolean);
}

export function searchBoxWhy(i: PageInput): string[] {
  const why: string[] = [];
  const own = tokens(i.naming);
  const words = i.hint.replace(i.naming, ' ');
  if (own.some((t) => any(S.inputHint, t)) || any(S.inputHint, words)) why.push(`input hint "${i.hint.slice(0, 40)}"`);
  if (i.form?.url && any(S.path ?? [], pathOf(i.form.url))) why.push(`form action ${i.form.action ?? ''}`.trim());
  if (tokens(i.box).some((t) => any(S.boxIdClass, t))) why.push(`search box "${i.box.slice(0, 40)}"`);
  const btn = i.buttons.find(
    (b) => any(S.button, b.label) || tokens(b.idClass).some((t) => any(S.boxIdClass, t)) || any(S.submitCode, b.code),
  );
  if (btn) why.push(`search button "${(btn.label || btn.idClass || btn.code).slice(0, 40)}"`);
  if (any(S.submitCode, i.code)) why.push(`submit script ${i.code.slice(0, 40)}`);
  return why;
}

export function searchBoxes(m: PageModel): SearchBox[] {
  const out: SearchBox[] = [];
  for (const i of m.inputs) {
    if (i.hidden || i.readonly || i.withPassword) continue;
    // What the field asks for: its name/id/class, placeholder, title and prompt (not its container or content).
    if (any(S.notInput, i.value && S.valuePrompt.test(i.value) ? i.hint : i.asks)) continue;
    const why = searchBoxWhy(i);
    if (!why.length) continue;
    const inForm = !!i.form && !/^javascript:/i.test(i.form.action ?? '');
    out.push({
      input: i,
      why,
      action: (inForm && i.form!.url) || m.url,
      submit: inForm && !i.tag.includes('-') ? 'form' : 'script',
    });
  }
  return out.sort((a, b) => b.why.length - a.why.length);
}
