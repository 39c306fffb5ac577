/**
 * Page roles, one table: for each role, how a link to it is recognised, what a page of it enqueues
 * next, and how many pages it may take. Everything else derives from it: PAGE_ROLES (src/types.ts,
 * used by the store), the labels and handlers of the role router (crawlers/site/role-router.ts),
 * link recognition (crawlers/site/roles.ts) and the site's frontier (crawlers/site/frontier.ts).
 *
 * Wording is not repeated here. Portal entries are concepts (indicators/concepts/, the entries
 * detection and browser verification read too); column names are the lexicon's COLUMN_CLASSES;
 * the vocabulary for moving within a platform is crawlers/navigation.ts.
 */
import { CONCEPTS, type Concept } from '../indicators/concepts/index.js';
import { COLUMN_CLASSES } from '../indicators/lexicon.js';
import type { StepSignals } from './navigation.js';
import * as nav from './navigation.js';

/** Pages at most per site (`max`, before the site's pagesPerSite); lower `priority` is fetched first. */
export interface RoleBudget {
  max: number;
  priority: number;
}

/** How a link on a portal page is recognised as leading to a role. */
export type RoleEntry =
  /** A concept's entry (its text, host, path): may lead to another host, whose root the role then stays in. */
  | { concept: Concept }
  /** A short link text naming a news/notice column (lexicon); same site only. */
  | { columns: Readonly<Record<string, readonly RegExp[]>>; maxText: number }
  /** A same-site document embedded with <iframe>/<frame>: same depth as the page embedding it. */
  | { embedded: true };

/** What a page of a role enqueues next. */
export type RoleNext<R extends string> =
  /**
   * A portal page: links recognised by the entries of `entries` (in this order on equal strength),
   * same-site column links, and (with `frames`) same-site embedded documents. With `linkPool` its
   * links are candidates for the broken-link check.
   */
  | { kind: 'portal'; entries: readonly R[]; columns: boolean; frames: boolean; linkPool: boolean }
  /**
   * A platform page: links matching `steps[role]` (in this order on equal strength), staying within
   * the platform's host root. With `api`, API URLs its scripts mention become pages of `api.role`,
   * and the conventional `api.guesses` paths are tried when the page shows no API at all.
   */
  | {
      kind: 'platform';
      steps: Readonly<Partial<Record<R, StepSignals>>>;
      api?: { role: R; guesses?: readonly string[] };
    };

export interface RoleSpec<R extends string = string> {
  about: string;
  budget: RoleBudget;
  entry?: RoleEntry;
  /** Undefined: the page is evidence only, nothing is followed from it. */
  next?: RoleNext<R>;
  /** A paginated list: `pages` pages of one list, at most `perPath` lists per path (query filters). */
  list?: { pages: number; perPath: number };
  /** Data, not a page: fetched over HTTP even in the browser baseline, file-like URLs allowed. */
  data?: true;
}

/** Portal roles follow these entries, in this order when two match a link equally well. */
const PORTAL_ENTRIES = [
  'service_platform',
  'data_platform',
  'interaction',
  'smart_qa',
  // Before policy: 政府信息公开年报 names 信息公开 too, the 年报 column is the surer reading.
  'annual_report',
  'policy',
  'survey',
  'sitemap_page',
] as const;
const LIST = { pages: 3, perPath: 2 };

// Every platform (service, open data, letters) is read the same way: its entry page, up to a few
// of its list pages, then the item pages they link. `steps` say which links lead where.
type Steps<S extends string> = { [P in S]: StepSignals };
/** Only the open-data platform has an API: its datasets as JSON. */
type Api = { role: 'data_api'; guesses?: readonly string[] };

/** A platform's entry page, found on the portal by its concept (it may be on another host). */
function platformEntry<S extends string>(about: string, concept: Concept, steps: Steps<S>, api?: Api) {
  return { about, budget: { max: 2, priority: 1 }, entry: { concept }, next: platformNext(steps, api) };
}

/** A platform's paginated list page. */
function platformList<S extends string>(about: string, steps: Steps<S>, api?: Api) {
  return { about, budget: { max: 4, priority: 3 }, list: LIST, next: platformNext(steps, api) };
}

function platformNext<S extends string>(steps: Steps<S>, api?: Api) {
  return { kind: 'platform' as const, steps, ...(api ? { api } : {}) };
}

const ROLES = {
  home: {
    about: 'the portal homepage',
    budget: { max: 1, priority: 0 },
    next: { kind: 'portal', entries: PORTAL_ENTRIES, columns: true, frames: true, linkPool: true },
  },
  column: {
    about: 'a list page / channel of the portal (新闻动态, 通知公告, 政策文件 …)',
    // Columns take whatever the other roles leave.
    budget: { max: 1000, priority: 5 },
    entry: { columns: COLUMN_CLASSES, maxText: 12 },
    next: { kind: 'portal', entries: PORTAL_ENTRIES, columns: true, frames: false, linkPool: true },
  },
  article: { about: 'an article', budget: { max: 3, priority: 6 } },
  policy: {
    about: '政策文件 / 信息公开 column',
    budget: { max: 2, priority: 2 },
    entry: { concept: CONCEPTS.policy },
    // The 信息公开 page links its 年报 column; nothing else is followed from it.
    next: { kind: 'portal', entries: ['annual_report'], columns: false, frames: false, linkPool: false },
  },
  annual_report: {
    about: '政府信息公开工作年度报告 (年报) column of the 信息公开 section',
    budget: { max: 1, priority: 2 },
    entry: { concept: CONCEPTS.disclosure_annual_report },
  },
  survey: {
    about: '征集调查 / 意见征集',
    budget: { max: 1, priority: 2 },
    entry: { concept: CONCEPTS.survey },
  },
  sitemap_page: {
    about: '网站地图 HTML page',
    budget: { max: 1, priority: 2 },
    entry: { concept: CONCEPTS.sitemap_page },
    next: { kind: 'portal', entries: PORTAL_ENTRIES, columns: true, frames: false, linkPool: false },
  },
  search: { about: 'a site-search result page (the search probe)', budget: { max: 1, priority: 2 } },
  service_platform: platformEntry('政务服务网 / 一网通办 entry page (may be another host)', CONCEPTS.service_platform, {
    service_list: nav.SERVICE_LIST,
    service_item: nav.SERVICE_ITEM,
  }),
  service_list: platformList('a service catalogue listing page', { service_item: nav.SERVICE_ITEM }),
  service_item: { about: 'one service item / 办事指南 page', budget: { max: 3, priority: 4 } },
  data_platform: platformEntry(
    '数据开放平台 entry page',
    CONCEPTS.data_platform,
    { data_list: nav.DATA_LIST, data_api: nav.DATA_API_ENTRY },
    { role: 'data_api', guesses: nav.DATA_API_GUESSES },
  ),
  data_list: platformList('dataset listing page', { data_api: nav.DATA_API }, { role: 'data_api' }),
  data_api: { about: 'a JSON API of the data platform', budget: { max: 2, priority: 3 }, data: true },
  interaction: platformEntry('领导信箱 / 12345 / 在线咨询 entry', CONCEPTS.interaction, {
    letter_list: nav.LETTER_LIST,
    letter: nav.LETTER,
  }),
  letter_list: platformList('list of letters with dates', { letter: nav.LETTER_IN_LIST }),
  letter: { about: 'one letter with its reply', budget: { max: 3, priority: 4 } },
  smart_qa: { about: 'intelligent Q&A page', budget: { max: 1, priority: 2 }, entry: { concept: CONCEPTS.smart_qa } },
  frame: {
    about: 'a same-site document the homepage embeds with <iframe>/<frame>: its links are part of the homepage',
    // Part of the homepage: read first.
    budget: { max: 4, priority: 0 },
    entry: { embedded: true },
    next: { kind: 'portal', entries: PORTAL_ENTRIES, columns: true, frames: true, linkPool: true },
  },
  link_check: {
    about: 'fetched only to check a link is alive (HEAD/GET, body not kept); never enqueued by discovery',
    budget: { max: 0, priority: 5 },
  },
} as const satisfies Record<string, RoleSpec>;

/** Why a page was fetched; the role router's labels are the same names. */
export type PageRole = keyof typeof ROLES;
export const PAGE_ROLES: readonly PageRole[] = Object.keys(ROLES) as PageRole[];

/** The table, typed so that every role a role enqueues is a role of the table. */
export const PAGE_ROLE_TABLE: Readonly<Record<PageRole, RoleSpec<PageRole>>> = ROLES;
