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
  // A report directory's index: an old #site= link goes to the site's own page.
  if (code !== null && MODE === 'index' && PAGE_OF[code]) {
    location.replace(PAGE_OF[code]);
    return;
  }
  document.getElementById('overview').hidden = code !== null;
  document.getElementById('site-page').hidden = code === null;
  if (code !== null) showSite(code);
  else if (!overviewDrawn) {
    overviewDrawn = true;
    drawOverview();
  }
}
if (MODE === 'site') showSite(DATA.sites[0].code);
else {
  echarts.registerMap('china', JSON.parse(document.getElementById('china-map').textContent));
  window.addEventListener('hashchange', route);
  window.addEventListener('resize', () => {
    for (var k in charts) charts[k].resize();
  });
  route();
}
document.body.setAttribute('data-ready', '1');
