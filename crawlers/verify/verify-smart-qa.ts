/**
 * 智能问答: open the Q&A as a person would and confirm an input appears — in the page, in an
 * iframe it opens, or in a new window/page — then ask a question and watch for a reply.
 * Verified: an input appeared and the question was answered (or at least taken: echoed/changed).
 * Not working: nothing to type into, or the question produced no reaction at all.
 */
import type { ElementHandle, Frame, Page } from 'playwright';
import { CONCEPTS } from '../../indicators/concepts/index.js';
import type { Interaction, QaExchange } from '../../src/types.js';
import {
  clickEntry,
  describeEntry,
  type EntryVerifier,
  failedDestination,
  firstLine,
  interaction,
  notClickable,
  notFound,
  pollUntil,
  screenshot,
  sleep,
  type VerifySettings,
  whereShown,
} from './act.js';
import { type FoundInput, inPage, rxData } from './inpage.js';
import { type PageTrouble, shortUrl } from './trouble.js';
import { SEND_BUTTON } from './verify-signals.js';

const QA = CONCEPTS.smart_qa;
const QA_URL = [...QA.host, ...QA.path];
const isQaUrl = (u: string) => {
  try {
    const url = new URL(u);
    return QA_URL.some((r) => r.test(url.host) || r.test(url.pathname));
  } catch {
    return false;
  }
};

/**
 * No entry to click: the Q&A may be embedded (an iframe showing it on the homepage), or be a
 * widget whose script should have put a button on the page but never loaded.
 */
async function verifyWithoutEntry(page: Page, s: VerifySettings, trouble: PageTrouble): Promise<Interaction> {
  for (const [f, el] of await visibleFrames(page)) {
    const title = ((await el.getAttribute('title').catch(() => null)) ?? '').trim();
    const byTitle = title && QA.text.some((r) => r.test(title)) && !QA.notText.some((r) => r.test(title));
    const src = ((await el.getAttribute('src').catch(() => null)) ?? '').trim();
    // Browsers block an http frame inside an https page: visitors see an empty box.
    if (byTitle && page.url().startsWith('https:') && /^http:/i.test(src))
      return interaction(
        'smart_qa',
        'not_working',
        `The homepage embeds a Q&A frame 「${title}」 from ${src.slice(0, 100)} over http inside an https page; browsers block such mixed content, so visitors see an empty frame.`,
        await screenshot(page),
      );
    // A Q&A frame still loading has no URL yet (large or lazy frames): give it the page timeout.
    const navigated = () => !!f.url() && f.url() !== 'about:blank';
    if (byTitle && !navigated()) await pollUntil(s.pageTimeoutMs, async () => navigated() || f.isDetached());
    if (!byTitle && !isQaUrl(f.url())) continue;
    await f.waitForLoadState('load', { timeout: s.pageTimeoutMs }).catch(() => {});
    const what = `an embedded Q&A frame${title ? ` 「${title}」` : ''} (${f.url().slice(0, 100)})`;
    const failed = trouble.failed.find((x) => x.type === 'document' && x.url === f.url());
    if (failed)
      return interaction(
        'smart_qa',
        'not_working',
        `The homepage shows ${what}, which fails to load (${failed.status ?? failed.error}).`,
        await screenshot(page),
      );
    const input = await pollUntil(s.reactionWaitMs, () =>
      inPage(f, 'findNewInput', null, 'qa-input').catch(() => null),
    );
    if (!input)
      return interaction(
        'smart_qa',
        'not_working',
        `The homepage shows ${what}, but it offers no input to ask a question.${trouble.describe()}`,
        await screenshot(page),
      );
    const answer = await ask(f, input, s);
    return answered(`The homepage shows ${what} with an input`, answer, s, trouble, await screenshot(page));
  }
  const deadScript = trouble.failed.find((x) => x.type === 'script' && isQaUrl(x.url));
  if (deadScript)
    return interaction(
      'smart_qa',
      'not_working',
      `No Q&A entry appeared: the Q&A widget script ${shortUrl(deadScript.url)} failed to load (${deadScript.status ?? deadScript.error}).`,
      await screenshot(page),
    );
  return notFound(
    'smart_qa',
    'intelligent Q&A entry (智能问答/智能客服/在线客服…, robot/chat widgets, embedded Q&A frame)',
  );
}

/** The verdict once an input was found and a question asked; the exchange is kept as evidence. */
function answered(opened: string, answer: Answer, s: VerifySettings, trouble: PageTrouble, png?: Buffer): Interaction {
  const reply = answer.reply
    ?.split('\n')
    .map((l) => l.trim())
    .find(Boolean)
    ?.slice(0, REPLY_KEPT);
  const asked: QaExchange = { question: s.qaQuestion, answered: !!reply, ...(reply ? { reply } : {}) };
  const waited = `${Math.round(s.answerWaitMs / 1000)} s`;
  const q = `「${s.qaQuestion}」`;
  const [outcome, detail]: [Interaction['outcome'], string] = reply
    ? ['verified', `${opened}; asked ${q} and got a reply: 「${reply}」.`]
    : answer.changed
      ? [
          'verified',
          `${opened}; asked ${q}: the question was taken${answer.echoed ? ' (echoed)' : ''} but no reply text was seen within ${waited}.`,
        ]
      : [
          'not_working',
          `${opened}, but asking ${q} changed nothing within ${waited}.${answer.error ? ` (${answer.error})` : ''}${trouble.describe()}`,
        ];
  return { ...interaction('smart_qa', outcome, detail, png), asked };
}

/** The reply's first line is kept up to this many characters (evidence, not a transcript). */
const REPLY_KEPT = 200;

interface Answer {
  changed: boolean;
  echoed: boolean;
  reply: string | null;
  error?: string;
}

export const verifySmartQa: EntryVerifier = async (page, entries, s, trouble) => {
  if (!entries.length) return verifyWithoutEntry(page, s, trouble);
  const entry = entries[0]!;
  await inPage(page, 'snapshot', 'qa');
  const framesBefore = await visibleFrames(page);
  const click = await clickEntry(page, entry, s.reactionWaitMs);
  if (click.kind === 'failed') return notClickable('smart_qa', entry, click.error, page);
  const failed = await failedDestination('smart_qa', entry, click);
  if (failed) return failed;
  const shown = click.shown;
  const where = whereShown(click);
  try {
    const found = await pollUntil(s.reactionWaitMs, () =>
      findInput(shown, click.kind === 'same_page' ? 'qa' : null, framesBefore),
    );
    if (!found)
      return interaction(
        'smart_qa',
        'not_working',
        `Clicked ${describeEntry(entry)}: no input to type a question into appeared in ${where} or its frames within ${Math.round(s.reactionWaitMs / 1000)} s.${trouble.describe()}`,
        await screenshot(shown),
      );
    const inFrame = found.frame !== shown.mainFrame() ? ` inside an iframe (${found.frame.url().slice(0, 100)})` : '';
    const answer = await ask(found.frame, found.input, s);
    const png = await screenshot(shown);
    return answered(
      `Clicked ${describeEntry(entry)}: an input appeared in ${where}${inFrame}`,
      answer,
      s,
      trouble,
      png,
    );
  } finally {
    await click.close();
  }
};

interface Found {
  frame: Frame;
  input: FoundInput;
}

/** Frames whose <iframe> element is visible, with that element. */
type VisibleFrames = Map<Frame, ElementHandle>;

/** The frames visible now (before and after a click: to tell which ones it opened). */
async function visibleFrames(page: Page): Promise<VisibleFrames> {
  const out: VisibleFrames = new Map();
  for (const f of page.frames()) {
    if (f === page.mainFrame()) continue;
    const el = await f.frameElement().catch(() => null);
    if (el && (await el.isVisible().catch(() => false))) out.set(f, el);
  }
  return out;
}

async function findInput(page: Page, snapshotKey: string | null, framesBefore: VisibleFrames): Promise<Found | null> {
  const main = page.mainFrame();
  const inMain = await inPage(main, 'findNewInput', snapshotKey, 'qa-input').catch(() => null);
  if (inMain) return { frame: main, input: inMain };
  const now = await visibleFrames(page);
  for (const f of now.keys()) {
    if (snapshotKey && framesBefore.has(f)) continue; // was already showing before the click
    const input = await inPage(f, 'findNewInput', null, 'qa-input').catch(() => null);
    if (input) return { frame: f, input };
  }
  return null;
}

async function ask(frame: Frame, input: FoundInput, s: VerifySettings): Promise<Answer> {
  const none = { changed: false, echoed: false, reply: null };
  try {
    await inPage(frame, 'watchAdded');
    const box = frame.locator(input.selector).first();
    await box.click({ timeout: 3000 }).catch(() => {});
    await box.fill(s.qaQuestion, { timeout: 3000 });
    await box.press('Enter', { timeout: 3000 });
    const read = () => inPage(frame, 'addedText', s.qaQuestion);
    const half = Math.round(s.answerWaitMs / 2);
    let r = await pollUntil(half, async () => {
      const x = await read();
      return x.reply ? x : null;
    });
    if (!r) {
      const soFar = await read();
      if (!soFar.changed) {
        // Enter did nothing: press the send button next to the input.
        const btn = await inPage(frame, 'findButtonNear', input.selector, rxData(SEND_BUTTON), 'qa-send');
        if (btn)
          await frame
            .locator(btn.selector)
            .first()
            .click({ timeout: 3000 })
            .catch(() => {});
      }
      r = await pollUntil(s.answerWaitMs - half, async () => {
        const x = await read();
        return x.reply ? x : null;
      });
      if (!r) {
        await sleep(100);
        return await read();
      }
    }
    return r;
  } catch (e) {
    return { ...none, error: firstLine(e) };
  }
}
