var DATA = JSON.parse(document.getElementById('report-data').textContent);
var STATUS_ZH = { present: '具备', absent: '不具备', unknown: '未知', missing: '无结果' };
var TIER_COLORS = ['#1a7f37', '#4c9a2a', '#d4a72c', '#cf222e', '#8250df'];
/* single: one file, site pages at #site=code; index / site: a report directory's index.html and sites/<file>.html. */
var MODE = DATA.mode || 'single';
var PAGE_OF = {};
DATA.sites.forEach((s) => {
  if (s.page && /^sites\/[0-9A-Za-z._-]+\.html$/.test(s.page)) PAGE_OF[s.code] = s.page;
});
/* Where a site's page is: its own file in a report directory (plain links, no fetch), else the hash route. */
function siteHref(code) {
  if (MODE === 'index') return PAGE_OF[code] || '#';
  return `#site=${encodeURIComponent(code)}`;
}

function el(tag, props, children) {
  var e = document.createElement(tag);
  if (props)
    for (var k in props) {
      if (k === 'text') e.textContent = props[k];
      else if (k === 'cls') e.className = props[k];
      else if (k === 'onclick') e.addEventListener('click', props[k]);
      else e.setAttribute(k, props[k]);
    }
  (children || []).forEach((c) => {
    if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  });
  return e;
}
function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}
function fmt(x) {
  return x === null || x === undefined ? '—' : Number(x).toFixed(2);
}
function pct(x) {
  return `${Math.round(x * 100)}%`;
}
/* ECharts tooltips are HTML: escape every string that goes into one. */
function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
function safeHref(u) {
  return /^https?:\/\//i.test(u) ? u : null;
}
function tierIndex(name) {
  for (let i = 0; i < DATA.scoring.tiers.length; i++) if (DATA.scoring.tiers[i].name === name) return i;
  return -1;
}
function tierColor(name) {
  var i = tierIndex(name);
  return i < 0 ? '#888' : TIER_COLORS[i % TIER_COLORS.length];
}
var ranked = DATA.sites.filter((s) => s.nationalRank !== null);

// ───────── header ─────────
var r = DATA.run;
document.getElementById('run-info').textContent =
  'run ' +
  r.id +
  ' · ' +
  r.kind +
  ' · ' +
  r.state +
  ' · ' +
  r.startedAt +
  ' · govscan ' +
  r.toolVersion +
  ' · weights "' +
  DATA.scoring.name +
  '" ' +
  DATA.scoring.configHash.slice(0, 12) +
  ' · ' +
  vantageText(r.vantage);

// Where the run ran from: results from outside mainland China differ (many sites never answer there).
function vantageText(v) {
  if (!v) return '观测点未记录 vantage not recorded';
  return (
    '观测点 vantage ' +
    v.vantage +
    ' · resolver ' +
    v.resolver +
    ' · User-Agent "' +
    v.userAgent +
    '" · allow-list header ' +
    (v.allowListHeader || 'none')
  );
}

// ───────── summary cards ─────────
function card(label, value, id) {
  var c = el('div', { cls: 'card' }, [
    el('div', { cls: 'card-value', text: String(value) }),
    el('div', { cls: 'card-label', text: label }),
  ]);
  if (id) c.id = id;
  return c;
}
var cards = document.getElementById('cards');
// A site page of a report directory has no overview.
if (cards) {
  cards.appendChild(card('站点 sites', DATA.sites.length, 'count-sites'));
  cards.appendChild(card('参与排名 ranked', ranked.length, 'count-ranked'));
  cards.appendChild(card('无得分 no score', DATA.sites.filter((s) => !s.scored).length, 'count-unscored'));
  cards.appendChild(
    card(
      '数据不全 incomplete',
      DATA.sites.filter((s) => s.flags.indexOf('incomplete') >= 0).length,
      'count-incomplete',
    ),
  );
  DATA.scoring.tiers.forEach((t, i) => {
    var c = card(t.name, DATA.sites.filter((s) => s.tier === t.name).length, `tier-count-${i}`);
    c.style.borderTopColor = tierColor(t.name);
    cards.appendChild(c);
  });
}

/** A scrollable table: a header row from [label, title] pairs, then the given body. */
function tableWithHead(id, head, tbody) {
  const headRow = el(
    'tr',
    null,
    head.map((h) => el('th', { text: h[0], title: h[1] })),
  );
  return el('div', { cls: 'table-wrap' }, [el('table', { id }, [el('thead', null, [headRow]), tbody])]);
}
