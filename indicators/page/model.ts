/**
 * The shared page model: one parse per page snapshot (cached), reduced to what a person sees.
 * Decoys are dropped here once, so no detector has to remember them: comments, <script>/<style>/
 * <template>/<noscript> content, and markup hidden by `hidden`, `aria-hidden="true"`, inline
 * `display:none`/`visibility:hidden`, or a utility class that only hides (hidden, hide, d-none …). Meta keywords/description are kept apart in `meta` and never
 * mixed into the visible text. Scripts, iframes, images and stylesheets are collected whether or
 * not they are visible (they load either way).
 *
 * Two kinds of markup a visitor does see are kept with a flag: links in a slide, tab or drop-down
 * menu that a script shows in turn (hidden by an inline style in a saved or rendered page:
 * `toggled`), and markup the page writes with inline `document.write` (`scripted`). Text inputs
 * are collected with or without a <form>, with the container and buttons around them, because
 * many portals submit their search by script.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { PageSnapshot } from '../../src/types.js';
import { ButtonFinder, clickCode, isScriptedControl } from './buttons.js';
import { limitDepth } from './depth.js';
import { type Hidden, hiddenState, isChromeEl, selectorOf, urlFromOnclick, urlOption } from './elements.js';
import { describeInput, isTextEntry } from './inputs.js';
import type { PageForm, PageLink, PageModel, PageRow } from './model-types.js';
import { readMeta, readScripts, readStylesheets } from './page-assets.js';
import { ITEM_TAGS, inArticleBody, isDatedItem, outermost, ROW_DATE } from './rows.js';
import { writtenMarkup } from './scripted.js';
import { collapse, readableLabel, TextRuns } from './text-runs.js';
import { absoluteUrl, hostOf } from './urls.js';

export { selectorOf, TOGGLE_WIDGET } from './elements.js';
export type { PageForm, PageInput, PageLink, PageModel, PageResource, PageRow, PageScript } from './model-types.js';
// The model's parts live in model-types.ts, elements.ts and inputs.ts; detectors import them from here.
export { collapse };

const BLOCK = new Set(
  'address article aside blockquote body br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul option select button label center marquee'.split(
    ' ',
  ),
);
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'head', 'svg', 'object']);

/** An unrendered template expression ($pageHelpBean.getPagePath(…), {{url}}, ${url}, <%=url%>): the link leads nowhere yet. */
const TEMPLATE_HREF = /^\$|\{\{|\$\{|<%|\{\$/;

const cache = new WeakMap<PageSnapshot, PageModel>();

/** The model of a snapshot's body, parsed once and cached by snapshot identity. */
export function pageModel(snapshot: PageSnapshot): PageModel {
  let m = cache.get(snapshot);
  if (!m) {
    m = buildModel(snapshot);
    cache.set(snapshot, m);
  }
  return m;
}

function buildModel(snapshot: PageSnapshot): PageModel {
  const html = snapshot.body ?? '';
  const $ = cheerio.load(html);
  limitDepth($.root()[0] as AnyNode);
  const baseHref = $('base[href]').attr('href');
  const pageUrl = snapshot.finalUrl || snapshot.url;
  const url = (baseHref && absoluteUrl(baseHref, pageUrl)) || pageUrl;

  const meta = readMeta($);
  const { scripts, inlineSources } = readScripts($, url);
  // Stylesheets first; frames, images and embeds are added by the walk below.
  const resources = readStylesheets($, url);

  // Text runs with how hidden they were: visible text is the shown runs; a toggled link's label also reads toggled runs.
  const texts = new TextRuns();
  const links: PageLink[] = [];
  const forms: PageForm[] = [];
  const inputEls: { el: Element; h: Hidden; chrome: boolean; scripted: boolean; form?: PageForm }[] = [];
  const rows: PageRow[] = [];
  // Level-0 text runs [start, end) of the rows walked so far, in the order they closed.
  const rowRuns: [number, number][] = [];
  const captions: string[] = [];
  const comments: string[] = [];
  const classTokens = new Set<string>();
  const attributeNames = new Set<string>();
  let scripted = false;
  const formStack: { form: PageForm; inputs: number }[] = [];

  const walk = (
    node: AnyNode,
    hidden: Hidden,
    chrome: boolean,
    extraLabel: string[] | null,
    images: { src: string; idClass: string }[] | null,
  ): void => {
    if (node.type === 'comment') {
      comments.push((node as unknown as { data: string }).data);
      return;
    }
    if (node.type === 'text') {
      if (hidden < 2) texts.push((node as unknown as { data: string }).data, hidden);
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root' && node.type !== 'script' && node.type !== 'style') return;
    if (node.type === 'root') {
      for (const c of (node as unknown as { children: AnyNode[] }).children)
        walk(c, hidden, chrome, extraLabel, images);
      return;
    }
    const el = node as Element;
    const tag = el.name.toLowerCase();
    for (const t of `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.split(/\s+/))
      if (t) classTokens.add(t.toLowerCase());
    for (const k of Object.keys(el.attribs)) attributeNames.add(k.toLowerCase());
    if (SKIP.has(tag)) {
      // <head> holds no visible content; comments inside it still matter for fingerprints.
      if (tag === 'head')
        $(el)
          .contents()
          .each((_, c) => void (c.type === 'comment' && comments.push((c as unknown as { data: string }).data)));
      return;
    }
    const hid = Math.max(hidden, hiddenState(el)) as Hidden;
    const chr = chrome || isChromeEl(el);

    if (tag === 'iframe' || tag === 'frame' || tag === 'img' || tag === 'embed') {
      const src = (el.attribs.src ?? el.attribs['data-src'] ?? el.attribs['data-original'] ?? '').trim();
      if (src) {
        const abs = absoluteUrl(src, url);
        resources.push({
          tag: tag === 'frame' ? 'iframe' : (tag as 'iframe' | 'img' | 'embed'), // <frame> of old framesets acts as an iframe
          src,
          url: abs,
          host: abs ? hostOf(abs) : undefined,
          alt: el.attribs.alt,
          title: el.attribs.title,
          hidden: hid === 2,
          selector: selectorOf(el),
          inChrome: chr,
          inLink: !!images,
        });
      }
      if (tag === 'img' && hid < 2 && extraLabel) extraLabel.push(el.attribs.alt ?? '', el.attribs.title ?? '');
      if (tag === 'img' && hid < 2 && images && src)
        images.push({ src, idClass: `${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`.trim() });
      return;
    }
    if (tag === 'input' && hid < 2 && extraLabel) {
      const t = (el.attribs.type ?? '').toLowerCase();
      if (t === 'button' || t === 'submit' || t === 'image')
        extraLabel.push(el.attribs.value ?? '', el.attribs.alt ?? '');
    }
    if (isTextEntry(el)) inputEls.push({ el, h: hid, chrome: chr, scripted, form: formStack.at(-1)?.form });

    const block = BLOCK.has(tag);
    if (block && hid < 2) texts.push(' ', hid);
    const start = texts.mark();
    const onclick = clickCode(el);
    // A friend-link <select> navigates to its options' addresses: each such option is a link.
    const dataHref =
      el.attribs['data-href'] ?? el.attribs['data-url'] ?? (tag === 'option' ? urlOption(el) : undefined);
    const isLink =
      tag === 'a' || tag === 'area'
        ? !!(el.attribs.href || onclick)
        : !!(onclick || dataHref) || isScriptedControl(el, formStack.length > 0);
    const label: string[] | null = isLink ? [] : extraLabel;
    const linkImages = isLink ? [] : images;
    const rowStart = links.length;
    const rowsBefore = rowRuns.length;
    if (tag === 'form' && hid < 2) {
      const action = el.attribs.action?.trim();
      formStack.push({
        form: {
          action,
          url:
            action && !/^javascript:/i.test(action)
              ? absoluteUrl(action, url)
              : action === '' || action === undefined
                ? url
                : undefined,
          method: (el.attribs.method ?? 'get').toLowerCase(),
          inputs: [],
          text: '',
          selector: selectorOf(el),
        },
        inputs: inputEls.length,
      });
    }

    for (const c of el.children) walk(c, hid, chr, label, linkImages);
    if (block && hid < 2) texts.push(' ', hid);

    if (isLink && hid < 2) {
      const text = texts.textSince(start, hid);
      // href="javascript:void(0)" onclick="window.open('…')": the address is the script's.
      const href = el.attribs.href?.trim();
      const scriptHref = !href || /^(javascript:|#$)/i.test(href);
      const rawHref = (
        (scriptHref ? (dataHref ?? urlFromOnclick(`${onclick ?? ''} ${href ?? ''}`)) : undefined) ??
        href ??
        dataHref
      )?.trim();
      const abs =
        rawHref && !/^(javascript:|#|mailto:|tel:)/i.test(rawHref) && !TEMPLATE_HREF.test(rawHref)
          ? absoluteUrl(rawHref, url)
          : undefined;
      const labelText = readableLabel(
        [
          text,
          ...(label ?? []),
          el.attribs.title ?? '',
          el.attribs['aria-label'] ?? '',
          tag === 'area' ? (el.attribs.alt ?? '') : '',
        ].join(' '),
      );
      links.push({
        href: rawHref,
        url: abs,
        host: abs ? hostOf(abs) || undefined : undefined,
        text,
        label: labelText,
        onclick,
        id: el.attribs.id,
        className: el.attribs.class,
        tag,
        selector: selectorOf(el),
        inChrome: chr,
        inDatedRow: false,
        inArticle: inArticleBody(el),
        images: (linkImages ?? []).map((i) => i.src),
        imageIdClass: (linkImages ?? [])
          .map((i) => i.idClass)
          .join(' ')
          .trim(),
        toggled: hid === 1,
        scripted,
      });
      if (extraLabel) extraLabel.push(labelText);
      if (images) for (const i of linkImages ?? []) images.push(i);
    }
    if (hid === 0 && (block || tag === 'span' || tag === 'font' || tag === 'em' || tag === 'strong')) {
      const t = texts.shortTextSince(start, 30);
      if (t) captions.push(t);
    }
    if (hid === 0 && (tag === 'li' || tag === 'tr' || tag === 'dd')) {
      const rowText = texts.textSince(start, 0);
      const rowLinks = links.slice(rowStart);
      // Dated by its own text: layout tables nest a whole dated list inside one outer row, and the
      // mailbox links beside that list are not news items.
      if (ROW_DATE.test(texts.shownTextOutside(start, outermost(rowRuns.slice(rowsBefore)))))
        for (const l of rowLinks) l.inDatedRow = true;
      rows.push({ text: rowText, links: rowLinks, inChrome: chr, selector: selectorOf(el), tag });
      rowRuns.push([start[0], texts.mark()[0]]);
    } else if (hid === 0 && ITEM_TAGS.has(tag) && links.length === rowStart + 1) {
      const link = links[rowStart]!;
      if (isDatedItem(texts.shortTextSince(start, 120), link.label)) link.inDatedRow = true;
    }
    if (tag === 'form' && hid < 2) {
      const { form, inputs: firstInput } = formStack.pop()!;
      const $f = $(el);
      for (const i of inputEls.slice(firstInput))
        if (i.el.name === 'input' || i.el.name === 'textarea')
          form.inputs.push([i.el.attribs.name, i.el.attribs.id, i.el.attribs.placeholder].filter(Boolean).join(' '));
      const buttons = $f
        .find('input[type=submit], input[type=button], input[type=image], button')
        .map((_, b) => b.attribs.value ?? b.attribs.alt ?? $(b).text())
        .get();
      form.text = collapse([texts.textSince(start, 0), ...buttons].join(' '));
      forms.push(form);
    }
  };
  walk($.root()[0] as AnyNode, 0, false, null, null);
  const buttonFinder = new ButtonFinder(isTextEntry);

  // Markup the page writes with inline document.write: what the browser shows at that spot.
  scripted = true;
  for (const inline of inlineSources) {
    const written = writtenMarkup(inline);
    if (!written) continue;
    const root = cheerio.load(written, null, false).root()[0] as AnyNode;
    limitDepth(root);
    walk(root, 0, false, null, null);
  }

  return {
    snapshot,
    url,
    text: texts.all(),
    title: collapse($('title').first().text()),
    links,
    scripts,
    resources,
    forms,
    inputs: inputEls.map((i) => describeInput(buttonFinder, i, url)),
    rows,
    captions,
    meta,
    comments,
    classTokens,
    attributeNames,
    html,
  };
}
