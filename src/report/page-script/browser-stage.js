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
  var a = el('a', { href: siteHref(s.code), text: s.name });
  return el('td', null, [a, el('div', { cls: 'muted', text: `${s.province} · ${s.code}` })]);
}
function verificationOf(s, capability) {
  return (s.audit.verification || []).filter((v) => v.capability === capability)[0];
}

(function renderBrowserStage() {
  var body = document.getElementById('browser-stage-body');
  if (!body) return; // a site page of a report directory
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
  body.appendChild(tableWithHead('audit-sites', head, tbody));
})();
