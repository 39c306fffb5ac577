/**
 * 无障碍: click the entry and confirm an assistive toolbar appears — a new visible fixed/absolute
 * box (or one with a toolbar-like id/class), or the page pushed down to make room for one — or
 * that the entry leads to a separate accessible version that loads.
 */
import {
  capitalise,
  clickEntry,
  describeEntry,
  type EntryVerifier,
  failedDestination,
  firstLine,
  interaction,
  notFound,
  pollUntil,
  screenshot,
  whereShown,
} from './act.js';
import { inPage } from './inpage.js';
import { TOOLBAR_HINT } from './verify-signals.js';

/** How many entries to try before concluding the toolbar does not work. */
const MAX_TRIES = 2;

export const verifyAccessibility: EntryVerifier = async (page, entries, s, trouble) => {
  if (!entries.length) return notFound('accessibility_mode', '无障碍 entry (text, cniil/aria ids or onclick)');
  const tried: string[] = [];
  for (const entry of entries.slice(0, MAX_TRIES)) {
    await inPage(page, 'snapshot', 'acc');
    const click = await clickEntry(page, entry, s.reactionWaitMs);
    if (click.kind === 'failed') {
      tried.push(`${describeEntry(entry)} could not be clicked (${click.error})`);
      continue;
    }
    const failed = await failedDestination('accessibility_mode', entry, click);
    if (failed) return failed;
    if (click.kind !== 'same_page') {
      const png = await screenshot(click.shown);
      await click.close();
      const detail = `${capitalise(describeEntry(entry))} opens ${whereShown(click)}${click.status ? ` (HTTP ${click.status})` : ''}, a separate accessible version that loads.`;
      return interaction('accessibility_mode', 'verified', detail, png);
    }
    const d = await pollUntil(s.reactionWaitMs, async () => {
      const x = await inPage(page, 'diff', 'acc', { source: TOOLBAR_HINT.source, flags: TOOLBAR_HINT.flags });
      return x && (x.overlays.length > 0 || Math.abs(x.bodyShift) >= 20) ? x : null;
    }).catch((e) => {
      tried.push(`${describeEntry(entry)}: ${firstLine(e)}`);
      return null;
    });
    const png = await screenshot(page);
    if (d) {
      const o = d.overlays[0];
      const what = o
        ? `a ${o.position} ${o.tag}${o.id ? `#${o.id}` : ''} of ${o.width}×${o.height}px with ${o.controls} controls${o.text ? ` (「${o.text.slice(0, 30)}」)` : ''} appeared`
        : `the page moved down by ${d.bodyShift}px to make room for a toolbar`;
      return interaction('accessibility_mode', 'verified', `Clicked ${describeEntry(entry)}: ${what}.`, png);
    }
    tried.push(
      `clicked ${describeEntry(entry)} and waited ${Math.round(s.reactionWaitMs / 1000)} s: no toolbar appeared.${trouble.describe()}`,
    );
    if (entries.indexOf(entry) === Math.min(entries.length, MAX_TRIES) - 1)
      return interaction('accessibility_mode', 'not_working', capitalise(tried.join(' Then ')), png);
  }
  return interaction('accessibility_mode', 'not_working', capitalise(tried.join(' Then ')), await screenshot(page));
};
