// ───────── availability monitoring (govscan monitor): ranking and hourly calendars ─────────
var HOUR_STATES = {
  o: ['ok', '正常打开 opened'],
  f: ['failed', '打开失败 failed'],
  u: ['unexpected', '页面被替换 replaced (placeholder / block page)'],
  b: ['blocked', '本观测点被拦截 refused to our vantage'],
  n: ['not-run', '监测未运行 not run'],
  '-': ['none', '无应监测访问 nothing owed'],
};
var AV = DATA.availability;

function avSite(code) {
  return AV.sites.filter((x) => x.code === code)[0];
}
function durationText(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 3600000) return `${(ms / 1000).toFixed(ms < 60000 ? 1 : 0)} s`;
  return `${(ms / 3600000).toFixed(1)} h`;
}
function shareText(x) {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;
}
var VETO_TEXT = { yes: '否决 yes', no: '通过 no', unknown: '未知 unknown' };

/* Days × hours (UTC+8), one cell per hour coloured by its worst outcome; `big` adds labels and tooltips. */
function heatmap(a, big) {
  const grid = el('div', { cls: big ? 'hm big' : 'hm', 'data-code': a.code });
  const days = a.hours.length / 24;
  const first = Date.parse(`${a.firstDay}T00:00:00Z`);
  if (big) {
    grid.appendChild(el('span', { cls: 'hm-label' }));
    for (let h = 0; h < 24; h++) grid.appendChild(el('span', { cls: 'hm-label', text: h % 3 === 0 ? String(h) : '' }));
  }
  for (let d = 0; d < days; d++) {
    const day = new Date(first + d * 86400000).toISOString().slice(0, 10);
    if (big) grid.appendChild(el('span', { cls: 'hm-label', text: day.slice(5) }));
    for (let hh = 0; hh < 24; hh++) {
      const state = HOUR_STATES[a.hours.charAt(d * 24 + hh)] || HOUR_STATES['-'];
      const props = { cls: `hm-${state[0]}` };
      if (big) {
        props.title = `${day} ${hh < 10 ? '0' : ''}${hh}:00 (UTC+8): ${state[1]}`;
        props['data-hour'] = `${day}T${hh}`;
      }
      grid.appendChild(el('span', props));
    }
  }
  return grid;
}
function heatmapLegend() {
  return el(
    'div',
    { cls: 'hm-legend' },
    ['o', 'f', 'u', 'b', 'n', '-'].map((k) =>
      el('span', null, [el('span', { cls: `hm-swatch hm-${HOUR_STATES[k][0]}` }), HOUR_STATES[k][1]]),
    ),
  );
}
function unexpectedText(a) {
  if (!a.unexpected.length) return '—';
  return `${a.unexpectedChanges}× · ${a.unexpected[0].at.slice(0, 16)}Z ${a.unexpected[0].change}`;
}
function noMonitoringText() {
  return (
    '本次运行前没有可用性监测数据。No monitor visits in this database for the window before the crawl of run ' +
    DATA.run.id +
    ': the 2019 veto 站点无法访问 (a week of ≥ 20 visits a day, a visit failed when not open within 15 s, ≥ 5 % fails) is unknown for every site. Start monitoring, e.g. under systemd, with "' +
    AV.command +
    '", let it run for a week, then crawl and write the report again.'
  );
}

(function renderAvailability() {
  var body = document.getElementById('availability-body');
  if (!body) return; // a site page of a report directory
  if (!AV.sites.length) {
    body.appendChild(el('p', { id: 'availability-summary', cls: 'flags', text: noMonitoringText() }));
    return;
  }
  var vetoed = AV.sites.filter((a) => a.veto === 'yes').length;
  var r = AV.rule;
  body.appendChild(
    el('p', {
      id: 'availability-summary',
      text:
        AV.sites.length +
        ' 个站点有监测数据 sites monitored (' +
        AV.notMonitored +
        ' not monitored: veto unknown) · window ' +
        AV.sites[0].from.slice(0, 16) +
        'Z → ' +
        AV.sites[0].to.slice(0, 16) +
        'Z before the crawl · a visit fails when not open within ' +
        r.failAfterSecs +
        ' s · veto at ≥ ' +
        shareText(r.vetoFailureShare) +
        ' with ≥ ' +
        r.minVisits +
        ' counted visits · ' +
        vetoed +
        " 个站点单项否决 vetoed. Calendars: one row per day, one cell per hour (UTC+8), coloured by the hour's worst visit.",
    }),
  );
  body.appendChild(heatmapLegend());
  var head = [
    ['站点', 'site'],
    ['访问', 'counted visits (opened or failed)'],
    ['失败', 'failed visits'],
    ['失败比例', 'failure share'],
    ['最长中断', 'longest outage'],
    ['打开中位数', 'median time to open'],
    ['P95', '95th percentile time to open'],
    ['否决', '2019 veto 站点无法访问'],
    ['更新天数', 'days with headlines not seen before'],
    ['异常变更', 'unexpected homepage changes (placeholder, block page)'],
    ['日历 calendar', 'days × hours (UTC+8)'],
  ];
  var tbody = el('tbody');
  AV.sites.forEach((a) => {
    tbody.appendChild(
      el('tr', { 'data-code': a.code, cls: a.veto === 'yes' ? 'veto-yes' : '' }, [
        siteLink(a),
        el('td', { cls: 'num', text: String(a.visits) }),
        el('td', { cls: 'num', text: String(a.failures) }),
        el('td', { cls: 'num', 'data-field': 'share', text: shareText(a.share) }),
        el('td', { cls: 'num', text: durationText(a.longestOutageMs) }),
        el('td', { cls: 'num', text: durationText(a.medianOpenMs) }),
        el('td', { cls: 'num', text: durationText(a.p95OpenMs) }),
        el('td', { 'data-field': 'veto', cls: a.veto === 'yes' ? 'warn' : '', text: VETO_TEXT[a.veto] }),
        el('td', { cls: 'num', text: a.newHeadlineDays === null ? '—' : String(a.newHeadlineDays) }),
        el('td', { 'data-field': 'unexpected', cls: a.unexpected.length ? 'flags' : '', text: unexpectedText(a) }),
        el('td', null, [heatmap(a, false)]),
      ]),
    );
  });
  body.appendChild(tableWithHead('availability-sites', head, tbody));
})();

/* A site's own availability block on its page. */
function siteAvailabilitySection(s) {
  var box = el('div', { id: 'site-availability' }, [el('h3', { text: '可用性监测 Availability (govscan monitor)' })]);
  var a = avSite(s.code);
  if (!a) {
    box.appendChild(
      el('p', {
        cls: 'muted',
        // A site page of a report directory carries its own entry only, and how many sites were monitored.
        text: (AV.monitored === undefined ? AV.sites.length : AV.monitored)
          ? '此站点未被监测 This site was not monitored before the crawl: the veto 站点无法访问 is unknown.'
          : noMonitoringText(),
      }),
    );
    return box;
  }
  box.appendChild(
    el('div', { cls: 'facts' }, [
      kv('访问 visits', String(a.visits)),
      kv('失败 failures', `${a.failures} (${shareText(a.share)})`),
      kv('最长中断 longest outage', durationText(a.longestOutageMs)),
      kv('打开时间 open median / p95', `${durationText(a.medianOpenMs)} / ${durationText(a.p95OpenMs)}`),
      kv('单项否决 veto', VETO_TEXT[a.veto]),
      kv('未运行 / 被拦截 not run / refused', `${a.notRun} / ${a.blocked}`),
      kv('更新天数 days with new headlines', a.newHeadlineDays === null ? '—' : String(a.newHeadlineDays)),
      kv('窗口 window', `${a.from.slice(0, 16)}Z → ${a.to.slice(0, 16)}Z`),
    ]),
  );
  box.appendChild(heatmapLegend());
  box.appendChild(heatmap(a, true));
  if (a.unexpected.length) {
    box.appendChild(
      el('h4', {
        text: `异常变更 Unexpected homepage changes: ${a.unexpectedChanges} visits, the newest ${a.unexpected.length} (check by hand)`,
      }),
    );
    box.appendChild(
      el(
        'ul',
        { id: 'site-unexpected' },
        a.unexpected.map((u) => el('li', { cls: 'flags', text: `${u.at} · ${u.change}` })),
      ),
    );
  }
  return box;
}
