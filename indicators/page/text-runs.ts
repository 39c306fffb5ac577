/**
 * The visible text runs of a page in document order, kept so that the whitespace-collapsed text of
 * any element (the runs pushed since a mark) is read without re-joining and re-collapsing the
 * runs of every element around it: on deeply nested pages that was quadratic.
 *
 * Each run is stored collapsed, with whether whitespace touched it on either side, once per
 * visibility level (0: shown; 1: shown or shown in turn by a script). Joining stored runs with a
 * space where whitespace was gives exactly `collapse(raw runs joined)`.
 */

/** Whitespace as `collapse` reads it (\s plus no-break, ideographic and zero-width spaces, BOM). */
const WS = /[\s\u00a0\u3000\u200b\ufeff]+/g;
const LEADING_WS = /^[\s\u00a0\u3000\u200b\ufeff]/;
const TRAILING_WS = /[\s\u00a0\u3000\u200b\ufeff]$/;

export function collapse(s: string): string {
  return s.replace(WS, ' ').trim();
}

/** Letter-spaced labels (网 站 地 图, 首　页) read as one word: runs of single Han characters between spaces are joined. */
export function joinSpacedHan(s: string): string {
  const out: string[] = [];
  let run = '';
  for (const part of s.split(' ')) {
    if (/^\p{Script=Han}$/u.test(part)) run += part;
    else {
      if (run) out.push(run);
      run = '';
      out.push(part);
    }
  }
  if (run) out.push(run);
  return out.join(' ');
}

/** Full-width digits and Latin letters (ＩＣＰ备０９００３６３８号, a CMS's typesetting) read as ASCII. */
const FULL_WIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;

/**
 * Traditional forms of the characters the concepts and footer records are written in (a portal's
 * 繁體版 or a page a script converted: 網站標識碼, 閩ICP備, 無障礙, 關懷版), read as simplified.
 */
const TRADITIONAL =
  '網標識碼備號無礙圖問關懷長數據開務辦諮詢熱線寫見議導廳書記區縣鎮門戶發佈訊檢覽讀簡體頁聯繫個機構訴舉報話專電郵統計應題態屬權單閱說規範幫內適愛證錄項總閩廣蘇贛魯遼晉隴寧滬雲貴瓊樂員會國鄉溝黨訪鑒驗陝';
const SIMPLIFIED =
  '网标识码备号无碍图问关怀长数据开务办咨询热线写见议导厅书记区县镇门户发布讯检览读简体页联系个机构诉举报话专电邮统计应题态属权单阅说规范帮内适爱证录项总闽广苏赣鲁辽晋陇宁沪云贵琼乐员会国乡沟党访鉴验陕';
const TRADITIONAL_CHAR = new RegExp(`[${TRADITIONAL}]`, 'g');

/** Variant forms read as the ones the concepts are written in: full-width letters/digits, traditional characters. */
export const foldVariants = (s: string) =>
  s
    .replace(FULL_WIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(TRADITIONAL_CHAR, (c) => SIMPLIFIED[TRADITIONAL.indexOf(c)]!);

/** 0 shown, 1 toggled (shown in turn by a script), 2 hidden (not kept). */
export type Level = 0 | 1 | 2;

class LevelRuns {
  /** Collapsed non-empty runs. */
  readonly runs: string[] = [];
  /** A space goes before runs[i] (whitespace between it and the run before). */
  readonly spaceBefore: boolean[] = [];
  private pendingSpace = false;

  push(raw: string, collapsed: string): void {
    if (!collapsed) {
      this.pendingSpace = true;
      return;
    }
    this.spaceBefore.push(this.pendingSpace || LEADING_WS.test(raw));
    this.runs.push(collapsed);
    this.pendingSpace = TRAILING_WS.test(raw);
  }
}

export type Mark = readonly [number, number];

export class TextRuns {
  private readonly levels: [LevelRuns, LevelRuns] = [new LevelRuns(), new LevelRuns()];

  /** A text node (or a block boundary, pushed as ' ') seen at visibility `h`. */
  push(raw: string, h: Level): void {
    if (h === 2) return;
    const c = foldVariants(collapse(raw));
    this.levels[1].push(raw, c);
    if (h === 0) this.levels[0].push(raw, c);
  }

  /** Where the text of an element starts. */
  mark(): Mark {
    return [this.levels[0].runs.length, this.levels[1].runs.length];
  }

  /** Collapsed text from `from` to now, with runs visible at level `upTo` or better. */
  textSince(from: Mark, upTo: Level): string {
    const level = upTo === 0 ? 0 : 1;
    const { runs, spaceBefore } = this.levels[level];
    const start = from[level];
    if (start >= runs.length) return '';
    const parts: string[] = [runs[start]!];
    for (let i = start + 1; i < runs.length; i++) {
      if (spaceBefore[i]) parts.push(' ');
      parts.push(runs[i]!);
    }
    return parts.join('');
  }

  /**
   * Shown text from `from` to now, leaving out the runs of `holes` (level-0 run ranges [start, end)
   * in document order, as `mark()[0]` gave them): a row's own text without its nested rows.
   */
  shownTextOutside(from: Mark, holes: readonly (readonly [number, number])[]): string {
    const { runs } = this.levels[0];
    const parts: string[] = [];
    let i = from[0];
    for (const [start, end] of holes) {
      for (; i < Math.min(start, runs.length); i++) parts.push(runs[i]!);
      i = Math.max(i, end);
    }
    for (; i < runs.length; i++) parts.push(runs[i]!);
    return parts.join(' ');
  }

  /** The shown text since `from` when it is at most `max` characters, else undefined (without building it). */
  shortTextSince(from: Mark, max: number): string | undefined {
    const { runs, spaceBefore } = this.levels[0];
    let length = 0;
    for (let i = from[0]; i < runs.length; i++) {
      length += runs[i]!.length + (i > from[0] && spaceBefore[i] ? 1 : 0);
      if (length > max) return undefined; // every run adds at least one character: this stops early
    }
    return this.textSince(from, 0);
  }

  /** All shown text. */
  all(): string {
    return this.textSince([0, 0], 0);
  }
}

/** Tibetan, Arabic-script (Uyghur, Kazakh), Mongolian, Hangul and Yi letters beside the Chinese of a bilingual portal. */
const OTHER_SCRIPT =
  /[\u0f00-\u0fff\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefe\u1800-\u18af\u1100-\u11ff\uac00-\ud7af\ua000-\ua4cf]/g;

/** The Chinese of a bilingual label (رەئىس خەت ساندۇقى（主席信箱）, 主席信箱 ཀྲུའུ་ཞི…): it names the entry. */
function chineseOf(label: string): string {
  if (!/\p{Script=Han}/u.test(label) || !label.match(OTHER_SCRIPT)) return label;
  return label
    .replace(OTHER_SCRIPT, ' ')
    .replace(/[()（）]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * An entry's label as a reader takes it: whitespace collapsed, full-width letters/digits as ASCII,
 * letter-spacing closed up, and the Chinese of a bilingual label.
 */
export const readableLabel = (s: string | undefined): string =>
  chineseOf(joinSpacedHan(foldVariants(collapse(s ?? ''))));
