/* govscan report: renders the data block with textContent only (crawled text is untrusted). */
(() => {
  var DATA = JSON.parse(document.getElementById('report-data').textContent);
  var STATUS_ZH = { present: '具备', absent: '不具备', unknown: '未知', missing: '无结果' };
  var TIER_COLORS = ['#1a7f37', '#4c9a2a', '#d4a72c', '#cf222e', '#8250df'];

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
    DATA.scoring.configHash.slice(0, 12);

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

  // ───────── browser stage (Lighthouse, axe, verification by acting) ─────────
  var LH_CATEGORIES = [
    { key: 'performance', short: '性能', label: '性能 Performance' },
    { key: 'accessibility', short: '无障碍', label: '无障碍 Accessibility' },
    { key: 'bestPractices', short: '最佳实践', label: '最佳实践 Best practices' },
    { key: 'seo', short: 'SEO', label: '搜索优化 SEO' },
  ];
  var IMPACTS = [
    ['critical', '严重 critical'],
    ['serious', '较重 serious'],
    ['moderate', '中等 moderate'],
    ['minor', '轻微 minor'],
  ];
  var CAPABILITIES = ['accessibility_mode', 'elderly_mode', 'smart_qa', 'site_search'];
  var CAPABILITY_LABEL = {
    accessibility_mode: '无障碍',
    elderly_mode: '适老化',
    smart_qa: '智能问答',
    site_search: '站内搜索',
  };
  /* Lighthouse's own bands: 90–100 good, 50–89 needs improvement, 0–49 poor. */
  function lhClass(v) {
    return v === null || v === undefined ? 'na' : v >= 90 ? 'good' : v >= 50 ? 'average' : 'poor';
  }
  function num(v) {
    return v === null || v === undefined ? '—' : String(v);
  }
  function runSteps(r) {
    return [
      r.steps.lighthouse ? 'Lighthouse' : '',
      r.steps.axe ? 'axe' : '',
      r.steps.verify ? '操作验证 verification' : '',
    ]
      .filter(Boolean)
      .join(' + ');
  }
  function siteLink(s) {
    var a = el('a', { href: `#site=${encodeURIComponent(s.code)}`, text: s.name });
    return el('td', null, [a, el('div', { cls: 'muted', text: `${s.province} · ${s.code}` })]);
  }
  function verificationOf(s, capability) {
    return (s.audit.verification || []).filter((v) => v.capability === capability)[0];
  }

  (function renderBrowserStage() {
    var body = document.getElementById('browser-stage-body');
    var bs = DATA.browserStage;
    var reachable = DATA.sites.filter((s) => s.status === 'ok').length;
    if (!bs.runs.length) {
      body.appendChild(
        el('p', {
          id: 'browser-stage-summary',
          cls: 'flags',
          text:
            '本次运行未进行浏览器审计。The browser stage (Lighthouse, axe-core accessibility checks, and verifying 无障碍/适老化/智能问答/站内搜索 by using them in Chromium) did not run on crawl run ' +
            DATA.run.id +
            '. Run "govscan audit --run ' +
            DATA.run.id +
            '" (about 10–20 s per site), then write the report again.',
        }),
      );
      return;
    }
    var audited = DATA.sites.filter((s) => s.audit);
    var scope =
      audited.length >= reachable
        ? '浏览器审计覆盖全部 ' +
          reachable +
          ' 个首页可访问的站点。The browser stage ran on all ' +
          reachable +
          ' sites whose homepage was reachable. '
        : '浏览器审计在样本站点上运行：' +
          audited.length +
          ' / ' +
          reachable +
          ' 个首页可访问的站点。The browser stage ran on a sample: ' +
          audited.length +
          ' of the ' +
          reachable +
          ' sites whose homepage was reachable. ';
    body.appendChild(
      el('p', {
        id: 'browser-stage-summary',
        text:
          scope +
          'Lighthouse and axe figures are reported, not scored; verification outcomes decide the 无障碍, 适老化, 智能问答 and 站内搜索 indicators of the audited sites. Sites not audited are "not audited", not zero.',
      }),
    );
    var runs = el('ul', { id: 'audit-runs' });
    bs.runs.forEach((r) => {
      runs.appendChild(
        el('li', {
          text:
            'audit run ' +
            r.id +
            ' · ' +
            r.state +
            ' · ' +
            r.startedAt +
            ' → ' +
            (r.finishedAt || '…') +
            ' · ' +
            r.finished +
            ' / ' +
            r.planned +
            ' sites · ' +
            runSteps(r),
        }),
      );
    });
    body.appendChild(runs);
    if (!audited.length) return;
    var head = [['站点', 'site']]
      .concat(LH_CATEGORIES.map((c) => [`LH ${c.short}`, `Lighthouse ${c.label}, 0-100`]))
      .concat([
        ['axe 规则/元素', 'axe: violated rules / violating elements'],
        ['axe 严重+较重', 'axe: elements with critical or serious violations'],
      ])
      .concat(CAPABILITIES.map((c) => [CAPABILITY_LABEL[c], `verification by acting: ${c}`]));
    var tbody = el('tbody');
    audited.forEach((s) => {
      var a = s.audit,
        lh = a.lighthouse,
        ax = a.axe;
      var cells = [siteLink(s)];
      LH_CATEGORIES.forEach((c) => {
        var v = lh ? lh.scores[c.key] : null;
        cells.push(
          el('td', {
            cls: `num ${lhClass(v)}`,
            'data-lh': c.key,
            text: lh && lh.status !== 'ok' && v === null ? lh.status : num(v),
          }),
        );
      });
      cells.push(
        el('td', {
          cls: 'num',
          'data-axe': 'violations',
          text: ax ? (ax.status === 'ok' ? `${ax.violations} / ${ax.violationNodes}` : ax.status) : '—',
        }),
      );
      cells.push(
        el('td', {
          cls: 'num',
          text: ax && ax.status === 'ok' ? String((ax.impacts.critical || 0) + (ax.impacts.serious || 0)) : '—',
        }),
      );
      CAPABILITIES.forEach((c) => {
        var v = verificationOf(s, c);
        cells.push(
          el('td', {
            cls: v ? `outcome-${v.outcome}` : '',
            'data-capability': c,
            title: v ? v.detail : '',
            text: v ? `${v.outcomeZh} ${v.outcome}` : '—',
          }),
        );
      });
      tbody.appendChild(el('tr', { 'data-code': s.code }, cells));
    });
    body.appendChild(
      el('div', { cls: 'table-wrap' }, [
        el('table', { id: 'audit-sites' }, [
          el('thead', null, [
            el(
              'tr',
              null,
              head.map((h) => el('th', { text: h[0], title: h[1] })),
            ),
          ]),
          tbody,
        ]),
      ]),
    );
  })();

  function siteAuditSection(s) {
    var box = el('div', { id: 'site-audit' }, [el('h3', { text: '浏览器审计 Browser audit' })]);
    if (!s.audit) {
      box.appendChild(
        el('p', {
          cls: 'muted',
          text: DATA.browserStage.runs.length
            ? '本站不在浏览器审计样本中 This site was not in the browser-stage sample (not audited, not zero).'
            : '本次运行未进行浏览器审计 The browser stage did not run on this crawl run.',
        }),
      );
      return box;
    }
    var a = s.audit;
    box.appendChild(
      el('p', {
        cls: 'muted',
        text: `audit run ${a.auditRunId} · ${a.startedAt} → ${a.finishedAt} · ${a.url}`,
      }),
    );
    var lh = a.lighthouse;
    box.appendChild(
      el('h4', {
        text: `Lighthouse${lh?.lighthouseVersion ? ` ${lh.lighthouseVersion}` : ''} (移动端模拟 mobile emulation)`,
      }),
    );
    if (!lh) box.appendChild(el('p', { cls: 'muted', text: `未运行 not run: ${a.steps.lighthouse || 'skipped'}` }));
    else {
      if (lh.status !== 'ok') box.appendChild(el('p', { cls: 'warn', text: `${lh.status}: ${lh.error || ''}` }));
      box.appendChild(
        el(
          'div',
          { cls: 'lh-scores' },
          LH_CATEGORIES.map((c) => {
            var v = lh.scores[c.key];
            return el('div', { cls: 'lh-score', 'data-category': c.key }, [
              el('span', { cls: `v ${lhClass(v)}`, text: num(v) }),
              el('span', { cls: 'muted', text: c.label }),
            ]);
          }),
        ),
      );
      const m = lh.metrics;
      const ms = (x) => (x === null || x === undefined ? '—' : `${(x / 1000).toFixed(1)} s`);
      box.appendChild(
        el('p', {
          cls: 'muted',
          text:
            'LCP ' +
            ms(m.lcpMs) +
            ' · FCP ' +
            ms(m.fcpMs) +
            ' · Speed Index ' +
            ms(m.siMs) +
            ' · TBT ' +
            (m.tbtMs === null ? '—' : `${Math.round(m.tbtMs)} ms`) +
            ' · CLS ' +
            (m.cls === null ? '—' : m.cls.toFixed(3)),
        }),
      );
    }
    var ax = a.axe;
    box.appendChild(el('h4', { text: 'axe-core 无障碍检测 accessibility checks (WCAG 2.x A/AA)' }));
    if (!ax) box.appendChild(el('p', { cls: 'muted', text: `未运行 not run: ${a.steps.axe || 'skipped'}` }));
    else if (ax.status !== 'ok') box.appendChild(el('p', { cls: 'warn', text: `${ax.status}: ${ax.error || ''}` }));
    else {
      box.appendChild(
        el('p', {
          id: 'axe-summary',
          text:
            ax.violations +
            ' 条规则被违反 rules violated · ' +
            ax.violationNodes +
            ' 个元素 elements · ' +
            IMPACTS.map((i) => `${i[1]} ${ax.impacts[i[0]] || 0}`).join(' · '),
        }),
      );
      const cat = el('tbody');
      ax.categories.forEach((c) => {
        cat.appendChild(
          el('tr', { 'data-category': c.id }, [
            el('td', { text: `${c.zh} ${c.en}` }),
            el('td', { cls: 'num', text: String(c.rules) }),
            el('td', { cls: 'num', text: String(c.nodes) }),
          ]),
        );
      });
      box.appendChild(
        el('table', { id: 'axe-categories', cls: 'compact' }, [
          el('thead', null, [
            el(
              'tr',
              null,
              ['分类 category', '规则 rules', '元素 elements'].map((h) => el('th', { text: h })),
            ),
          ]),
          cat,
        ]),
      );
      if (ax.rules.length) {
        const rules = el('tbody');
        ax.rules.forEach((r) => {
          rules.appendChild(
            el('tr', { 'data-rule': r.id }, [
              el('td', { text: r.id }),
              el('td', { text: r.impact }),
              el('td', { cls: 'num', text: String(r.nodes) }),
              el('td', { text: r.help }),
            ]),
          );
        });
        box.appendChild(
          el('table', { id: 'axe-rules', cls: 'compact' }, [
            el('thead', null, [
              el(
                'tr',
                null,
                ['规则 rule', '影响 impact', '元素 elements', '说明 help'].map((h) => el('th', { text: h })),
              ),
            ]),
            rules,
          ]),
        );
        if (ax.violations > ax.rules.length)
          box.appendChild(
            el('div', {
              cls: 'muted',
              text: `… ${ax.violations - ax.rules.length} more rules in the JSON export`,
            }),
          );
      }
    }
    box.appendChild(el('h4', { text: '操作验证 Verification by acting (Chromium opens and uses each entry)' }));
    if (!a.verification.length)
      box.appendChild(el('p', { cls: 'muted', text: `未运行 not run: ${a.steps.verify || 'skipped'}` }));
    a.verification.forEach((v) => {
      var item = el('div', { cls: `verification outcome-${v.outcome}`, 'data-capability': v.capability }, [
        el('div', null, [
          el('strong', { text: `${v.capabilityZh} ${v.capability} — ` }),
          el('span', { cls: 'outcome', text: `${v.outcomeZh} ${v.outcome}` }),
        ]),
        el('div', { cls: 'detail', text: v.detail }),
        el('div', { cls: 'muted', text: `at ${v.at}` }),
      ]);
      var sh = v.screenshot;
      if (sh) {
        const fig = el('figure', null, [
          el('figcaption', { cls: 'muted', text: sh.caption + (sh.skipped ? ` — ${sh.skipped}` : '') }),
        ]);
        if (sh.dataUrl && /^data:image\/(png|jpeg|webp);base64,/.test(sh.dataUrl))
          fig.insertBefore(el('img', { src: sh.dataUrl, alt: sh.caption, cls: 'shot' }), fig.firstChild);
        item.appendChild(fig);
      }
      box.appendChild(item);
    });
    return box;
  }

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
        formatter: (p) =>
          `${esc(p.name)}: ${!Number.isNaN(p.value) && p.value !== undefined ? fmt(p.value) : '无数据'}`,
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
  DATA.sites
    .filter((s) => s.scored)
    .forEach((s) => {
      radarSelect.appendChild(el('option', { value: s.code, text: `${s.name} (${s.province})` }));
    });
  radarSelect.addEventListener('change', () => {
    drawRadar('chart-radar', radarSelect.value);
  });

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
    if (key === 'flags') return s.scored ? s.flags.join(' ') : s.noScoreReason || '';
    return s[key];
  }
  function cellText(s, c) {
    var v = cellValue(s, c.key);
    if (c.key === 'coverage') return s.scored ? pct(v) : '—';
    if (c.key === 'total' && !s.scored) return '无得分';
    if (c.num) return c.key === 'nationalRank' ? (v === null ? '—' : String(v)) : fmt(v);
    return v === null || v === undefined ? '—' : String(v);
  }
  var sortKey = null,
    sortDir = 1;
  var thead = document.getElementById('sites-head'),
    tbody = document.getElementById('sites-body'),
    search = document.getElementById('search');
  COLS.forEach((c) => {
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
    var rows = DATA.sites.filter(
      (s) => !q || [s.name, s.province, s.code, s.tier || '', s.kind, s.status].join(' ').toLowerCase().indexOf(q) >= 0,
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
        location.hash = `#site=${encodeURIComponent(s.code)}`;
      });
      tbody.appendChild(tr);
    });
    document.getElementById('row-count').textContent = `${rows.length} / ${DATA.sites.length}`;
    Array.prototype.forEach.call(thead.children, (th) => {
      th.className = th.getAttribute('data-key') === sortKey ? (sortDir > 0 ? 'sorted-asc' : 'sorted-desc') : '';
    });
  }
  search.addEventListener('input', renderTable);
  renderTable();

  // ───────── site page ─────────
  function kv(k, v) {
    return el('div', { cls: 'kv' }, [el('span', { cls: 'k', text: k }), el('span', { cls: 'v', text: v })]);
  }

  function showSite(code) {
    var s = DATA.sites.filter((x) => x.code === code)[0];
    var page = document.getElementById('site-page');
    clear(page);
    page.appendChild(el('p', null, [el('a', { href: '#', text: '← 返回总览 back to overview' })]));
    if (!s) {
      page.appendChild(el('p', { text: `没有这个站点 no such site: ${code}` }));
      return;
    }
    page.appendChild(el('h2', { id: 'site-title', text: `${s.name} · ${s.province} · ${s.code}` }));
    var facts = el(
      'div',
      { cls: 'facts' },
      [
        kv('总分 total', s.scored ? fmt(s.total) : '无得分 no score'),
        kv('等级 tier', s.tier || '—'),
        kv('全国排名 national rank', s.nationalRank === null ? '—' : String(s.nationalRank)),
        kv('省内排名 provincial rank', s.provincialRank === null ? '—' : String(s.provincialRank)),
        kv('覆盖率 coverage', s.scored ? pct(s.coverage) : '—'),
        kv('规范扣分 deducted', fmt(s.deducted)),
        kv('站点状态 site status', s.status),
        kv('类型 kind', s.kind),
      ].concat(
        s.dims.map((d) =>
          kv(d.name, `${fmt(d.points)} / ${d.max}${d.coverage < 1 ? ` (覆盖 ${pct(d.coverage)})` : ''}`),
        ),
      ),
    );
    page.appendChild(facts);
    if (!s.scored) page.appendChild(el('p', { cls: 'warn', text: s.noScoreReason || '' }));
    if (s.flags.length) page.appendChild(el('p', { cls: 'flags', text: `标记 flags: ${s.flags.join(' · ')}` }));
    var fired = s.vetoes.filter((v) => v.fired === true);
    if (fired.length)
      page.appendChild(el('p', { cls: 'warn', text: `单项否决 veto items: ${fired.map((v) => v.name).join('；')}` }));
    var row = el('div', { cls: 'row' }, [el('div', { id: 'chart-site-radar', cls: 'chart small' })]);
    if (DATA.trends?.totals[s.code]) row.appendChild(el('div', { id: 'chart-site-trend', cls: 'chart small' }));
    page.appendChild(row);

    var table = el('table', { cls: 'indicators' }, [
      el('thead', null, [
        el(
          'tr',
          null,
          ['指标 indicator', '状态 status', '取值 value', '得分 points', '理由 reason', '证据 evidence'].map((h) =>
            el('th', { text: h }),
          ),
        ),
      ]),
    ]);
    var body = el('tbody');
    s.indicators.forEach((ind) => {
      var ev = el('div', { cls: 'evidence' });
      ind.evidence.forEach((e) => {
        var href = safeHref(e.url);
        var item = el('div', { cls: 'ev' }, [
          el('span', { cls: 'ev-kind', text: `${e.kind + (e.rendered ? ' (rendered)' : '')} ` }),
          href
            ? el('a', { href: href, rel: 'noreferrer noopener', target: '_blank', text: e.url })
            : el('span', { text: e.url }),
        ]);
        if (e.selector) item.appendChild(el('div', { cls: 'ev-line', text: `selector: ${e.selector}` }));
        if (e.pattern) item.appendChild(el('div', { cls: 'ev-line', text: `pattern: ${e.pattern}` }));
        if (e.snippet) item.appendChild(el('div', { cls: 'ev-snippet', text: e.snippet }));
        var meta = [e.fetchedAt ? `at ${e.fetchedAt}` : '', e.pageHash ? `page ${e.pageHash.slice(0, 12)}` : '']
          .filter(Boolean)
          .join(' · ');
        if (meta) item.appendChild(el('div', { cls: 'ev-line muted', text: meta }));
        ev.appendChild(item);
      });
      if (ind.evidenceTotal > ind.evidence.length)
        ev.appendChild(
          el('div', {
            cls: 'muted',
            text: `… ${ind.evidenceTotal - ind.evidence.length} more in the JSON export`,
          }),
        );
      var pts =
        ind.scoring
          .map(
            (x) =>
              (x.points === null ? '排除 excluded' : fmt(x.points)) +
              ' / ' +
              x.max +
              ' · ' +
              x.where +
              (x.note ? ` (${x.note})` : ''),
          )
          .join('\n') || '不计分';
      body.appendChild(
        el('tr', { cls: `status-${ind.status}`, 'data-indicator': ind.id }, [
          el('td', null, [el('div', { text: ind.zh }), el('div', { cls: 'muted', text: ind.id })]),
          el('td', {
            cls: 'status',
            text: `${STATUS_ZH[ind.status] || ind.status} ${Math.round(ind.confidence * 100)}%`,
          }),
          el('td', { text: ind.value, title: ind.valueJson }),
          el('td', { cls: 'pre', text: pts }),
          el('td', { text: ind.reason }),
          el('td', null, [ev]),
        ]),
      );
    });
    table.appendChild(body);
    page.appendChild(table);
    page.appendChild(siteAuditSection(s));
    if (s.screenshots.length) {
      page.appendChild(el('h3', { text: '截图 screenshots' }));
      s.screenshots.forEach((sh) => {
        var fig = el('figure', null, [el('figcaption', { text: sh.caption + (sh.skipped ? ` — ${sh.skipped}` : '') })]);
        if (sh.dataUrl && /^data:image\/(png|jpeg|webp);base64,/.test(sh.dataUrl))
          fig.insertBefore(el('img', { src: sh.dataUrl, alt: sh.caption, cls: 'shot' }), fig.firstChild);
        page.appendChild(fig);
      });
    }
    if (s.scored) drawRadar('chart-site-radar', s.code);
    if (DATA.trends?.totals[s.code]) {
      chart('chart-site-trend', {
        title: { text: '历次得分 Total per run', left: 'center', textStyle: { fontSize: 14 } },
        tooltip: {
          trigger: 'axis',
          formatter: (ps) => {
            var i = ps[0].dataIndex;
            return `${esc(ps[0].name)}: ${fmt(ps[0].value)} ${esc(DATA.trends.tiers[s.code][i] || '')}`;
          },
        },
        xAxis: { type: 'category', data: DATA.trends.runs.map((x) => `run ${x.id}`) },
        yAxis: { type: 'value', max: 100 },
        series: [{ type: 'line', data: DATA.trends.totals[s.code], connectNulls: false }],
        animation: false,
      });
    }
    window.scrollTo(0, 0);
  }

  // ───────── routing ─────────
  var overviewDrawn = false;
  function route() {
    // Registry codes are 6 digits; ad-hoc sites have codes like adhoc:www.example.gov.cn (URI-encoded here).
    var m = /^#site=(.+)$/.exec(location.hash);
    var code = null;
    if (m) {
      try {
        code = decodeURIComponent(m[1]);
      } catch {
        code = m[1];
      }
    }
    document.getElementById('overview').hidden = code !== null;
    document.getElementById('site-page').hidden = code === null;
    if (code !== null) showSite(code);
    else if (!overviewDrawn) {
      overviewDrawn = true;
      drawOverview();
    }
  }
  echarts.registerMap('china', JSON.parse(document.getElementById('china-map').textContent));
  window.addEventListener('hashchange', route);
  window.addEventListener('resize', () => {
    for (var k in charts) charts[k].resize();
  });
  route();
  document.body.setAttribute('data-ready', '1');
})();
