/**
 * The county-level registry: counties.csv (2,840 区/县/县级市/旗 …) and counties_url_checks.csv,
 * copied byte for byte from ../shared/data with their provenance in PROVENANCE.md. Rows are
 * validated like the prefecture rows (file, line, column, problem); a county row must name its
 * prefecture-level row, or one of the 省直辖 groups that have no prefecture row.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { COUNTY_KINDS, type LevelChoice, type Locality, type UrlFlag } from '../types.js';
import {
  httpUrl,
  loadRegistry,
  localityOf,
  readRegistryFile,
  readValidRows,
  sixDigitCode,
  throwIfProblems,
} from './registry.js';

export const DEFAULT_COUNTIES = fileURLToPath(new URL('./counties.csv', import.meta.url));
export const DEFAULT_COUNTY_CHECKS = fileURLToPath(new URL('./counties_url_checks.csv', import.meta.url));

/**
 * County-level units directly under a province (省直辖县级行政区划): their `prefecture_code` is the
 * NBS group + 00, which has no row in localities.csv (data README, "Column provenance").
 */
export const PROVINCE_DIRECT_GROUPS: Record<string, string> = {
  '419000': '河南省省直辖县级行政区划',
  '429000': '湖北省省直辖县级行政区划',
  '469000': '海南省省直辖县级行政区划',
  '659000': '新疆维吾尔自治区自治区直辖县级行政区划',
};

const COLUMNS = ['code', 'name', 'prefecture_code', 'province', 'kind', 'portal_url'] as const;
const CHECK_COLUMNS = ['code', 'anyi_access_method', 'notes'] as const;

const CountySchema = z.object({
  code: sixDigitCode,
  name: z.string().trim().min(2, 'must be a place name'),
  prefecture_code: sixDigitCode,
  province: z.string().trim().min(2, 'must be a province name'),
  kind: z.enum(COUNTY_KINDS, { message: `must be one of ${COUNTY_KINDS.join(', ')}` }),
  portal_url: httpUrl,
  url_source: z.string().trim().default(''),
});

const CheckSchema = z.object({
  code: sixDigitCode,
  anyi_access_method: z.enum(['direct', 'protocol-switch', 'ua-mobile', 'none'], {
    message: 'must be one of direct, protocol-switch, ua-mobile, none',
  }),
  notes: z.string().trim().default(''),
});

export interface UrlCheck {
  flag: UrlFlag;
  note: string;
}

/**
 * What a check row flags, strongest first: DOUBTFUL / verify notes; a probe that got no page and
 * no confirmation by hand; a WAF confirmed by hand; a tiny page at probe. Unflagged rows: none.
 */
export function urlCheckFlag(method: string, notes: string): UrlFlag | undefined {
  if (/\bDOUBTFUL\b|\bverify:/.test(notes)) return 'doubtful';
  const byHand = /confirmed by hand/.test(notes);
  if (method === 'none' && !byHand) return 'unreachable';
  if (byHand) return 'waf';
  if (/small HTML body/.test(notes)) return 'small_body';
  return undefined;
}

export function parseUrlChecks(text: string, file = '<url checks>'): Map<string, UrlCheck> {
  const { rows, problems } = readValidRows(text, file, CHECK_COLUMNS, CheckSchema);
  const out = new Map<string, UrlCheck>();
  for (const { row: r } of rows) {
    const flag = urlCheckFlag(r.anyi_access_method, r.notes);
    if (flag) out.set(r.code, { flag, note: r.notes || `probe: ${r.anyi_access_method}` });
  }
  throwIfProblems(file, problems);
  return out;
}

/**
 * County rows checked against the prefecture registry: the prefecture code names a prefecture row
 * of the same province (or a 省直辖 group of that province), the county code lies in its
 * province, codes are unique, and a host is used once, unless the URL checks flag the row
 * doubtful (上海市普陀区 and 舟山市普陀区 share putuo.gov.cn in the source: both are kept, flagged).
 */
export function parseCounties(
  text: string,
  file: string,
  prefectures: Locality[],
  checks: Map<string, UrlCheck> = new Map(),
): Locality[] {
  const { rows, problems } = readValidRows(text, file, COLUMNS, CountySchema);
  const byCode = new Map(prefectures.map((p) => [p.code, p]));
  const prefectureHosts = new Map(prefectures.map((p) => [new URL(p.portalUrl).hostname, p]));
  const out: Locality[] = [];
  const seenCodes = new Map<string, number>();
  const seenHosts = new Map<string, { line: number; code: string }>();
  for (const { line, row: r } of rows) {
    const at = (column: string, message: string) => problems.push({ line, column, message });
    const parent = byCode.get(r.prefecture_code);
    const group = PROVINCE_DIRECT_GROUPS[r.prefecture_code];
    if (!parent && !group)
      at(
        'prefecture_code',
        `${r.prefecture_code} names no prefecture-level row of the registry (nor a 省直辖 group: ${Object.keys(PROVINCE_DIRECT_GROUPS).join(', ')})`,
      );
    else if (parent && parent.province !== r.province)
      at(
        'province',
        `${r.province} differs from the province of prefecture ${parent.code} ${parent.name} (${parent.province})`,
      );
    else if (r.code.slice(0, 2) !== r.prefecture_code.slice(0, 2))
      at('code', `${r.code} is not in the province of prefecture code ${r.prefecture_code} (first two digits differ)`);
    if (byCode.has(r.code)) at('code', `${r.code} is a prefecture-level code, not a county`);
    const prevCode = seenCodes.get(r.code);
    if (prevCode) at('code', `duplicate code ${r.code} (first on line ${prevCode})`);
    seenCodes.set(r.code, line);
    const host = new URL(r.portal_url).hostname;
    const check = checks.get(r.code);
    const prev = seenHosts.get(host);
    if (prev && check?.flag !== 'doubtful' && checks.get(prev.code)?.flag !== 'doubtful')
      at('portal_url', `host ${host} already used on line ${prev.line}`);
    if (!prev) seenHosts.set(host, { line, code: r.code });
    const pref = prefectureHosts.get(host);
    if (pref) at('portal_url', `host ${host} is the portal of prefecture-level ${pref.code} ${pref.name}`);
    out.push({
      ...localityOf(r),
      prefectureCode: r.prefecture_code,
      ...(check ? { urlFlag: check.flag, urlNote: check.note } : {}),
    });
  }
  throwIfProblems(file, problems);
  return out;
}

export interface CountyFiles {
  counties?: string;
  checks?: string;
  /** The prefecture registry the county rows must point into. */
  prefectures?: Locality[];
}

export function loadCounties(f: CountyFiles = {}): Locality[] {
  const file = f.counties ?? DEFAULT_COUNTIES;
  const checksFile = f.checks ?? DEFAULT_COUNTY_CHECKS;
  const checks = parseUrlChecks(readRegistryFile(checksFile), checksFile);
  return parseCounties(readRegistryFile(file), file, f.prefectures ?? loadRegistry(), checks);
}

/** The registry rows of a level: the prefecture registry, the county registry (checked against it), or both. */
export function loadLevel(choice: LevelChoice, f: CountyFiles & { registry?: string } = {}): Locality[] {
  const prefectures = f.prefectures ?? loadRegistry(f.registry);
  if (choice === 'prefecture') return prefectures;
  const counties = loadCounties({ ...f, prefectures });
  return choice === 'county' ? counties : [...prefectures, ...counties];
}
