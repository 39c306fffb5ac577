/**
 * One concept, one definition: a wording added to a concept (indicators/concepts/) reaches the
 * crawler's link roles, static detection and browser verification without any other change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { conceptRole } from '../crawlers/site/roles.js';
import { ACTION_ENTRIES, SEARCH_SIGNALS } from '../crawlers/verify/verify-signals.js';
import { analyzeHtml } from '../indicators/analyze.js';
import { CONCEPTS } from '../indicators/concepts/index.js';

const NEW_NAME = /^小新同学$/;
const page =
  '<html><body><div class="float"><a href="https://www.x.gov.cn/assistant/">小新同学</a></div></body></html>';
const smartQa = () => analyzeHtml(page, 'https://www.x.gov.cn/').indicators.find((i) => i.id === 'smart_qa')!;

describe('the concept registry is the one place wording lives', () => {
  afterEach(() => {
    const i = CONCEPTS.smart_qa.text.indexOf(NEW_NAME);
    if (i >= 0) CONCEPTS.smart_qa.text.splice(i, 1);
  });

  it('a new assistant name added to the smart_qa concept is followed, detected and acted on', () => {
    const link = { url: 'https://www.x.gov.cn/assistant/', text: '小新同学', source: 'a' as const };
    expect(conceptRole(link)?.role).not.toBe('smart_qa');
    expect(smartQa().status).toBe('absent');
    expect(ACTION_ENTRIES.smart_qa.text.some((re) => re.test('小新同学'))).toBe(false);

    CONCEPTS.smart_qa.text.push(NEW_NAME);

    expect(conceptRole(link)?.role).toBe('smart_qa');
    expect(smartQa()).toMatchObject({ status: 'present', value: { text: '小新同学' } });
    expect(ACTION_ENTRIES.smart_qa.text.some((re) => re.test('小新同学'))).toBe(true);
  });

  it('verification reads the same search, toolbar and mode signals as detection', () => {
    expect(SEARCH_SIGNALS.notInput).toBe(CONCEPTS.site_search.notInput);
    expect(SEARCH_SIGNALS.button).toBe(CONCEPTS.site_search.button);
    expect(ACTION_ENTRIES.accessibility_mode.onclick).toBe(CONCEPTS.accessibility.onclick);
    expect(ACTION_ENTRIES.elderly_mode.image).toBe(CONCEPTS.elderly.image);
  });
});
