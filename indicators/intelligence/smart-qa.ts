import type { Evidence, SiteArtifacts } from '../../src/types.js';
import { CONCEPTS } from '../concepts/index.js';
import { QA_KINDS } from '../concepts/smart-qa.js';
import { defineIndicator } from '../define.js';
import { pageModel } from '../page/model.js';
import { absent, linkEvidence, pageEvidence, plainEvidence, present } from '../support/evidence.js';
import { absenceEvidence, type View } from '../support/home.js';
import { entryConfidence, linkVia, matchConcept } from '../support/links.js';
import { interactionEvidence, interactionFor } from '../support/mode.js';

type Via = 'link' | 'button' | 'widget_script' | 'iframe';
type Kind = 'llm' | 'rule' | 'human' | 'unknown';

const any = (res: RegExp[], s: string) => !!s && res.some((re) => re.test(s));

/** What answers, from the entry's wording and URLs; an unworded entry is upgraded only by a crawled Q&A page naming a model. */
function qaKind(site: SiteArtifacts, text: string, url: string): { kind: Kind; why: string } {
  if (any(QA_KINDS.llm, text) || any(QA_KINDS.llmWidget, url))
    return { kind: 'llm', why: 'large-model wording or widget' };
  if (any(QA_KINDS.human, text)) return { kind: 'human', why: 'staffed-service wording' };
  const qaPage = site.pages.find((p) => p.role === 'smart_qa' && p.status === 'ok' && typeof p.body === 'string');
  if (qaPage) {
    const m = pageModel(qaPage);
    if (any(QA_KINDS.llm, `${m.title} ${m.text.slice(0, 2000)}`))
      return { kind: 'llm', why: 'the Q&A page names a large model' };
  }
  return text.trim()
    ? { kind: 'rule', why: 'Q&A wording without large-model signals' }
    : { kind: 'unknown', why: 'the entry is not worded' };
}

const QA = CONCEPTS.smart_qa;
/** A widget (script, iframe, request) of a Q&A assistant, by the concept's script fingerprints. */
const isWidget = (url: string) => QA.scripts.some((f) => f.src.test(url));

/** A Q&A widget embedded in a view: an iframe or a script whose URL matches the concept's fingerprints. */
function widgetHit(v: View, tag: 'iframe' | 'script', el: { selector: string; url?: string }, conf: number) {
  const ev = pageEvidence(v.page, tag, { selector: el.selector, pattern: 'concept smart_qa scripts', snippet: el.url });
  const via: Via = tag === 'iframe' ? 'iframe' : 'widget_script';
  return { via, url: el.url, conf, rendered: v.rendered, ev };
}

export default defineIndicator({
  id: 'smart_qa',
  dimension: 'intelligence',
  order: 1,
  name: { zh: '智能问答', en: 'Intelligent Q&A' },
  measures:
    'An entry to an intelligent Q&A / 智能客服 (label such as 智能问答, 智能客服, AI问答, 搜问, named assistants 智小X; a robot image; host or path like /znwd/ or /robot/), a Q&A iframe, or a widget script; what answers (kind: a large model by 大模型 / model names / 智能体 / generative-chat widgets, a staffed 在线客服, else a FAQ robot); the browser check outcome when it ran. Font names (Roboto) and robots meta are not signals.',
  standard: 'UESTC 服务智慧能力 — 智能交互; UN LOSI real-time communication.',
  presentMeans:
    'A Q&A entry, iframe or widget exists; an entry the browser check found not working is still present with value.verified = not_working.',
  valueFields: {
    via: 'link | button | widget_script | iframe',
    url: 'entry or widget URL',
    text: 'label',
    kind: 'llm (大模型, named models, 智能体) | rule (FAQ / keyword robot) | human (在线客服) | unknown (unworded entry)',
    verified: 'browser check: verified | not_working | not_found',
    answered: 'browser check asked the fixed question (audit.qaQuestion, default 如何办理居住证): whether a reply came',
    reply: "the reply's first line (≤ 200 characters), as evidence of what the assistant says",
  },
  needs: ['home', 'rendered', 'interactions'],
  detect(site, { views }) {
    const inter = interactionFor(site, 'smart_qa');
    const verified = inter && inter.outcome !== 'error' ? inter.outcome : undefined;
    const exchange = inter?.asked
      ? { answered: inter.asked.answered, ...(inter.asked.reply ? { reply: inter.asked.reply } : {}) }
      : {};
    let hit: { via: Via; url?: string; text?: string; ev: Evidence; conf: number; rendered: boolean } | undefined;
    for (const v of views) {
      const m = matchConcept(v.model, QA)[0];
      if (m) {
        const l = m.link;
        hit = {
          via: linkVia(l),
          url: l.url,
          text: l.label || undefined,
          conf: entryConfidence(m),
          rendered: v.rendered,
          ev: linkEvidence(v.page, l, m.pattern),
        };
        break;
      }
      const fr = v.model.resources.find((r) => r.tag === 'iframe' && !!r.url && isWidget(r.url));
      if (fr) {
        hit = { ...widgetHit(v, 'iframe', fr, 0.8), text: fr.title };
        break;
      }
      const sc = v.model.scripts.find((s) => !!s.url && isWidget(s.url));
      if (sc) {
        hit = { ...widgetHit(v, 'script', sc, 0.7), text: sc.attrs['data-title'] || sc.attrs.title || undefined };
        break;
      }
      const rq = (v.page.requests ?? []).find((r) => isWidget(r.url));
      if (rq) {
        hit = {
          via: 'widget_script',
          url: rq.url,
          conf: 0.6,
          rendered: true,
          ev: plainEvidence('request', rq.url, {
            pattern: 'concept smart_qa scripts',
            snippet: `${rq.resourceType} ${rq.url}`,
            fetchedAt: v.page.fetchedAt,
            rendered: true,
          }),
        };
        break;
      }
    }
    const evidence = hit ? [hit.ev] : [];
    if (inter) evidence.push(interactionEvidence(site, inter));
    if (hit) {
      const k = qaKind(site, hit.text ?? '', hit.url ?? '');
      const value = {
        via: hit.via,
        kind: k.kind,
        ...(hit.url ? { url: hit.url } : {}),
        ...(hit.text ? { text: hit.text } : {}),
        ...(verified ? { verified } : {}),
        ...exchange,
      };
      return present(
        value,
        hit.conf,
        `Q&A ${hit.via} found${hit.text ? ` ("${hit.text.slice(0, 30)}")` : ''}${hit.rendered ? ' in the rendered page' : ''}; kind ${k.kind} (${k.why})${verified ? `; browser check: ${verified}` : ''}.`,
        evidence,
        hit.rendered,
      );
    }
    if (verified === 'verified')
      return present(
        { via: 'button', kind: 'unknown', verified, ...exchange },
        0.75,
        `No Q&A markup found, but the browser check opened one: ${inter!.detail}.`,
        evidence,
        true,
      );
    return absent(undefined, 0.75, 'No 智能问答 / 智能客服 link, button, iframe or widget script on the homepage.', [
      ...absenceEvidence(views, 'concept smart_qa (labels, images, hosts, paths, widget scripts)'),
      ...evidence,
    ]);
  },
});
