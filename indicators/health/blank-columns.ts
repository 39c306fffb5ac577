import { defineIndicator } from '../define.js';
import { type ColumnFacts, checkedColumns, columnEvidence, columnVerdict, isBlank } from '../support/columns.js';
import { pageEvidence } from '../support/evidence.js';

export default defineIndicator({
  id: 'blank_columns',
  dimension: 'health',
  order: 3,
  name: { zh: '空白栏目', en: 'Blank columns' },
  measures:
    'Fetched column pages with no item (no linked list row outside header/nav/footer), or only a 暂无信息 / 建设中 notice and no dated item.',
  standard: '国办秘函〔2019〕19号 单项否决「栏目不更新」: ≥ 5 blank columns (空白栏目) fail.',
  presentMeans:
    'Fewer than thresholds.blankColumnsFail (default 5) blank columns among those checked; confidence is lower when fewer than twice that many columns were checked.',
  valueFields: { columnsChecked: 'column pages checked', blank: 'blank columns: name, url' },
  needs: ['pages'],
  detect(site, ctx) {
    const cols = checkedColumns(site, ctx);
    if (!('facts' in cols)) return cols;
    const { facts } = cols;
    const blank = facts.filter(isBlank);
    const value = { columnsChecked: facts.length, blank: blank.map((c) => ({ name: c.name, url: c.url })) };
    const row = (c: ColumnFacts) =>
      pageEvidence(c.page, 'text', {
        pattern: 'no list items',
        snippet: `${c.name}: ${c.items} items${c.emptyNotice ? ', says 暂无/建设中' : ''}`,
      });
    const ev = columnEvidence(facts, blank, row, { pattern: 'blank columns', adjective: 'blank' });
    const fail = ctx.thresholds.blankColumnsFail;
    const why = `${blank.length} of ${facts.length} checked columns are blank (fail at ${fail})`;
    return columnVerdict(blank.length, facts.length, fail, value, why, ev);
  },
});
