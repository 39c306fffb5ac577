// The fixture world's generator: determinism, and a manifest that is complete and agrees with the pages served.
import { describe, expect, it } from 'vitest';
import { generateWorld } from '../fixtures/index.js';
import { SITE_HOSTILE_KINDS } from '../fixtures/model/hostile.js';
import type { PortalModel, World } from '../fixtures/model/types.js';
import { ResponseCache } from '../fixtures/render/cache.js';
import type { FixtureResponse } from '../fixtures/render/http.js';
import { respond, responseCache } from '../fixtures/render/router.js';
import { INDICATOR_IDS } from '../indicators/values.js';
import { loadRegistry } from '../src/registry/registry.js';
import { decodeBody } from '../src/util/encoding.js';

const registry = loadRegistry();
const asOf = new Date('2026-11-22T00:00:00Z');
const world = generateWorld({ seed: 20261122, asOf, registry });

function get(w: World, url: string): Extract<FixtureResponse, { kind: 'body' }> {
  const u = new URL(url);
  let r = respond(
    w,
    { method: 'GET', scheme: u.protocol === 'https:' ? 'https' : 'http', host: u.hostname, url: u, headers: {} },
    () => 2,
  );
  while (r.kind === 'delay') r = r.next; // slow hosts: the content is what matters here
  if (r.kind !== 'body') throw new Error(`${url}: expected a body, got ${r.kind}`);
  return r;
}
const html = (w: World, url: string) => {
  const r = get(w, url);
  return decodeBody(r.body, r.headers['content-type']).text;
};
/** Where the portal's homepage is served (https when http redirects there). */
const origin = (p: PortalModel) => `${p.https.redirect ? 'https' : p.scheme}://${p.host}`;
/** The decoded homepage of the portal. */
const home = (p: PortalModel, w: World = world) => html(w, `${origin(p)}/`);
/**
 * The header markup a visitor sees: in the homepage, in /js/header.js, in the header iframe, or
 * written by inline document.write (run here with a stub document, so the test does not lean on
 * the detectors' own literal parser).
 */
function headerOf(p: PortalModel, w: World = world): string {
  if (p.docwriteHeader) return runWrites(html(w, `${origin(p)}/js/header.js`));
  if (p.headerMode === 'iframe') return html(w, `${origin(p)}/include/header.html`);
  const page = home(p, w);
  if (p.headerMode?.startsWith('inline'))
    return runWrites(/<body[^>]*>\s*<script type="text\/javascript">([\s\S]*?)<\/script>/.exec(page)![1]!);
  return page;
}
function runWrites(js: string): string {
  const out: string[] = [];
  const doc = { write: (s: string) => out.push(s), writeln: (s: string) => out.push(`${s}\n`) };
  new Function('document', 'unescape', js)(doc, unescape);
  return out.join('');
}
const readable = world.manifest.sites.filter(
  (s) => !s.hostile || ['slow', 'flapping_5xx', 'spider_trap'].includes(s.hostile.kind),
);
/** The readable sites with their portal model and truth. */
const sites = readable.map((s) => ({ s, p: world.portals.get(s.code)!, t: s.indicators }));

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
    for (const s of world.manifest.sites)
      for (const id of INDICATOR_IDS)
        expect(s.indicators[id]?.status, `${s.code} ${id}`).toMatch(/^(present|absent|unknown)$/);
  });
  it('has one hostile site per hostile kind and extra hosts outside the registry; unreadable sites are unknown, never absent', () => {
    const hostile = world.manifest.sites.filter((s) => s.hostile);
    expect(hostile.length).toBe(SITE_HOSTILE_KINDS.length);
    const hosts = new Set(registry.map((l) => new URL(l.portalUrl).hostname));
    expect(world.manifest.extraHosts.length).toBeGreaterThanOrEqual(10);
    for (const x of world.manifest.extraHosts) expect(hosts.has(x.host)).toBe(false);
    for (const s of hostile.filter((h) => h.hostile!.expectSiteStatus !== 'ok')) {
      for (const id of INDICATOR_IDS) {
        if (id === 'gov_domain' || id === 'ipv6' || (id === 'robots_txt' && s.hostile!.kind === 'robots_disallow_all'))
          continue;
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
    for (const d of [
      'keywords-data',
      'commented-qa-link',
      'hidden-qa-link',
      'roboto-font',
      'hotline-plain-text',
      'service-center-address',
    ])
      expect(
        portals.some((p) => p.decoys.includes(d)),
        d,
      ).toBe(true);
    for (const id of INDICATOR_IDS) {
      const st = new Set(world.manifest.sites.map((s) => s.indicators[id]!.status));
      // availability is judged from the monitor's week, not a crawl: it varies in test/monitor.test.ts.
      if (id !== 'gov_domain' && id !== 'availability') expect(st.has('present') && st.has('absent'), id).toBe(true);
    }
  });
});

describe('pages agree with the manifest', () => {
  it('footer norms: site id code, ICP, 公安备案 appear in the homepage as the truth says', () => {
    for (const { s, p } of sites) {
      const page = html(world, s.portalUrl.replace(/^http:/, p.https.redirect ? 'https:' : 'http:'));
      const visible = page.replace(/<[^>]+>/g, '');
      const sid = s.indicators.site_id_code!;
      if (p.siteId?.footer) expect(visible, s.code).toContain(sid.value!.code!);
      // A code not shown to visitors (only in meta or the jiucuo link/script) is absent, with the code in the value.
      if (sid.status === 'absent') expect(visible).not.toMatch(new RegExp(`(?<!\\d)${s.code}\\d{4}(?!\\d)`));
      if (sid.status === 'absent' && p.siteId && (p.siteId.meta === 'full' || p.siteId.jiucuo))
        expect(page, s.code).toContain(sid.value!.code!);
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
    for (const { s, p } of sites) {
      const ds = s.indicators.open_data_datasets!;
      if (ds.status === 'present') {
        const page = html(world, p.data!.url).replace(/<[^>]+>/g, '');
        const n = Number(/(?:数据集|开放数据集：|已开放)\s*([\d,]+)/.exec(page)![1]!.replace(/,/g, ''));
        expect(n, s.code).toBe(ds.value!.datasets);
        for (const f of ds.value!.formats!) expect(page).toContain(f);
        if (ds.value!.api) {
          const api = JSON.parse(
            get(
              world,
              new URL(
                `/api/datasets${p.data!.level === 'provincial' ? `?areaCode=${s.code}&page=1` : '?page=1'}`,
                p.data!.url,
              ).href,
            ).body.toString(),
          );
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
    for (const { s, p } of sites) {
      const rt = s.indicators.reply_timeliness!;
      if (p.interaction) {
        const page = html(world, p.interaction.entries[0]!.url);
        const rows = [
          ...page.matchAll(/<tr><td><a[^>]*>[^<]*<\/a><\/td><td>(\d{4}-\d\d-\d\d)<\/td><td>([\d-]*)<\/td>/g),
        ];
        expect(rows.length, s.code).toBe(p.interaction.letters.length);
        const overdue = rows.filter((m) => !m[2] && (asOf.getTime() - Date.parse(m[1]!)) / 86_400_000 > 90).length;
        expect(overdue, s.code).toBe(rt.value!.overdue);
      } else expect(rt.status).toBe('absent');
      const robots = get(world, `${origin(p)}/robots.txt`);
      if (s.indicators.robots_txt!.status === 'absent') expect(robots.status).toBe(404);
      else expect(robots.body.toString().includes('Disallow: /\n')).toBe(s.indicators.robots_txt!.value!.disallowAll);
    }
  });
  it('decoys are only decoys: keywords, comments and hidden links never carry a real entry', () => {
    for (const p of [...world.portals.values()].filter((x) => !x.hostile)) {
      const page = home(p);
      if (p.decoys.includes('keywords-data') && !p.data) {
        const withoutMeta = page.replace(/<meta name="keywords"[^>]*>/, '');
        expect(withoutMeta, p.host).not.toMatch(/数据开放|开放数据/);
      }
      if (p.decoys.includes('commented-qa-link')) expect(page.replace(/<!--[\s\S]*?-->/g, '')).not.toMatch(/智能问答/);
      if (!p.smartQa && p.decoys.includes('hidden-qa-link'))
        expect(get(world, `${origin(p)}/znwd/index.html`).status).toBe(404);
    }
  });
  it('site search is present only when the search returns results; a form that answers nothing is absent, not_working', () => {
    let present = 0;
    let broken = 0;
    for (const { s, p } of sites) {
      const t = s.indicators.site_search!;
      if (!p.search) {
        expect(t.status, s.code).toBe('absent');
        continue;
      }
      const header = headerOf(p);
      if (p.search.submit === 'script') {
        // No form: an input that /js/search.js submits to the engine's result page.
        expect(header, s.code).not.toMatch(/<form class="search"/);
        expect(header).toMatch(/<input type="text" id="keyword"[^>]*>/);
        const js = html(world, `${origin(p)}/js/search.js`);
        expect(js).toContain(
          JSON.stringify(
            new URL(p.search.action).hostname === p.host ? new URL(p.search.action).pathname : p.search.action,
          ),
        );
        expect([t.status, t.value!.submit, t.value!.resultsReturned], s.code).toEqual(['present', 'script', undefined]);
        // What the script opens answers with results (so browser verification can confirm it).
        const a = new URL(p.search.action);
        const target = new URL(a.hostname === p.host ? `${origin(p)}${a.pathname}` : a.href);
        target.searchParams.set(p.search.param, '公积金');
        target.searchParams.set('siteCode', p.siteId?.code ?? p.loc.code);
        expect((html(world, target.href).match(/class="result-item"/g) ?? []).length, s.code).toBeGreaterThan(0);
      } else {
        const action = /<form class="search" action="([^"]+)/.exec(header)?.[1];
        expect(action && new URL(action, `${origin(p)}/`).href, s.code).toBe(t.value!.action);
        expect(t.value!.submit).toBe('form');
      }
      if (p.headerMode === 'iframe' || p.search.submit === 'script') {
        // Not probed: only working searches are put where the probe cannot reach.
        expect([p.search.works, t.status, t.value!.verified], s.code).toEqual([true, 'present', 'verified']);
        present++;
        continue;
      }
      const q = new URL(t.value!.action!);
      q.searchParams.set(p.search.param, '公积金');
      q.searchParams.set('siteCode', p.siteId?.code ?? p.loc.code);
      const results = (html(world, q.href).match(/class="result-item"/g) ?? []).length;
      if (t.status === 'present') {
        present++;
        expect([results > 0, t.value!.resultsReturned, t.value!.verified], s.code).toEqual([true, true, 'verified']);
      } else {
        broken++;
        expect([t.status, results, t.value!.resultsReturned, t.value!.verified], s.code).toEqual([
          'absent',
          0,
          false,
          'not_working',
        ]);
      }
    }
    expect(present).toBeGreaterThan(150);
    expect(broken).toBeGreaterThan(10);
  });
  it('no homepage embeds its own pages over http:// (frames, widget frames, search forms): https pages would block them', () => {
    let embedded = 0;
    for (const p of [...world.portals.values()].filter((x) => !x.hostile)) {
      const page = home(p) + headerOf(p);
      const refs = [
        ...page.matchAll(/<iframe[^>]* src=\\?"([^"\\]+)|data-url=\\?"([^"\\]+)|<form[^>]* action=\\?"([^"\\]+)/g),
      ].map((m) => m[1] ?? m[2] ?? m[3]!);
      embedded += refs.length;
      expect(
        refs.filter((u) => u.startsWith('http:')),
        p.host,
      ).toEqual([]);
    }
    expect(embedded).toBeGreaterThan(300);
  });
  it('homepage freshness truth is the newest date anywhere on the homepage', () => {
    const dateRe = /(\d{4})[-年/](\d{2})[-月/](\d{2})|(?<![\d-])(\d{2})-(\d{2})(?![\d-])/g;
    for (const { s, p } of sites.slice(0, 150)) {
      const truth = s.indicators.homepage_freshness!;
      const visible = home(p).replace(/<[^>]+>/g, ' ');
      const dates = [...visible.matchAll(dateRe)]
        .map((m) => (m[1] ? `${m[1]}-${m[2]}-${m[3]}` : `2026-${m[4]}-${m[5]}`))
        .sort();
      if (truth.value!.newestDate === null) expect(dates, s.code).toEqual([]);
      else expect(dates.at(-1), s.code).toBe(truth.value!.newestDate);
      expect(truth.status).toBe(
        truth.value!.newestDate && (asOf.getTime() - Date.parse(truth.value!.newestDate)) / 86_400_000 <= 14
          ? 'present'
          : 'absent',
      );
    }
  });
});

describe('real-world patterns: each on a share of sites across CMS families, with the truth it implies', () => {
  /** Sites with the pattern: at least `min`, on at least three CMS families; each passes `check`. */
  function pattern(
    name: string,
    has: (p: PortalModel) => boolean,
    min: number,
    check: (x: (typeof sites)[number]) => void,
  ): void {
    const xs = sites.filter((x) => has(x.p));
    expect(xs.length, name).toBeGreaterThanOrEqual(min);
    expect(new Set(xs.map((x) => x.p.cms)).size, `${name}: CMS families`).toBeGreaterThanOrEqual(3);
    for (const x of xs) check(x);
  }
  const stripTags = (h: string) => h.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, '');

  it('site search without a form: an input a script submits; present, submit script, not probed', () => {
    pattern(
      'script search',
      (p) => p.search?.submit === 'script',
      25,
      ({ p, t, s }) => {
        expect(t.site_search!.form, s.code).toMatch(/no form: input submitted by script/);
        expect(headerOf(p)).toMatch(/onclick="(doSearch|goSearch)\(\)"/);
      },
    );
  });
  it('image-only entries: a robot.png Q&A link and an older.png footer link to the /age/ version', () => {
    pattern(
      'Q&A image',
      (p) => p.smartQa?.markup === 'image',
      8,
      ({ p, t, s }) => {
        expect(home(p), s.code).toContain(
          `<a href="${p.smartQa!.url}" target="_blank"><img src="/images/robot.png" width="64" height="64"></a>`,
        );
        expect(t.smart_qa).toMatchObject({ status: 'present', value: { via: 'link' } });
      },
    );
    pattern(
      'elderly image',
      (p) => !!p.elderly?.image,
      15,
      ({ p, t, s }) => {
        expect(home(p), s.code).toContain(
          '<a class="footer-age" href="/age/"><img src="/images/older.png" width="96" height="32"></a>',
        );
        expect(t.elderly_mode).toMatchObject({ status: 'present', value: { via: 'link', vendor: 'self' } });
        expect(html(world, `${origin(p)}/age/`)).toContain(`font-size:${p.elderly!.works ? 24 : 14}px`);
      },
    );
  });
  it('entries in a carousel slide or a drop-down hidden by an inline style count; a bare display:none <li> does not', () => {
    pattern(
      'Q&A slide',
      (p) => p.smartQa?.markup === 'slide',
      8,
      ({ p, t, s }) => {
        expect(home(p), s.code).toContain(`<div class="slide-item" style="display:none"><a href="${p.smartQa!.url}"`);
        expect(t.smart_qa!.status).toBe('present');
      },
    );
    pattern(
      'nav drop-down',
      (p) => !!p.interaction?.entries.some((e) => e.placement === 'nav-submenu'),
      15,
      ({ p, t, s }) => {
        const sub = /<ul class="sub" style="display:none">([\s\S]*?)<\/ul>/.exec(headerOf(p))?.[1] ?? '';
        for (const e of p.interaction!.entries) expect(sub, s.code).toContain(e.url);
        expect(t.interaction_channel).toMatchObject({ status: 'present', value: { via: 'homepage' } });
      },
    );
    for (const x of sites.filter((y) => y.p.decoys.includes('hidden-qa-link') && !y.p.smartQa))
      expect(x.t.smart_qa!.status).toBe('absent');
  });
  it('interaction: a bare section link is not a channel; channels behind it are read on the section page', () => {
    pattern(
      'section only',
      (p) => !!p.interaction?.sectionOnly,
      15,
      ({ p, t, s }) => {
        const h = headerOf(p) + home(p);
        for (const e of p.interaction!.entries) expect(h, s.code).not.toContain(e.url);
        expect(h).toContain(`>${p.interaction!.sectionText}</a>`);
        const section = html(
          world,
          p.interaction!.sectionUrl.replace(
            /^http:/,
            p.interaction!.host === p.host ? `${origin(p).split(':')[0]!}:` : 'http:',
          ),
        );
        for (const e of p.interaction!.entries) expect(section, s.code).toContain(new URL(e.url).pathname);
        expect(t.interaction_channel).toMatchObject({ status: 'present', value: { via: 'section_page' } });
      },
    );
    pattern(
      'section link, no channel',
      (p) => !p.interaction && p.decoys.includes('interaction-section-link'),
      8,
      ({ p, t, s }) => {
        expect(headerOf(p), s.code).toContain('<a href="/hdjl/index.html">互动交流</a>');
        expect(get(world, `${origin(p)}/hdjl/index.html`).status).toBe(200);
        expect(t.interaction_channel!.status).toBe('absent');
      },
    );
    pattern(
      '12345 badge',
      (p) => !!p.interaction?.badge12345,
      15,
      ({ p, t, s }) => {
        expect(headerOf(p), s.code).toMatch(
          /<div class="rx"><img src="\/images\/hotline12345.png" width="180" height="40" alt="[^"]*12345"/,
        );
        expect(t.interaction_channel!.value!.channels).toContain('hotline12345');
      },
    );
    for (const d of ['staff-mail-link', 'proposal-column', 'petition-bureau-link', 'consultation-column']) {
      const xs = sites.filter((x) => x.p.decoys.includes(d));
      expect(xs.length, d).toBeGreaterThan(20);
      expect(
        xs.some((x) => x.t.interaction_channel!.status === 'absent'),
        d,
      ).toBe(true);
      for (const x of xs.filter((y) => !y.p.interaction)) expect(x.t.interaction_channel!.status).toBe('absent');
    }
  });
  it('footer records: 公安备案 wording, older 12-digit numbers, a site code only in the jiucuo script', () => {
    pattern(
      '公安备案',
      (p) => p.psb?.wording === 'gaba',
      15,
      ({ p, t, s }) => {
        expect(stripTags(home(p)), s.code).toContain(`公安备案 ${p.psb!.number}号`);
        expect(t.public_security_record!.value!.number).toHaveLength(14);
      },
    );
    pattern(
      'old 12-digit',
      (p) => p.psb?.wording === 'old12',
      8,
      ({ p, t }) => {
        expect(stripTags(home(p))).toContain(`公网安备${p.psb!.number}号`);
        expect(t.public_security_record).toMatchObject({ status: 'present', value: { number: p.psb!.number } });
        expect(p.psb!.number).toHaveLength(12);
      },
    );
    pattern(
      'site code only in script',
      (p) => !!p.siteId?.jiucuoScript && !p.siteId.footer && p.siteId.meta === 'none',
      5,
      ({ p, t, s }) => {
        expect(home(p), s.code).toContain(`<script id="_jiucuo_" sitecode="${p.siteId!.code}"`);
        expect(stripTags(home(p))).not.toContain(p.siteId!.code);
        expect(t.site_id_code).toMatchObject({
          status: 'absent',
          value: { code: p.siteId!.code, source: 'jiucuo_link' },
        });
        expect(t.third_party_services!.value!.hosts).toContain('zfwzgl.www.gov.cn');
      },
    );
  });
  it('look-alikes of the sitemap and of the elderly / accessibility modes never count', () => {
    pattern(
      'sitemap decoys',
      (p) =>
        (p.decoys.includes('wzdh-link') || p.decoys.includes('sitemap-label-to-wzdh')) &&
        !p.sitemapPage &&
        !p.sitemapXml,
      8,
      ({ p, t, s }) => {
        expect(home(p), s.code).toMatch(/<a href="\/wzdh\/(index.html)?">(网站导航|站点地图)<\/a>/);
        expect(get(world, `${origin(p)}/wzdh/`).status).toBe(200);
        expect(t.sitemap!.status).toBe('absent');
      },
    );
    pattern(
      'elderly decoys',
      (p) => ['elderly-zone', 'slh-badge', 'slh-news'].some((d) => p.decoys.includes(d)) && !p.elderly,
      15,
      ({ p, t, s }) => {
        expect(home(p), s.code).toMatch(/长者专区|wza\.isc\.org\.cn|适老化及无障碍/);
        expect(t.elderly_mode!.status).toBe('absent');
      },
    );
    pattern(
      'aria.js without an entry',
      (p) => !!p.a11y?.noEntry,
      5,
      ({ p, t, s }) => {
        const h = home(p);
        expect(h, s.code).toMatch(
          /<script src="https:\/\/gov\.govwza\.cn\/dist\/aria\.js\?appid=\w+" id="ariascripts"/,
        );
        expect(h).not.toMatch(/aria\.(start|oldFixedStart)\(/);
        expect(t.accessibility_mode).toMatchObject({
          status: 'present',
          value: { via: 'script', vendor: 'aria', verified: 'not_found' },
        });
        expect(t.elderly_mode!.status).toBe('absent');
      },
    );
  });
  it('headers in a same-site iframe or written by inline document.write hold the entries', () => {
    pattern(
      'header iframe',
      (p) => p.headerMode === 'iframe',
      5,
      ({ p, t, s }) => {
        const h = home(p);
        expect(h, s.code).toContain('<iframe src="/include/header.html"');
        expect(h).not.toContain('<div class="header">');
        expect(headerOf(p)).toContain('<div class="header">');
        if (p.search) expect(t.site_search!.form).toMatch(/iframe.*not probed/);
      },
    );
    pattern(
      'inline document.write',
      (p) => !!p.headerMode?.startsWith('inline'),
      10,
      ({ p, s }) => {
        const h = home(p);
        expect(h, s.code).not.toContain('<div class="header">');
        if (p.headerMode === 'inline-unescape') expect(h).toContain('document.write(unescape("%3Cdiv');
        const written = headerOf(p);
        expect(written).toContain('<div class="header">');
        for (const e of [p.service, p.data, p.personal].filter(
          (x) => x && ['nav', 'header-toolbar'].includes(x.placement),
        ))
          expect(written, s.code).toContain(e!.url);
      },
    );
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
    const flap = (u: URL) =>
      respond(w, { method: 'GET', scheme: 'http', host: u.hostname, url: u, headers: {} }, counter);
    const u = new URL('http://www.flapping-test.gov.cn/');
    expect([flap(u), flap(u), flap(u)].map((r) => (r.kind === 'body' ? r.status : r.kind))).toEqual([503, 200, 503]);
  });
  it('is bounded by bytes, oldest out first, and never keeps non-body answers', () => {
    const c = new ResponseCache(64 * 1024);
    const body = (n: number) => ({ kind: 'body' as const, status: 200, headers: {}, body: Buffer.alloc(n) });
    for (let i = 0; i < 40; i++) c.get(`k${i}`, () => body(2048));
    expect(c.size).toBeLessThan(40);
    let rendered = 0;
    /** The render function, counting the times the cache calls it. */
    const counted =
      <T>(render: () => T) =>
      (): T => {
        rendered++;
        return render();
      };
    c.get(
      'k0',
      counted(() => body(2048)),
    ); // evicted: rendered again
    c.get(
      'k39',
      counted(() => body(2048)),
    ); // recent: cached
    expect(rendered).toBe(1);
    c.get('hang', () => ({ kind: 'hang' }));
    c.get(
      'hang',
      counted(() => ({ kind: 'hang' as const })),
    );
    expect(rendered).toBe(2);
  });
});
