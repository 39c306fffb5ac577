import { defineIndicator } from '../define.js';
import { type ColumnFacts, checkedColumns, columnEvidence, columnVerdict, isStale } from '../support/columns.js';
import { pageEvidence } from '../support/evidence.js';

export default defineIndicator({
  id: 'stale_columns',
  dimension: 'health',
  order: 2,
  name: { zh: '栏目更新', en: 'Stale columns' },
  measures:
    'For each fetched column page, the newest dated item against the limit of its class by name (COLUMN_CLASSES: news 动态/要闻 14 days, notice 通知公告/政策文件 183 days, longTerm 人事/规划 365 days; unclassified columns use the notice limit). Columns with items but no dates count as stale; blank columns are counted by blank_columns.',
  standard: '国办秘函〔2019〕19号 单项否决「栏目不更新」: ≥ 5 stale columns fail.',
  presentMeans:
    'Fewer than thresholds.staleColumnsFail (default 5) stale columns among those checked; confidence is lower when fewer than twice that many columns were checked.',
  valueFields: {
    columnsChecked: 'column pages checked',
    stale: 'stale columns: name, url, newestDate, ageDays, limitDays',
  },
  needs: ['pages'],
  detect(site, ctx) {
    const cols = checkedColumns(site, ctx);
    if (!('facts' in cols)) return cols;
    const { facts, failed } = cols;
    const stale = facts.filter(isStale);
    const value = {
      columnsChecked: facts.length,
      stale: stale.map((c) => ({
        name: c.name,
        url: c.url,
        newestDate: c.newestDate,
        ageDays: c.ageDays,
        limitDays: c.limitDays,
      })),
    };
    const row = (c: ColumnFacts) =>
      pageEvidence(c.page, 'text', {
        pattern: `${c.cls} limit ${c.limitDays}d`,
        snippet: `${c.name}: newest ${c.newestDate ?? 'undated'}${c.ageDays !== null ? ` (${c.ageDays} days)` : ''}, ${c.items} items`,
      });
    const ev = columnEvidence(facts, stale, row, { pattern: 'column freshness', adjective: 'stale' });
    const fail = ctx.thresholds.staleColumnsFail;
    const why = `${stale.length} of ${facts.length} checked columns are stale (fail at ${fail})${failed.length ? `; ${failed.length} column pages failed` : ''}`;
    return columnVerdict(stale.length, facts.length, fail, value, why, ev);
  },
});
