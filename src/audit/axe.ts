/**
 * axe-core on a loaded homepage: the machine-checkable part of GB/T 37668-2019 / WCAG 2.x.
 * Violations are grouped into the categories accessibility reviews talk about (contrast, images,
 * forms, keyboard, language, structure/ARIA …), mapped from axe's own `cat.*` rule tags, with a
 * few rules moved to where a reader would look for them.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright';

export const AXE_CATEGORIES = {
  contrast: { zh: '颜色对比度', en: 'Colour contrast' },
  images: { zh: '图片与替代文本', en: 'Images and text alternatives' },
  forms: { zh: '表单与标签', en: 'Forms and labels' },
  keyboard: { zh: '键盘操作', en: 'Keyboard operation' },
  language: { zh: '页面语言', en: 'Page language' },
  structure_aria: { zh: '结构、名称与ARIA', en: 'Structure, names and ARIA' },
  tables: { zh: '表格', en: 'Tables' },
  media: { zh: '时间与多媒体', en: 'Time and media' },
  zoom_targets: { zh: '缩放与点击区域', en: 'Zoom and target size' },
  other: { zh: '其他', en: 'Other' },
} as const;
export type AxeCategory = keyof typeof AXE_CATEGORIES;

const BY_TAG: Record<string, AxeCategory> = {
  'cat.color': 'contrast',
  'cat.text-alternatives': 'images',
  'cat.forms': 'forms',
  'cat.keyboard': 'keyboard',
  'cat.language': 'language',
  'cat.structure': 'structure_aria',
  'cat.aria': 'structure_aria',
  'cat.name-role-value': 'structure_aria',
  'cat.semantics': 'structure_aria',
  'cat.parsing': 'structure_aria',
  'cat.tables': 'tables',
  'cat.time-and-media': 'media',
  'cat.sensory-and-visual-cues': 'zoom_targets',
};

/** Rules whose axe category is not where a reader of the report would look for them. */
const BY_RULE: Record<string, AxeCategory> = {
  'document-title': 'structure_aria',
  'input-button-name': 'forms',
  'select-name': 'forms',
};

export function categoryOf(ruleId: string, tags: readonly string[]): AxeCategory {
  if (BY_RULE[ruleId]) return BY_RULE[ruleId];
  for (const t of tags) if (BY_TAG[t]) return BY_TAG[t];
  return 'other';
}

export type Impact = 'critical' | 'serious' | 'moderate' | 'minor' | 'unknown';

export interface AxeRuleViolation {
  id: string;
  category: AxeCategory;
  impact: Impact;
  nodes: number;
  help: string;
  tags: string[];
}

export interface AxeSummary {
  url: string;
  axeVersion: string;
  /** Violated rules. */
  violations: number;
  /** Elements violating them (an element violating two rules counts twice). */
  violationNodes: number;
  categories: Partial<Record<AxeCategory, { rules: number; nodes: number }>>;
  impacts: Partial<Record<Impact, number>>;
  rules: AxeRuleViolation[];
  passes: number;
  incomplete: number;
  durationMs: number;
  fetchedAt: string;
}

/** Only what summarise() reads of axe's results (keeps it testable on plain data). */
export interface AxeRawResults {
  url: string;
  testEngine: { version: string };
  violations: { id: string; impact?: string | null; tags: string[]; help: string; nodes: unknown[] }[];
  passes: unknown[];
  incomplete: unknown[];
}

export function summarise(raw: AxeRawResults, durationMs: number, fetchedAt = new Date().toISOString()): AxeSummary {
  const rules: AxeRuleViolation[] = raw.violations.map((v) => ({
    id: v.id,
    category: categoryOf(v.id, v.tags),
    impact: (v.impact as Impact | null | undefined) ?? 'unknown',
    nodes: v.nodes.length,
    help: v.help,
    tags: v.tags.filter((t) => /^(wcag|best-practice|EN-|cat\.)/.test(t)),
  }));
  rules.sort((a, b) => b.nodes - a.nodes || a.id.localeCompare(b.id));
  const categories: AxeSummary['categories'] = {};
  const impacts: AxeSummary['impacts'] = {};
  for (const r of rules) {
    const c = (categories[r.category] ??= { rules: 0, nodes: 0 });
    c.rules++;
    c.nodes += r.nodes;
    impacts[r.impact] = (impacts[r.impact] ?? 0) + r.nodes;
  }
  return {
    url: raw.url,
    axeVersion: raw.testEngine.version,
    violations: rules.length,
    violationNodes: rules.reduce((n, r) => n + r.nodes, 0),
    categories,
    impacts,
    rules,
    passes: raw.passes.length,
    incomplete: raw.incomplete.length,
    durationMs,
    fetchedAt,
  };
}

/** Run axe on the page as it is now (all WCAG 2.x A/AA rules and axe's best practices). */
export async function runAxe(page: Page, timeoutMs = 60_000): Promise<AxeSummary> {
  const started = Date.now();
  const fetchedAt = new Date().toISOString();
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  let timer: NodeJS.Timeout | undefined;
  const raw = await Promise.race([
    builder.analyze(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`axe took longer than ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  return summarise(raw as unknown as AxeRawResults, Date.now() - started, fetchedAt);
}
