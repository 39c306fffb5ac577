/**
 * Shared detection of a page "mode" (accessibility toolbar, elderly/关怀 mode): an entry link or
 * button (label or onclick toggle), else a known vendor script (in the HTML or among the browser's
 * requests), plus the browser verification outcome when it ran.
 */

import type { Evidence, Interaction, SiteArtifacts } from '../../src/types.js';
import { CONCEPTS, type Concept, type ScriptFingerprint } from '../concepts/index.js';
import type { Outcome } from '../define.js';
import { inlineLoads } from '../page/urls.js';
import { absent, pageEvidence, plainEvidence, present } from './evidence.js';
import { absenceEvidence, type View } from './home.js';
import { describeMatch, linkVia, matchConcept } from './links.js';

export interface ModeSpec {
  /** The interaction (browser verification) that checks this mode. */
  capability: 'accessibility_mode' | 'elderly_mode';
  /** Wording, images, ids/classes, onclick toggles and the vendor scripts that provide the mode by themselves. */
  concept: Concept;
  /** Confidence when only a vendor script shows the capability. */
  scriptOnlyConfidence: number;
  what: string;
}

/** Toolbar scripts, to name the vendor of an entry that a script binds. */
const TOOLBARS = CONCEPTS.accessibility.scripts;

interface ModeValue {
  via: 'link' | 'button' | 'script';
  vendor?: string;
  text?: string;
  verified?: 'verified' | 'not_working' | 'not_found';
}

/** A vendor toolbar script the page loads (`provides`: only scripts that provide the mode by themselves). */
function vendorScript(
  v: View,
  list: ScriptFingerprint[],
  provides: boolean,
): { vendor: string; src: string; selector?: string; fromRequest: boolean } | undefined {
  for (const s of v.model.scripts) {
    // Inline scripts count only through the resources they load (document.write / createElement loaders).
    const urls = s.url ? [s.url] : s.src ? [s.src] : inlineLoads(s.inline ?? '', v.model.url);
    for (const src of urls) {
      // A vendor script loaded with its toolbar switched off (…assist.js?wza=0) draws no entry.
      if (provides && /[?&]wza=0(&|$)/.test(src)) continue;
      const f = list.find((x) => x.src.test(src));
      if (f) return { vendor: f.vendor, src, selector: s.selector, fromRequest: false };
    }
  }
  for (const r of v.page.requests ?? []) {
    const f = list.find((x) => x.src.test(r.url));
    if (f) return { vendor: f.vendor, src: r.url, fromRequest: true };
  }
  return undefined;
}

export function interactionFor(site: SiteArtifacts, capability: Interaction['capability']): Interaction | undefined {
  const list = site.interactions.filter((i) => i.capability === capability);
  return list.find((i) => i.outcome === 'verified') ?? list.find((i) => i.outcome !== 'error') ?? list[0];
}

export function interactionEvidence(site: SiteArtifacts, i: Interaction): Evidence {
  return plainEvidence('interaction', site.locality.portalUrl, {
    pattern: `${i.capability}: ${i.outcome}`,
    snippet: i.detail,
    fetchedAt: i.at,
    rendered: true,
    screenshotHash: i.screenshotHash,
  });
}

/** The fields of detectMode's value, for an indicator's `valueFields` (`vendors`: the vendors it names, in order). */
export function modeValueFields(vendors: string): Record<string, string> {
  return {
    via: 'link | button | script',
    vendor: vendors,
    text: 'entry label',
    verified: 'browser check: verified | not_working | not_found',
  };
}

export function detectMode(site: SiteArtifacts, views: View[], spec: ModeSpec): Outcome {
  const inter = interactionFor(site, spec.capability);
  const verified = inter && inter.outcome !== 'error' ? inter.outcome : undefined;

  let entry: { view: View; value: ModeValue; ev: Evidence; conf: number; how: string } | undefined;
  const provided = spec.concept.scripts ?? [];
  for (const v of views) {
    for (const m of matchConcept(v.model, spec.concept).slice(0, 1)) {
      const l = m.link;
      const byClick = m.by.includes('onclick');
      const vs = vendorScript(v, TOOLBARS, false);
      // Vendor from the entry itself (aria.* toggle, cniil id); the site's own function (toggleWza(),
      // doElder()) or a real link to its own page is the site's own mode; only a bare javascript:
      // entry that a script binds by id/class is credited to the page's toolbar script.
      const own = !!l.onclick || !!l.url;
      const vendor =
        l.onclick && /aria\./.test(l.onclick)
          ? 'aria'
          : l.id === 'cniil_wza' || /cniil/i.test(l.onclick ?? '')
            ? 'cniil'
            : own
              ? 'self'
              : (vs?.vendor ?? 'self');
      const value: ModeValue = { via: linkVia(l), vendor, text: l.label || undefined };
      // An id/class or image survives a label garbled by a wrongly decoded script; a path alone is weakest.
      const conf =
        (m.by.includes('text') || byClick
          ? 0.9
          : m.by.includes('image')
            ? 0.8
            : m.by.includes('idClass')
              ? 0.75
              : 0.7) - (l.toggled || l.scripted ? 0.05 : 0);
      entry = {
        view: v,
        value,
        conf: Math.round(conf * 100) / 100,
        how: `${value.via} found by ${describeMatch(m)}`,
        ev: pageEvidence(v.page, l.onclick ? 'attribute' : 'link', {
          selector: l.selector,
          pattern: m.pattern,
          snippet: `${l.label} ${l.onclick ?? l.url ?? l.href ?? ''}`,
        }),
      };
      break;
    }
    if (entry) break;
  }
  if (!entry) {
    for (const v of views) {
      const vs = provided.length ? vendorScript(v, provided, true) : undefined;
      if (!vs) continue;
      const rendered = v.rendered || vs.fromRequest;
      const ev = vs.fromRequest
        ? plainEvidence('request', vs.src, {
            pattern: `concept ${spec.concept.id} scripts`,
            snippet: vs.src,
            fetchedAt: v.page.fetchedAt,
            rendered: true,
          })
        : pageEvidence(v.page, 'script', {
            selector: vs.selector,
            pattern: `concept ${spec.concept.id} scripts`,
            snippet: vs.src,
          });
      entry = {
        view: { ...v, rendered },
        value: { via: 'script', vendor: vs.vendor },
        ev,
        conf: spec.scriptOnlyConfidence,
        how: `${vs.vendor} vendor script ${vs.src.slice(0, 80)}`,
      };
      break;
    }
  }

  // A render that timed out (a hanging third-party resource keeps the load event from firing)
  // still recorded what the browser requested: a vendor toolbar script among them was loaded.
  if (!entry && views.length) {
    for (const p of site.pages.filter((x) => x.role === 'home' && x.crawler === 'browser' && x.status !== 'ok')) {
      const r = (p.requests ?? []).find(
        (q) => !/[?&]wza=0(&|$)/.test(q.url) && provided.some((x) => x.src.test(q.url)),
      );
      if (!r) continue;
      const vendor = provided.find((x) => x.src.test(r.url))!.vendor;
      const ev = plainEvidence('request', r.url, {
        pattern: `concept ${spec.concept.id} scripts`,
        snippet: `${r.url} (requested by an unfinished render: ${p.status})`,
        fetchedAt: p.fetchedAt,
        rendered: true,
      });
      entry = {
        view: { ...views[0]!, rendered: true },
        value: { via: 'script', vendor },
        ev,
        conf: Math.min(spec.scriptOnlyConfidence, 0.7),
        how: `${vendor} vendor script requested by the browser ${r.url.slice(0, 80)} (render did not finish)`,
      };
      break;
    }
  }

  // A rendered page whose script tag is gone still shows that the toolbar ran: the marks it leaves.
  if (!entry) {
    for (const v of views) {
      const found = (spec.concept.marks ?? []).flatMap((mk) => {
        const hit =
          [...v.model.attributeNames].find((a) => mk.attribute?.test(a)) ??
          [...v.model.classTokens].find((c) => mk.classToken?.test(c));
        return hit ? [{ vendor: mk.vendor, hit }] : [];
      })[0];
      if (!found) continue;
      const ev = pageEvidence(v.page, 'attribute', {
        pattern: `concept ${spec.concept.id} marks`,
        snippet: `${found.hit} (left by the ${found.vendor} toolbar)`,
      });
      entry = {
        view: v,
        value: { via: 'script', vendor: found.vendor },
        ev,
        conf: Math.min(spec.scriptOnlyConfidence, 0.7),
        how: `${found.vendor} toolbar marks (${found.hit}) in the page`,
      };
      break;
    }
  }

  const evidence: Evidence[] = [];
  if (entry) evidence.push(entry.ev);
  if (inter) evidence.push(interactionEvidence(site, inter));
  if (entry) {
    const value = { ...entry.value, ...(verified ? { verified } : {}) };
    const check =
      verified === 'not_working'
        ? '; browser check: the entry did not work'
        : verified === 'verified'
          ? '; browser check: verified'
          : '';
    const weak = entry.value.via === 'script' ? ' (weaker: script only, no visible entry)' : '';
    return present(
      value,
      entry.conf,
      `${spec.what} found: ${entry.how}${entry.view.rendered ? ' (rendered)' : ''}${weak}${check}.`,
      evidence,
      entry.view.rendered,
    );
  }
  if (verified === 'verified') {
    return present(
      { via: 'button', verified },
      0.8,
      `${spec.what} not found in the markup, but the browser check opened it: ${inter!.detail}.`,
      evidence,
      true,
    );
  }
  return absent(
    undefined,
    0.75,
    `No ${spec.what} entry (link, button, onclick toggle or vendor script) on the homepage.`,
    [...absenceEvidence(views, `${spec.capability} signals`), ...evidence],
  );
}
