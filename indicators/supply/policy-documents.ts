import { CONCEPTS } from '../concepts/index.js';
import { defineIndicator } from '../define.js';
import { ageDays, findDates, newest } from '../page/dates.js';
import { pageModel } from '../page/model.js';
import { findEntry } from '../support/entry.js';
import { pageEvidence, present } from '../support/evidence.js';
import { failedList, pagesByRole } from '../support/home.js';

export default defineIndicator({
  id: 'policy_documents',
  dimension: 'supply',
  order: 4,
  name: { zh: '政策文件', en: 'Policy documents / information disclosure' },
  measures:
    'An entry to 政策文件 / 信息公开 / 规范性文件 on the homepage and, when the crawler fetched the policy column, the date of its newest item against thresholds.policyStaleDays.',
  standard:
    '《政府网站与政务新媒体检查指标》(2019): 通知公告/政策文件 columns not updated for 6 months are stale; 《政府信息公开条例》.',
  presentMeans:
    'An entry to a policy / disclosure column exists. Freshness is reported in the value (fresh = newest item within policyStaleDays) and does not change the status, since stale columns are judged by stale_columns; not fetched → no newestDate and lower confidence.',
  valueFields: {
    url: 'entry URL',
    host: 'host',
    text: 'label',
    newestDate: 'newest item date on the policy column (YYYY-MM-DD)',
    ageDays: 'days from newestDate to asOf',
    fresh: 'ageDays ≤ policyStaleDays',
  },
  needs: ['home', 'rendered', 'pages'],
  detect(site, ctx) {
    const { found, result } = findEntry(ctx.views, CONCEPTS.policy, '政策文件 / 信息公开');
    if (result) return result;
    const f = found!;
    const { ok, failed } = pagesByRole(site, ['policy']);
    if (!ok.length) {
      const why = failed.length
        ? `the policy column could not be fetched: ${failedList(failed)}`
        : 'the policy column was not fetched, freshness not checked';
      return present(f.value, Math.min(f.confidence, 0.7), `${f.reason}; ${why}.`, [f.evidence], f.view.rendered);
    }
    let best: { iso: string; raw: string; page: (typeof ok)[number] } | undefined;
    for (const p of ok) {
      const d = newest(findDates(pageModel(p).text, ctx.asOf));
      if (d && (!best || d.iso > best.iso)) best = { iso: d.iso, raw: d.raw, page: p };
    }
    if (!best) {
      return present(
        { ...f.value, fresh: false },
        0.8,
        `${f.reason}; the policy column has no dated items (undated counts as not fresh).`,
        [f.evidence, pageEvidence(ok[0]!, 'absence', { pattern: 'dates', snippet: 'no dated item found' })],
        f.view.rendered,
      );
    }
    const age = ageDays(best.iso, ctx.asOf);
    const fresh = age <= ctx.thresholds.policyStaleDays;
    const value = { ...f.value, newestDate: best.iso, ageDays: age, fresh };
    const evidence = [f.evidence, pageEvidence(best.page, 'text', { pattern: 'newest date', snippet: best.raw })];
    const why = `${f.reason}; newest policy item ${best.iso} is ${age} days old (limit ${ctx.thresholds.policyStaleDays})`;
    return present(value, 0.9, why + (fresh ? '.' : ': not fresh.'), evidence, f.view.rendered);
  },
});
