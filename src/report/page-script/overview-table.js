// ───────── table ─────────
var COLS = [
  { key: 'nationalRank', label: '排名', num: true },
  { key: 'name', label: '名称' },
  { key: 'province', label: '省份' },
  { key: 'kind', label: '类型' },
  { key: 'status', label: '状态' },
  { key: 'total', label: '总分', num: true },
  { key: 'tier', label: '等级' },
]
  .concat(DATA.scoring.dimensions.map((d) => ({ key: `dim:${d.id}`, label: `${d.name}(${d.max})`, num: true })))
  .concat([
    { key: 'coverage', label: '覆盖率', num: true },
    { key: 'flags', label: '标记' },
  ]);

function cellValue(s, key) {
  if (key.indexOf('dim:') === 0) {
    const d = s.dims.filter((x) => x.id === key.slice(4))[0];
    return d ? d.points : null;
  }
  if (key === 'flags')
    return (s.scored ? s.flags.join(' ') : s.noScoreReason || '') + (s.urlCheck ? ` [网址存疑 ${s.urlCheck}]` : '');
  return s[key];
}
function cellText(s, c) {
  var v = cellValue(s, c.key);
  if (c.key === 'coverage') return s.scored ? pct(v) : '—';
  if (c.key === 'total' && !s.scored) return '无得分';
  if (c.num) return c.key === 'nationalRank' ? (v === null ? '—' : String(v)) : fmt(v);
  return v === null || v === undefined ? '—' : String(v);
}
// One level at a time: ranks are within a level, and 3,000 county rows would bury the 337 prefecture-level ones.
var levelChoice = document.getElementById('level-choice');
var LEVELS = DATA.sites.map((s) => s.level).filter((l, i, all) => all.indexOf(l) === i);
// A site page of a report directory has no table: the wiring below is for the overview only.
var hasTable = !!levelChoice;
LEVELS.forEach((l) => {
  if (!hasTable) return;
  levelChoice.appendChild(el('option', { text: `${l} (${DATA.sites.filter((s) => s.level === l).length})`, value: l }));
});
if (hasTable) {
  levelChoice.hidden = LEVELS.length < 2;
  levelChoice.addEventListener('change', () => renderTable());
}
var sortKey = null,
  sortDir = 1;
var thead = document.getElementById('sites-head'),
  tbody = document.getElementById('sites-body'),
  search = document.getElementById('search');
COLS.forEach((c) => {
  if (!hasTable) return;
  var th = el('th', { text: c.label, title: '点击排序 click to sort', 'data-key': c.key });
  th.addEventListener('click', () => {
    sortDir = sortKey === c.key ? -sortDir : 1;
    sortKey = c.key;
    renderTable();
  });
  thead.appendChild(th);
});
function renderTable() {
  var q = search.value.trim().toLowerCase();
  var level = LEVELS.length > 1 ? levelChoice.value : null;
  var rows = DATA.sites.filter(
    (s) =>
      (!level || s.level === level) &&
      (!q || [s.name, s.province, s.code, s.tier || '', s.kind, s.status].join(' ').toLowerCase().indexOf(q) >= 0),
  );
  if (sortKey) {
    const col = COLS.filter((c) => c.key === sortKey)[0];
    rows = rows.slice().sort((a, b) => {
      var x = cellValue(a, sortKey),
        y = cellValue(b, sortKey);
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (col.num ? x - y : String(x).localeCompare(String(y), 'zh')) * sortDir;
    });
  }
  clear(tbody);
  rows.forEach((s) => {
    var tr = el(
      'tr',
      { 'data-code': s.code, cls: 'site-row' },
      COLS.map((c) => el('td', { text: cellText(s, c), cls: c.num ? 'num' : '' })),
    );
    tr.addEventListener('click', () => {
      location.href = siteHref(s.code);
    });
    tbody.appendChild(tr);
  });
  document.getElementById('row-count').textContent = `${rows.length} / ${DATA.sites.length}`;
  Array.prototype.forEach.call(thead.children, (th) => {
    th.className = th.getAttribute('data-key') === sortKey ? (sortDir > 0 ? 'sorted-asc' : 'sorted-desc') : '';
  });
}
if (hasTable) {
  search.addEventListener('input', renderTable);
  renderTable();
}
