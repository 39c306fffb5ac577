/**
 * 关怀版 / 长者模式: switch it on and confirm the page really changes for an older reader — text
 * rendered larger (measured on screen, so CSS zoom and transforms count) or a simplified layout
 * (far fewer visible elements) — in place or on the separate version the entry leads to.
 */
import {
  clickEntry,
  describeEntry,
  type EntryVerifier,
  failedDestination,
  interaction,
  notClickable,
  notFound,
  pollUntil,
  screenshot,
  whereShown,
} from './act.js';
import { inPage, type TextMetrics } from './inpage.js';

/** A simplified layout shows at most this share of the elements the homepage showed. */
const SIMPLIFIED_SHARE = 0.7;

export const verifyElderly: EntryVerifier = async (page, entries, s, trouble) => {
  if (!entries.length)
    return notFound(
      'elderly_mode',
      'elderly-mode entry (关怀版/长者模式/老年人模式/适老/大字版, oldFixedStart, doElder)',
    );
  const entry = entries[0]!;
  const before = await inPage(page, 'textMetrics');
  const click = await clickEntry(page, entry, s.reactionWaitMs);
  if (click.kind === 'failed') return notClickable('elderly_mode', entry, click.error, page);

  const failed = await failedDestination('elderly_mode', entry, click);
  if (failed) return failed;
  const shown = click.shown;
  const changed = (m: TextMetrics) =>
    (before.textHeight > 0 && m.textHeight >= before.textHeight * (1 + s.elderlyFontGain)) ||
    (before.visibleElements > 20 &&
      m.visibleElements > 0 &&
      m.visibleElements <= before.visibleElements * SIMPLIFIED_SHARE);
  let after = await inPage(shown, 'textMetrics').catch(() => before);
  if (!changed(after))
    after =
      (await pollUntil(s.reactionWaitMs, async () => {
        const m = await inPage(shown, 'textMetrics').catch(() => before);
        return changed(m) ? m : null;
      })) ?? after;
  const png = await screenshot(shown);
  await click.close();
  const where = whereShown(click);
  const gain = before.textHeight > 0 ? after.textHeight / before.textHeight - 1 : 0;
  const sizes = `text ${round(before.textHeight)}→${round(after.textHeight)}px high (font-size ${round(before.fontSize)}→${round(after.fontSize)}px), visible elements ${before.visibleElements}→${after.visibleElements}`;
  if (changed(after)) {
    const how =
      gain >= s.elderlyFontGain ? `renders text ${Math.round(gain * 100)}% larger` : 'shows a simplified layout';
    return interaction('elderly_mode', 'verified', `Clicked ${describeEntry(entry)}: ${where} ${how} (${sizes}).`, png);
  }
  return interaction(
    'elderly_mode',
    'not_working',
    `Clicked ${describeEntry(entry)} and waited ${Math.round(s.reactionWaitMs / 1000)} s: ${where} did not get larger or simpler (${sizes}).${trouble.describe()}`,
    png,
  );
};

const round = (n: number) => Math.round(n * 10) / 10;
