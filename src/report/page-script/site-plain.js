// ───────── a report directory's site page: dimensions and trend without a charts library ─────────
function dimensionBars(s) {
  var box = el('div', { cls: 'dim-bars', id: 'site-dimensions' }, [el('h3', { text: '各维度 Dimensions' })]);
  s.dims.forEach((d) => {
    var share = d.points === null || !d.max ? 0 : Math.max(0, Math.min(1, d.points / d.max));
    var fill = el('div', { cls: 'dim-fill' });
    fill.style.width = `${Math.round(share * 100)}%`;
    box.appendChild(
      el('div', { cls: 'dim-bar', 'data-dimension': d.id }, [
        el('span', { text: d.name }),
        el('div', { cls: 'dim-track' }, [fill]),
        el('span', { cls: 'num', text: `${fmt(d.points)} / ${d.max}` }),
      ]),
    );
  });
  return box;
}
function trendTable(s) {
  var t = DATA.trends;
  if (!t?.totals[s.code]) return null;
  var body = el('tbody');
  t.runs.forEach((r, i) => {
    body.appendChild(
      el('tr', null, [
        el('td', { text: `run ${r.id}` }),
        el('td', { cls: 'num', text: fmt(t.totals[s.code][i]) }),
        el('td', { text: t.tiers[s.code][i] || '—' }),
      ]),
    );
  });
  return el('div', { id: 'site-trend' }, [
    el('h3', { text: '历次得分 Total per run' }),
    el('table', { cls: 'compact' }, [
      el('thead', null, [
        el(
          'tr',
          null,
          ['运行 run', '总分 total', '等级 tier'].map((h) => el('th', { text: h })),
        ),
      ]),
      body,
    ]),
  ]);
}
