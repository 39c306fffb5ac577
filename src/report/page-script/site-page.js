// ───────── site page ─────────
function kv(k, v) {
  return el('div', { cls: 'kv' }, [el('span', { cls: 'k', text: k }), el('span', { cls: 'v', text: v })]);
}

function showSite(code) {
  var s = DATA.sites.filter((x) => x.code === code)[0];
  var page = document.getElementById('site-page');
  clear(page);
  page.appendChild(
    el('p', null, [el('a', { href: MODE === 'site' ? '../index.html' : '#', text: '← 返回总览 back to overview' })]),
  );
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
      kv('访问方式 access', s.access),
      kv('类型 kind', s.kind),
      kv('层级 level', s.level),
    ].concat(
      s.dims.map((d) => kv(d.name, `${fmt(d.points)} / ${d.max}${d.coverage < 1 ? ` (覆盖 ${pct(d.coverage)})` : ''}`)),
    ),
  );
  page.appendChild(facts);
  if (!s.scored) page.appendChild(el('p', { cls: 'warn', text: s.noScoreReason || '' }));
  if (s.urlCheck) page.appendChild(el('p', { cls: 'warn', text: `网址核验存疑 URL check: ${s.urlCheck}` }));
  if (s.flags.length) page.appendChild(el('p', { cls: 'flags', text: `标记 flags: ${s.flags.join(' · ')}` }));
  var fired = s.vetoes.filter((v) => v.fired === true);
  if (fired.length)
    page.appendChild(el('p', { cls: 'warn', text: `单项否决 veto items: ${fired.map((v) => v.name).join('；')}` }));
  // A site page of a report directory has no charts library: plain bars and a table instead.
  if (MODE === 'site') page.appendChild(el('div', { cls: 'row' }, [dimensionBars(s), trendTable(s)]));
  else {
    const row = el('div', { cls: 'row' }, [el('div', { id: 'chart-site-radar', cls: 'chart small' })]);
    if (DATA.trends?.totals[s.code]) row.appendChild(el('div', { id: 'chart-site-trend', cls: 'chart small' }));
    page.appendChild(row);
  }

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
  page.appendChild(siteAvailabilitySection(s));
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
  if (MODE !== 'site' && s.scored) drawRadar('chart-site-radar', s.code);
  if (MODE !== 'site' && DATA.trends?.totals[s.code]) {
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
