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
