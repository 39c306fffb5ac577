// ───────── charts ─────────
var charts = {};
function chart(id, option) {
  var node = document.getElementById(id);
  if (charts[id]) charts[id].dispose();
  charts[id] = echarts.init(node, null, { renderer: 'canvas' });
  charts[id].setOption(option);
  return charts[id];
}

function drawOverview() {
  var bins = [];
  for (let b = 0; b < 10; b++) bins.push(0);
  ranked.forEach((s) => {
    bins[Math.min(9, Math.floor(s.total / 10))]++;
  });
  chart('chart-hist', {
    title: { text: '得分分布 Score distribution', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { formatter: (p) => `${esc(p.name)}: ${p.value}` },
    xAxis: { type: 'category', data: bins.map((_, i) => `${i * 10}–${i * 10 + 10}`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: bins, itemStyle: { color: '#0969da' } }],
    animation: false,
  });
  chart('chart-tiers', {
    title: { text: '发展等级 Tiers', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { formatter: (p) => `${esc(p.name)}: ${p.value}` },
    xAxis: { type: 'category', data: DATA.scoring.tiers.map((t) => t.name) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: DATA.scoring.tiers.map((t) => ({
          value: DATA.sites.filter((s) => s.tier === t.name).length,
          itemStyle: { color: tierColor(t.name) },
        })),
      },
    ],
    animation: false,
  });
  var provs = DATA.provinces.filter((p) => p.mean !== null);
  chart('chart-provinces', {
    title: { text: '省份比较 Provinces (mean / max)', left: 'center', textStyle: { fontSize: 14 } },
    legend: { top: 24, data: ['平均 mean', '最高 max'] },
    tooltip: {
      trigger: 'axis',
      formatter: (ps) => esc(ps[0].name) + ps.map((p) => `<br>${esc(p.seriesName)}: ${fmt(p.value)}`).join(''),
    },
    grid: { top: 60, bottom: 70 },
    xAxis: { type: 'category', data: provs.map((p) => p.name), axisLabel: { rotate: 45, interval: 0 } },
    yAxis: { type: 'value', max: 100 },
    series: [
      { name: '平均 mean', type: 'bar', data: provs.map((p) => p.mean), itemStyle: { color: '#0969da' } },
      { name: '最高 max', type: 'bar', data: provs.map((p) => p.max), itemStyle: { color: '#8c959f' } },
    ],
    animation: false,
  });
  chart('chart-map', {
    title: { text: '省份平均得分 Provincial mean score', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: {
      formatter: (p) => `${esc(p.name)}: ${!Number.isNaN(p.value) && p.value !== undefined ? fmt(p.value) : '无数据'}`,
    },
    visualMap: {
      min: 0,
      max: 100,
      left: 10,
      bottom: 10,
      calculable: true,
      text: ['100', '0'],
      inRange: { color: ['#f6d5d5', '#f2cc60', '#2da44e'] },
    },
    series: [
      {
        type: 'map',
        map: 'china',
        roam: false,
        label: { show: false },
        data: provs.filter((p) => p.mapName).map((p) => ({ name: p.mapName, value: p.mean })),
      },
    ],
    animation: false,
  });
  drawRadar('chart-radar', radarSelect.value);
  if (DATA.trends) drawTrendOverview();
}

function drawRadar(id, code) {
  var s = DATA.sites.filter((x) => x.code === code)[0];
  if (!s?.scored) return;
  chart(id, {
    title: { text: `${s.name} 各维度 Dimensions`, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: {
      formatter: (p) => esc(p.name) + s.dims.map((d) => `<br>${esc(d.name)}: ${fmt(d.points)} / ${d.max}`).join(''),
    },
    radar: {
      indicator: s.dims.map((d) => ({ name: d.name, max: d.max })),
      radius: '60%',
      name: { textStyle: { color: '#24292f', fontSize: 13 } },
    },
    series: [
      {
        type: 'radar',
        data: [{ name: s.name, value: s.dims.map((d) => (d.points === null ? 0 : d.points)) }],
        areaStyle: { opacity: 0.25 },
      },
    ],
    animation: false,
  });
}

var radarSelect = document.getElementById('radar-site');
if (radarSelect) {
  DATA.sites
    .filter((s) => s.scored)
    .forEach((s) => {
      radarSelect.appendChild(el('option', { value: s.code, text: `${s.name} (${s.province})` }));
    });
  radarSelect.addEventListener('change', () => {
    drawRadar('chart-radar', radarSelect.value);
  });
}

// ───────── trends ─────────
function drawTrendOverview() {
  var t = DATA.trends;
  document.getElementById('trends').hidden = false;
  var means = t.runs.map((_, i) => {
    var xs = Object.keys(t.totals)
      .map((c) => t.totals[c][i])
      .filter((x) => x !== null);
    return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null;
  });
  chart('chart-trend', {
    title: { text: '全国平均分 National mean per run', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: t.runs.map((x) => `run ${x.id}`) },
    yAxis: { type: 'value', max: 100 },
    series: [{ type: 'line', data: means }],
    animation: false,
  });
  var body = document.getElementById('tier-changes');
  clear(body);
  if (!t.tierChanges.length)
    body.appendChild(el('tr', null, [el('td', { colspan: '3', text: '无变化 no tier changes' })]));
  t.tierChanges.forEach((c) => {
    body.appendChild(
      el('tr', null, [
        el('td', { text: `${c.name} ${c.code}` }),
        el('td', { text: c.from || '—' }),
        el('td', { text: c.to || '—' }),
      ]),
    );
  });
}
