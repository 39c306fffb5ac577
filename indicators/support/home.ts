/**
 * The homepage as detectors see it: the raw HTML (HTTP crawler), when the browser ran the
 * rendered DOM, and the same-site documents it embeds in iframes (role 'frame'). Searching raw first and the rendered DOM second tells whether a finding needed
 * JavaScript (needsRender). A homepage that failed or was blocked yields a `blocker` reason:
 * page-dependent indicators are then unknown, never absent.
 */
import {
  BLOCK_STATUSES,
  type Evidence,
  type PageRole,
  type PageSnapshot,
  type SiteArtifacts,
} from '../../src/types.js';
import { type PageModel, pageModel } from '../page/model.js';
import { pageEvidence } from './evidence.js';

export interface View {
  model: PageModel;
  page: PageSnapshot;
  rendered: boolean;
  /** A document embedded in the homepage by an iframe (role 'frame'), not the homepage itself. */
  frame?: boolean;
}

export interface HomeViews {
  /** Raw first, then rendered. Empty when blocked. */
  views: View[];
  blocker?: string;
}

function ok(p: PageSnapshot): boolean {
  return p.status === 'ok' && typeof p.body === 'string';
}

export function homeViews(site: SiteArtifacts): HomeViews {
  const homes = site.pages.filter((p) => p.role === 'home');
  const raw = homes.find((p) => p.crawler !== 'browser' && ok(p));
  const rendered = homes.find((p) => p.crawler === 'browser' && ok(p));
  // A usable homepage counts even when the site status is a failure it survived (e.g. 'tls': an
  // invalid certificate is reported by the https indicator, the content is still measured).
  if (BLOCK_STATUSES.has(site.siteStatus) || (!raw && !rendered)) {
    const failed = homes.find((p) => !ok(p));
    const status = site.siteStatus !== 'ok' ? site.siteStatus : (failed?.status ?? 'missing');
    const err = site.siteError ?? failed?.error;
    return {
      views: [],
      blocker: `homepage ${site.locality.portalUrl} not fetched (${status}${err ? `: ${err}` : ''}), so this cannot be judged`,
    };
  }
  const views: View[] = [];
  if (raw) views.push({ model: pageModel(raw), page: raw, rendered: false });
  if (rendered) views.push({ model: pageModel(rendered), page: rendered, rendered: true });
  // Same-site documents the homepage embeds (<iframe src="/include/links.html">): a visitor sees them on the homepage.
  for (const f of site.pages)
    if (f.role === 'frame' && ok(f))
      views.push({ model: pageModel(f), page: f, rendered: f.crawler === 'browser', frame: true });
  return { views };
}

/** Pages of given roles, split into usable ones and failures (for "unknown because X failed"). */
export function pagesByRole(site: SiteArtifacts, roles: PageRole[]): { ok: PageSnapshot[]; failed: PageSnapshot[] } {
  const all = site.pages.filter((p) => roles.includes(p.role));
  return { ok: all.filter(ok), failed: all.filter((p) => !ok(p)) };
}

export function failedList(failed: PageSnapshot[], max = 3): string {
  const parts = failed.slice(0, max).map((p) => `${p.url} (${p.status}${p.httpStatus ? ` ${p.httpStatus}` : ''})`);
  return parts.join(', ') + (failed.length > max ? ` and ${failed.length - max} more` : '');
}

/** Run `find` on each view, raw first; return the first hit and whether only the rendered DOM had it. */
export function firstHit<T>(views: View[], find: (v: View) => T | undefined): { hit: T; view: View } | undefined {
  for (const v of views) {
    const hit = find(v);
    if (hit !== undefined) return { hit, view: v };
  }
  return undefined;
}

/** One `absence` evidence per view: what was searched, where. */
export function absenceEvidence(views: View[], searched: string): Evidence[] {
  return views.map((v) =>
    pageEvidence(v.page, 'absence', {
      pattern: searched,
      snippet: `searched ${v.rendered ? 'rendered DOM' : 'raw HTML'} of ${v.page.finalUrl || v.page.url}`,
    }),
  );
}

const WRITES_MARKUP = /\.innerHTML\s*=|\$\([^)]*\)\.(load|html|append)\s*\(/;
const CHROME_FILE = /(^|\/)(header|head|top|nav|menu|footer|foot|bottom|tou|dh)[\w-]*\.(js|s?html?)(\?|$)/i;

export interface RenderGap {
  /** `chrome`: the header or footer comes from a file this snapshot lacks; `inline`: the page edits itself by script. */
  kind: 'chrome' | 'inline';
  reason: string;
}

/**
 * Why an absence on the raw homepage is uncertain: no rendered DOM was captured and the page
 * builds part of itself — its header or footer from a script or iframe the snapshot does not
 * include (then nothing can be said: unknown), or by inline code that edits the page (less
 * certain). Markup written by inline document.write is read (page/scripted.ts), so it is no gap.
 * undefined when the rendered DOM exists or the raw page shows no such sign.
 */
export function renderGap(site: SiteArtifacts): RenderGap | undefined {
  const { views } = homeViews(site);
  if (!views.length || views.some((v) => v.rendered)) return undefined;
  const m = views[0]!.model;
  const chrome = m.scripts.find((s) => s.src && CHROME_FILE.test(s.src));
  if (chrome)
    return {
      kind: 'chrome',
      reason: `the homepage was not rendered and loads ${chrome.src}, which may write its header or footer`,
    };
  const frame = m.resources.find(
    (r) => r.tag === 'iframe' && !r.hidden && CHROME_FILE.test(r.src) && !views.some((v) => v.frame),
  );
  if (frame)
    return {
      kind: 'chrome',
      reason: `the homepage embeds ${frame.src} in an iframe that was not read, which may hold its header or footer`,
    };
  if (m.scripts.some((s) => s.inline && WRITES_MARKUP.test(s.inline)))
    return { kind: 'inline', reason: 'the homepage was not rendered and edits itself with JavaScript' };
  return undefined;
}
