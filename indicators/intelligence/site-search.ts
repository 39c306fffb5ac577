import type { Evidence, PageSnapshot, ProbeResult } from '../../src/types.js';
import { defineIndicator } from '../define.js';
import { pageModel } from '../page/model.js';
import { absent, pageEvidence, plainEvidence, present, unknown } from '../support/evidence.js';
import { absenceEvidence, type View } from '../support/home.js';
import { interactionEvidence, interactionFor } from '../support/mode.js';
import { searchBoxes } from '../support/search-box.js';

const COUNT = /(?:共|找到|检索到|搜索到|查询到|相关结果)[^0-9]{0,12}?(\d[\d,]*)\s*(?:条|个|篇|项|份|results?)/i;
/** The search engine answered with an error page instead of results ("检索服务暂不可用，请稍后再试"). */
const ENGINE_ERROR =
  /(检索|搜索|查询|系统|服务)[^。，,；;！!]{0,6}(暂不可用|不可用|暂停|维护中|异常|出错|失败|错误|繁忙)|请稍后(再)?(试|访问|重试|查询)|服务器(内部)?(错误|异常|繁忙)/;
const NONE =
  /(没有|未能?)(找到|检索到|搜索到)|无(相关)?(结果|记录|信息)|暂无(相关)?(结果|数据|信息)|0\s*条(结果|记录)?/;

/** Did the search probe return a page with results? */
export function searchOutcome(probe: ProbeResult & { query: string }): {
  returned?: boolean;
  count?: number;
  why: string;
} {
  if (probe.status !== 'ok' || !probe.body)
    return { why: `search request failed (${probe.status}${probe.httpStatus ? ` ${probe.httpStatus}` : ''})` };
  const snap: PageSnapshot = {
    url: probe.url,
    finalUrl: probe.finalUrl ?? probe.url,
    role: 'search',
    status: 'ok',
    headers: {},
    body: probe.body,
    fetchedAt: probe.fetchedAt,
    crawler: 'probe',
    depth: 0,
  };
  const m = pageModel(snap);
  const c = COUNT.exec(m.text);
  if (c) {
    const n = Number(c[1]!.replace(/,/g, ''));
    return { returned: n > 0, count: n, why: `results page says "${c[0]}"` };
  }
  if (NONE.test(m.text)) return { returned: false, count: 0, why: 'results page says nothing was found' };
  const hits = m.links.filter((l) => l.label.includes(probe.query) && l.label.length > probe.query.length).length;
  if (hits >= 2) return { returned: true, count: hits, why: `${hits} result links mention "${probe.query}"` };
  // Only after no result was seen: an error notice on a page that also lists results is noise.
  const err = ENGINE_ERROR.exec(m.text);
  if (err) return { returned: false, why: `results page is an error notice: "${err[0]}"` };
  return { why: 'results page could not be read as results or no-results' };
}

export default defineIndicator({
  id: 'site_search',
  dimension: 'intelligence',
  order: 2,
  name: { zh: '站内搜索', en: 'Site search' },
  measures:
    'A site-search box on the homepage: a text input in a search form (action like /so/s, /search, /jsearch, /was5/web/search), or one outside any form that a script submits (known by its hints, its search container, the 搜索 button or magnifier icon beside it, or its key handler; also UI components such as <el-input>); whether the search probe (a query such as 政府) returned results; the browser check outcome when it ran. Login, paging, date and contact fields, hidden forms and a link to a search page alone do not count.',
  standard: '《政府网站与政务新媒体检查指标》(2019) 功能设计: 搜索; GSA Site Scanning (site search).',
  presentMeans:
    'A search form exists and, when probed, returned results. Probed and no results → absent; probe failed, or a probe-able form the probe did not reach within the time budget → unknown (value still names the form).',
  valueFields: {
    action: 'search form action or search page URL',
    resultsReturned: 'the probe returned results (absent when not probed)',
    resultCount: 'results the page stated or counted',
    verified: 'browser check outcome',
  },
  needs: ['home', 'rendered', 'probes', 'interactions'],
  detect(site, { views }) {
    let hit: { action: string; submit: 'form' | 'script'; ev: Evidence; view: View } | undefined;
    for (const v of views) {
      const box = searchBoxes(v.model)[0];
      if (box) {
        const i = box.input;
        hit = {
          action: box.action,
          submit: box.submit,
          view: v,
          ev: pageEvidence(v.page, i.form ? 'form' : 'attribute', {
            selector: i.selector,
            pattern: box.why.join('; '),
            snippet: `<${i.tag} ${i.hint}>${i.form ? ` in form action=${i.form.action ?? ''}` : ' (no form: submitted by script)'}`,
          }),
        };
        break;
      }
    }
    const inter = interactionFor(site, 'site_search');
    const verified = inter && inter.outcome !== 'error' ? inter.outcome : undefined;
    // A probe skipped for budget is "not probed", not a failure.
    const probe = site.probes.search?.status === 'skipped' ? undefined : site.probes.search;
    const evidence: Evidence[] = hit ? [hit.ev] : [];
    if (inter) evidence.push(interactionEvidence(site, inter));
    if (!hit && !probe) {
      if (verified === 'verified')
        return present(
          { action: site.locality.portalUrl, verified },
          0.8,
          `No search box in the markup, but the browser check searched: ${inter!.detail}.`,
          evidence,
          true,
        );
      return absent(
        undefined,
        0.75,
        'No site-search box on the homepage (an input in a search form, or one a script submits); a link to a search page alone is not a search box.',
        [...absenceEvidence(views, 'concept site_search (inputs, forms, buttons)'), ...evidence],
      );
    }
    const action = hit?.action ?? probe!.url;
    const value: Record<string, unknown> = {
      action,
      ...(hit ? { submit: hit.submit } : {}),
      ...(verified ? { verified } : {}),
    };
    const where = hit?.view.rendered ? ' (rendered DOM)' : '';
    if (!probe) {
      if (verified === 'not_working')
        return absent(
          value,
          0.7,
          `Search form found${where}, but the browser check says it does not work: ${inter!.detail}.`,
          evidence,
        );
      // A form the probe could have submitted but did not reach in the site's time: whether it returns
      // results is open (a search that answers nothing is absent), so it is not judged.
      if (site.probes.search?.status === 'skipped' && hit?.submit !== 'script' && verified !== 'verified')
        return unknown(
          `Search form found${where}; the search probe did not run within the site's time budget, so whether it returns results is not known.`,
          evidence,
          value,
        );
      const how =
        hit?.submit === 'script'
          ? 'Search box found (submitted by script, so the crawler cannot probe it)'
          : 'Search form found';
      return present(
        value,
        verified === 'verified' ? 0.9 : 0.75,
        `${how}${where}${verified === 'verified' ? '; browser check: results shown' : '; not probed'}.`,
        evidence,
        hit?.view.rendered,
      );
    }
    const out = searchOutcome(probe);
    evidence.push(
      plainEvidence('probe', probe.url, {
        pattern: `query=${probe.query}`,
        snippet: out.why,
        fetchedAt: probe.fetchedAt,
      }),
    );
    if (out.returned !== undefined) value.resultsReturned = out.returned;
    if (out.count !== undefined) value.resultCount = out.count;
    if (out.returned === true) return present(value, 0.95, `Search works: ${out.why}.`, evidence, hit?.view.rendered);
    if (out.returned === false)
      return absent(
        value,
        0.85,
        `Search form found but the probe for "${probe.query}" returned no results: ${out.why}.`,
        evidence,
      );
    if (probe.status !== 'ok') return unknown(`Search form found but ${out.why}.`, evidence, value);
    return present(value, 0.6, `Search form found; ${out.why}.`, evidence, hit?.view.rendered);
  },
});
