// The fixture world's generator: determinism, and a manifest that is complete and agrees with the pages served.
import { describe, expect, it } from 'vitest';
import { generateWorld } from '../fixtures/index.js';
import { respond, responseCache } from '../fixtures/render/router.js';
import { ResponseCache } from '../fixtures/render/cache.js';
import type { FixtureResponse } from '../fixtures/render/http.js';
import type { World } from '../fixtures/model/types.js';
import { loadRegistry } from '../src/registry/registry.js';
import { decodeBody } from '../src/util/encoding.js';
import { INDICATOR_IDS } from '../indicators/values.js';

const registry = loadRegistry();
const asOf = new Date('2026-11-22T00:00:00Z');
const world = generateWorld({ seed: 20261122, asOf, registry });

function get(w: World, url: string): Extract<FixtureResponse, { kind: 'body' }> {
  const u = new URL(url);
  let r = respond(w, { method: 'GET', scheme: u.protocol === 'https:' ? 'https' : 'http', host: u.hostname, url: u, headers: {} }, () => 2);
  while (r.kind === 'delay') r = r.then; // slow hosts: the content is what matters here
  if (r.kind !== 'body') throw new Error(`${url}: expected a body, got ${r.kind}`);
  return r;
}
const html = (w: World, url: string) => {
  const r = get(w, url);
  return decodeBody(r.body, r.headers['content-type']).text;
};
const readable = world.manifest.sites.filter((s) => !s.hostile || ['slow', 'flapping_5xx', 'spider_trap'].includes(s.hostile.kind));

describe('determinism', () => {
  it('same seed and asOf give an identical manifest and identical page bytes', () => {
    const again = generateWorld({ seed: 20261122, asOf, registry: [...registry].reverse() });
    expect(JSON.stringify(again.manifest)).toBe(JSON.stringify(world.manifest));
    for (const s of world.manifest.sites.slice(0, 40)) {
      if (s.hostile) continue;
      expect(get(again, s.portalUrl).body.equals(get(world, s.portalUrl).body)).toBe(true);
    }
  });
  it('a different seed gives a different world', () => {
    const other = generateWorld({ seed: 7, asOf, registry });
    expect(JSON.stringify(other.manifest.sites)).not.toBe(JSON.stringify(world.manifest.sites));
    const cms = (w: World) => w.manifest.sites.map((s) => s.cms).join();
    expect(cms(other)).not.toBe(cms(world));
  });
});

describe('manifest', () => {
  it('covers all 337 registry sites, each stating every indicator id', () => {
    expect(world.manifest.sites).toHaveLength(337);
    for (const s of world.manifest.sites) for (const id of INDICATOR_IDS) expect(s.indicators[id]?.status, `${s.code} ${id}`).toMatch(/^(present|absent|unknown)$/);
  });
  it('has ~20 hostile sites and extra hosts outside the registry; unreadable sites are unknown, never absent', () => {
    const hostile = world.manifest.sites.filter((s) => s.hostile);
    expect(hostile.length).toBe(20);
    const hosts = new Set(registry.map((l) => new URL(l.portalUrl).hostname));
    expect(world.manifest.extraHosts.length).toBeGreaterThanOrEqual(10);
    for (const x of world.manifest.extraHosts) expect(hosts.has(x.host)).toBe(false);
    for (const s of hostile.filter((h) => h.hostile!.expectSiteStatus !== 'ok')) {
      for (const id of INDICATOR_IDS) {
        if (id === 'gov_domain' || id === 'ipv6' || (id === 'robots_txt' && s.hostile!.kind === 'robots_disallow_all')) continue;
        expect(s.indicators[id]!.status, `${s.code} ${id}`).toBe('unknown');
      }
    }
  });
  it('varies what matters: CMS families, encodings, JS-only entries, decoys', () => {
    const cms = new Set(world.manifest.sites.map((s) => s.cms));
    expect([...cms].sort()).toEqual(['epoint', 'hanweb', 'kaipuyun', 'lonsun', 'self_built', 'trs']);
    const portals = [...world.portals.values()];
    expect(new Set(portals.map((p) => p.charsetDecl)).size).toBe(5);
    expect(portals.filter((p) => p.docwriteHeader).length).toBeGreaterThan(20);
    expect(portals.filter((p) => p.smartQa?.via === 'widget_script').length).toBeGreaterThan(10);
    for (const d of ['keywords-data', 'commented-qa-link', 'hidden-qa-link', 'roboto-font', 'hotline-plain-text', 'service-center-address'])
      expect(portals.some((p) => p.decoys.includes(d)), d).toBe(true);
    for (const id of INDICATOR_IDS) {
      const st = new Set(world.manifest.sites.map((s) => s.indicators[id]!.status));
      if (id !== 'gov_domain') expect(st.has('present') && st.has('absent'), id).toBe(true);
    }
  });
});

describe('pages agree with the manifest', () => {
  it('footer norms: site id code, ICP, 公安备案 appear in the homepage as the truth says', () => {
    for (const s of readable) {
      const p = world.portals.get(s.code)!;
      const page = html(world, s.portalUrl.replace(/^http:/, p.https.redirect ? 'https:' : 'http:'));
      const visible = page.replace(/<[^>]+>/g, '');
      const sid = s.indicators.site_id_code!;
      if (p.siteId?.footer) expect(visible, s.code).toContain(sid.value!.code!);
      // A code not shown to visitors (only in meta or the jiucuo link/script) is absent, with the code in the value.
      if (sid.status === 'absent') expect(visible).not.toMatch(new RegExp(`(?<!\\d)${s.code}\\d{4}(?!\\d)`));
      if (sid.status === 'absent' && p.siteId && (p.siteId.meta === 'full' || p.siteId.jiucuo)) expect(page, s.code).toContain(sid.value!.code!);
      const icp = s.indicators.icp_record!;
      if (icp.status === 'present') expect(visible, s.code).toContain(icp.value!.record!);
      else expect(visible).not.toMatch(/ICP备/);
      const psb = s.indicators.public_security_record!;
      if (psb.status === 'present') expect(visible).toContain(psb.value!.number!);
    }
  });
  it('decodes correctly whatever the charset declaration (GBK pages included)', () => {
    for (const p of [...world.portals.values()].filter((x) => !x.hostile).slice(0, 120)) {
      const r = get(world, `http://${p.host}/index.html`);
      const body = r.status === 301 ? get(world, r.headers.location!) : r;
      const text = decodeBody(body.body, body.headers['content-type']).text;
      expect(text, `${p.host} ${p.charset}/${p.charsetDecl}`).toContain(`${p.loc.name}人民政府门户网站`);
      if (p.charset !== 'utf-8') expect(body.body.includes(Buffer.from(p.loc.name, 'utf8'))).toBe(false);
    }
  });
  it('stated counts on the linked platforms equal the manifest values', () => {
    let dataChecked = 0;
    let serviceChecked = 0;
    for (const s of readable) {
      const p = world.portals.get(s.code)!;
      const ds = s.indicators.open_data_datasets!;
      if (ds.status === 'present') {
        const page = html(world, p.data!.url).replace(/<[^>]+>/g, '');
        const n = Number(/(?:数据集|开放数据集：|已开放)\s*([\d,]+)/.exec(page)![1]!.replace(/,/g, ''));
        expect(n, s.code).toBe(ds.value!.datasets);
        for (const f of ds.value!.formats!) expect(page).toContain(f);
        if (ds.value!.api) {
          const api = JSON.parse(get(world, new URL(`/api/datasets${p.data!.level === 'provincial' ? `?areaCode=${s.code}&page=1` : '?page=1'}`, p.data!.url).href).body.toString());
          expect(api.total).toBe(ds.value!.datasets);
        }
        dataChecked++;
      }
      const rate = s.indicators.online_service_rate!;
      if (rate.status === 'present') {
        const page = html(world, p.service!.url).replace(/<[^>]+>/g, '');
        const nums = [...page.matchAll(/\d+/g)].map((m) => Number(m[0]));
        expect(nums, s.code).toContain(rate.value!.items);
        expect(nums, s.code).toContain(rate.value!.fullyOnline);
        serviceChecked++;
      }
    }
    expect(dataChecked).toBeGreaterThan(100);
    expect(serviceChecked).toBeGreaterThan(200);
  });
  it('letter lists show the overdue letters the truth counts, and robots.txt matches', () => {
    for (const s of readable) {
      const p = world.portals.get(s.code)!;
      const rt = s.indicators.reply_timeliness!;
      if (p.interaction) {
        const page = html(world, p.interaction.entries[0]!.url);
        const rows = [...page.matchAll(/<tr><td><a[^>]*>[^<]*<\/a><\/td><td>(\d{4}-\d\d-\d\d)<\/td><td>([\d-]*)<\/td>/g)];
        expect(rows.length, s.code).toBe(p.interaction.letters.length);
        const overdue = rows.filter((m) => !m[2] && (asOf.getTime() - Date.parse(m[1]!)) / 86_400_000 > 90).length;
        expect(overdue, s.code).toBe(rt.value!.overdue);
      } else expect(rt.status).toBe('absent');
      const robots = get(world, `${p.https.redirect ? 'https' : p.scheme}://${p.host}/robots.txt`);
      if (s.indicators.robots_txt!.status === 'absent') expect(robots.status).toBe(404);
      else expect(robots.body.toString().includes('Disallow: /\n')).toBe(s.indicators.robots_txt!.value!.disallowAll);
    }
  });
  it('decoys are only decoys: keywords, comments and hidden links never carry a real entry', () => {
    for (const p of [...world.portals.values()].filter((x) => !x.hostile)) {
      const page = html(world, `${p.https.redirect ? 'https' : p.scheme}://${p.host}/`);
      if (p.decoys.includes('keywords-data') && !p.data) {
        const withoutMeta = page.replace(/<meta name="keywords"[^>]*>/, '');
        expect(withoutMeta, p.host).not.toMatch(/数据开放|开放数据/);
      }
      if (p.decoys.includes('commented-qa-link')) expect(page.replace(/<!--[\s\S]*?-->/g, '')).not.toMatch(/智能问答/);
      if (!p.smartQa && p.decoys.includes('hidden-qa-link')) expect(get(world, `${p.https.redirect ? 'https' : p.scheme}://${p.host}/znwd/index.html`).status).toBe(404);
    }
  });
  it('site search is present only when the search returns results; a form that answers nothing is absent, not_working', () => {
    let present = 0;
    let broken = 0;
    for (const s of readable) {
      const p = world.portals.get(s.code)!;
      const t = s.indicators.site_search!;
      if (!p.search) {
        expect(t.status, s.code).toBe('absent');
        continue;
      }
      const origin = `${p.https.redirect ? 'https' : p.scheme}://${p.host}`;
      const home = html(world, `${origin}/`) + (p.docwriteHeader ? html(world, `${origin}/js/header.js`) : '');
      const action = /<form class=\\?"search\\?" action=\\?"([^"\\]+)/.exec(home)?.[1]; // also inside document.write("…")
      expect(action && new URL(action, `${origin}/`).href, s.code).toBe(t.value!.action);
      const q = new URL(t.value!.action!);
      q.searchParams.set(p.search.param, '公积金');
      q.searchParams.set('siteCode', p.siteId?.code ?? p.loc.code);
      const results = (html(world, q.href).match(/class="result-item"/g) ?? []).length;
      if (t.status === 'present') {
        present++;
        expect([results > 0, t.value!.resultsReturned, t.value!.verified], s.code).toEqual([true, true, 'verified']);
      } else {
        broken++;
        expect([t.status, results, t.value!.resultsReturned, t.value!.verified], s.code).toEqual(['absent', 0, false, 'not_working']);
      }
    }
    expect(present).toBeGreaterThan(150);
    expect(broken).toBeGreaterThan(10);
  });
  it('no homepage embeds its own pages over http:// (frames, widget frames, search forms): https pages would block them', () => {
    let embedded = 0;
    for (const p of [...world.portals.values()].filter((x) => !x.hostile)) {
      const origin = `${p.https.redirect ? 'https' : p.scheme}://${p.host}`;
      const home = html(world, `${origin}/`) + (p.docwriteHeader ? html(world, `${origin}/js/header.js`) : '');
      const refs = [...home.matchAll(/<iframe[^>]* src=\\?"([^"\\]+)|data-url=\\?"([^"\\]+)|<form[^>]* action=\\?"([^"\\]+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
      embedded += refs.length;
      expect(refs.filter((u) => u.startsWith('http:')), p.host).toEqual([]);
    }
    expect(embedded).toBeGreaterThan(300);
  });
  it('homepage freshness truth is the newest date anywhere on the homepage', () => {
    const dateRe = /(\d{4})[-年/](\d{2})[-月/](\d{2})|(?<![\d-])(\d{2})-(\d{2})(?![\d-])/g;
    for (const s of readable.slice(0, 150)) {
      const p = world.portals.get(s.code)!;
      const truth = s.indicators.homepage_freshness!;
      const visible = html(world, `${p.https.redirect ? 'https' : p.scheme}://${p.host}/`).replace(/<[^>]+>/g, ' ');
      const dates = [...visible.matchAll(dateRe)].map((m) => (m[1] ? `${m[1]}-${m[2]}-${m[3]}` : `2026-${m[4]}-${m[5]}`)).sort();
      if (truth.value!.newestDate === null) expect(dates, s.code).toEqual([]);
      else expect(dates.at(-1), s.code).toBe(truth.value!.newestDate);
      expect(truth.status).toBe(truth.value!.newestDate && (asOf.getTime() - Date.parse(truth.value!.newestDate)) / 86_400_000 <= 14 ? 'present' : 'absent');
    }
  });
});

describe('rendered-response cache', () => {
  it('answers a repeated URL from the cache with the same bytes, per scheme, and keeps hostile behaviour per request', () => {
    const w = generateWorld({ seed: 20261122, asOf, registry });
    const cache = responseCache(w);
    const s = w.manifest.sites.find((x) => !x.hostile && x.indicators.https!.value?.redirectsToHttps)!;
    const first = get(w, `https://${s.host}/`);
    const misses = cache.misses;
    const again = get(w, `https://${s.host}/`);
    expect(again.body.equals(first.body)).toBe(true);
    expect([cache.misses, cache.hits]).toEqual([misses, 1]);
    expect(get(w, `http://${s.host}/`).status).toBe(301); // the http URL is its own entry: a redirect, not the page
    // Flapping hosts still fail on every first request of a URL, although the page itself is cached.
    let n = 0;
    const counter = () => ++n;
    const flap = (u: URL) => respond(w, { method: 'GET', scheme: 'http', host: u.hostname, url: u, headers: {} }, counter);
    const u = new URL('http://www.flapping-test.gov.cn/');
    expect([flap(u), flap(u), flap(u)].map((r) => (r.kind === 'body' ? r.status : r.kind))).toEqual([503, 200, 503]);
  });
  it('is bounded by bytes, oldest out first, and never keeps non-body answers', () => {
    const c = new ResponseCache(64 * 1024);
    const body = (n: number) => ({ kind: 'body' as const, status: 200, headers: {}, body: Buffer.alloc(n) });
    for (let i = 0; i < 40; i++) c.get(`k${i}`, () => body(2048));
    expect(c.size).toBeLessThan(40);
    let rendered = 0;
    c.get('k0', () => (rendered++, body(2048))); // evicted: rendered again
    c.get('k39', () => (rendered++, body(2048))); // recent: cached
    expect(rendered).toBe(1);
    c.get('hang', () => ({ kind: 'hang' }));
    c.get('hang', () => (rendered++, { kind: 'hang' }));
    expect(rendered).toBe(2);
  });
});

