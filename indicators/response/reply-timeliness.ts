import type { Evidence, PageSnapshot } from '../../src/types.js';
import { defineIndicator } from '../define.js';
import { LETTER_SIGNALS } from '../lexicon.js';
import { ageDays, findDates } from '../page/dates.js';
import { pageModel } from '../page/model.js';
import { siteChannels } from '../support/channels.js';
import { absent, pageEvidence, present, unknown } from '../support/evidence.js';
import { absenceEvidence, failedList, pagesByRole } from '../support/home.js';

interface Letter {
  asked?: string;
  replied?: string;
  answered: boolean;
  unanswered: boolean;
  page: PageSnapshot;
  text: string;
}

/** The first date after a label within a short window of text. */
function dateAfter(text: string, label: RegExp, asOf: Date): string | undefined {
  const g = new RegExp(label.source, 'g');
  for (const m of text.matchAll(g)) {
    const d = findDates(text.slice(m.index!, m.index! + m[0].length + 40), asOf)[0];
    if (d) return d.iso;
  }
  return undefined;
}

function days(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86400000);
}

export default defineIndicator({
  id: 'reply_timeliness',
  dimension: 'response',
  order: 2,
  name: { zh: '留言回复及时性', en: 'Reply timeliness' },
  measures:
    'On fetched letter pages and letter lists (also on channel pages): 留言/来信 time and 回复/答复 time of each letter (labelled dates on letter pages; the two dates of a list row), the median days to reply, and unanswered letters (未回复/办理中, or no reply date) older than thresholds.replyOverdueDays.',
  standard: '国办秘函〔2019〕19号 单项否决「互动回应差」: valid messages unanswered for over 3 months fail.',
  presentMeans:
    'Letters were read and none is unanswered beyond replyOverdueDays (default 90). No interaction channel → absent; letters not reached → unknown.',
  valueFields: {
    lettersChecked: 'letters read',
    replied: 'letters with a reply',
    medianDays: 'median days from writing to reply (null if none)',
    overdue: 'unanswered letters older than replyOverdueDays',
  },
  needs: ['platforms'],
  detect(site, ctx) {
    // No channel (the interaction_channel indicator's own reading): no letters to answer.
    const ch = siteChannels(site);
    if (!ch.blocker && !ch.found.length)
      return absent(
        undefined,
        0.6,
        'No interaction channel on the homepage or its 互动交流 section page, so no letters to answer.',
        absenceEvidence(ch.views, 'concept interaction'),
      );
    // Channel pages (role interaction) often carry the public letter list themselves.
    const { ok, failed } = pagesByRole(site, ['letter', 'letter_list', 'interaction']);
    if (!ok.length) {
      if (failed.length) return unknown(`Letter pages could not be fetched: ${failedList(failed)}.`);
      return unknown(ch.blocker ?? 'No letter list or letter page was reached.');
    }
    const letters: Letter[] = [];
    const seenRows = new Set<string>();
    const letterUrls = new Set(ok.filter((p) => p.role === 'letter').flatMap((p) => [p.url, p.finalUrl]));
    for (const p of ok) {
      const m = pageModel(p);
      if (p.role === 'letter') {
        const asked = dateAfter(m.text, LETTER_SIGNALS.asked, ctx.asOf);
        const replied = dateAfter(m.text, LETTER_SIGNALS.replied, ctx.asOf);
        const first = findDates(m.text, ctx.asOf)[0]?.iso;
        letters.push({
          asked: asked ?? first,
          replied,
          answered: !!replied || LETTER_SIGNALS.answered.test(m.text),
          unanswered: !replied && LETTER_SIGNALS.unanswered.test(m.text),
          page: p,
          text: m.text.slice(0, 200),
        });
        continue;
      }
      for (const r of m.rows) {
        if (r.inChrome || (r.tag !== 'tr' && r.tag !== 'li')) continue;
        if (r.links.some((l) => l.url && letterUrls.has(l.url))) continue; // read from the letter page itself
        const key = r.links[0]?.url ?? `${p.url}#${r.text}`;
        if (seenRows.has(key)) continue;
        const ds = findDates(r.text, ctx.asOf).map((d) => d.iso);
        if (!ds.length) continue;
        const sorted = [...ds].sort();
        const unanswered = LETTER_SIGNALS.unanswered.test(r.text);
        // A row is a letter only if it says its state or carries both dates; a dated news row is not.
        if (!unanswered && !LETTER_SIGNALS.answered.test(r.text) && sorted.length < 2) continue;
        seenRows.add(key);
        const replied = !unanswered && sorted.length >= 2 ? sorted[sorted.length - 1] : undefined;
        letters.push({
          asked: sorted[0],
          replied,
          answered: !!replied || LETTER_SIGNALS.answered.test(r.text),
          unanswered,
          page: p,
          text: r.text,
        });
      }
    }
    if (!letters.length)
      return unknown(`Letter and channel pages fetched (${ok.length}) but no dated letter could be read.`);
    const replyDays = letters
      .filter((l) => l.asked && l.replied)
      .map((l) => days(l.asked!, l.replied!))
      .filter((d) => d >= 0)
      .sort((a, b) => a - b);
    const mid = replyDays.length
      ? replyDays.length % 2
        ? replyDays[(replyDays.length - 1) / 2]!
        : (replyDays[replyDays.length / 2 - 1]! + replyDays[replyDays.length / 2]!) / 2
      : null;
    const overdueList = letters.filter(
      (l) =>
        !l.answered &&
        (l.unanswered || l.page.role === 'letter') &&
        l.asked &&
        ageDays(l.asked, ctx.asOf) > ctx.thresholds.replyOverdueDays,
    );
    const value = {
      lettersChecked: letters.length,
      replied: letters.filter((l) => l.answered).length,
      medianDays: mid,
      overdue: overdueList.length,
    };
    const evidence: Evidence[] = [
      pageEvidence(ok[0]!, 'count', {
        pattern: `${LETTER_SIGNALS.asked.source} / ${LETTER_SIGNALS.replied.source}`,
        snippet: `${letters.length} letters, ${value.replied} replied, median ${mid ?? '-'} days`,
      }),
      ...overdueList.slice(0, 5).map((l) => pageEvidence(l.page, 'text', { pattern: 'unanswered', snippet: l.text })),
    ];
    const why = `${letters.length} letters, ${value.replied} replied, median ${mid ?? 'n/a'} days, ${overdueList.length} unanswered beyond ${ctx.thresholds.replyOverdueDays} days`;
    return overdueList.length
      ? absent(value, 0.8, `${why}.`, evidence)
      : present(value, letters.length >= 5 ? 0.85 : 0.65, `${why}.`, evidence);
  },
});
