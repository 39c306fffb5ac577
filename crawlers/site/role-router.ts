/**
 * The page-role router: a Crawlee Router (what `createCheerioRouter()` builds) with one handler
 * per page role, each doing that role's discovery as the page-role table says — a portal page
 * follows entries, columns and embedded documents; a platform page follows its steps, pagination
 * and APIs; an evidence page follows nothing.
 *
 * It routes pages, not HTTP round trips. The shared CheerioCrawler (crawlers/http/crawlee-executor.ts)
 * performs every hop of every site, but a page is more than a hop (redirects and retries are hops;
 * the body is decoded by govscan; robots-denied and browser-rendered pages never pass through it),
 * and which pages a site gets must not depend on which response came first. So the site crawl hands
 * each finished page to this router in task order, after the whole wave has answered.
 */
import { Log, LogLevel, Request, type RestrictedCrawlingContext, Router } from '@crawlee/cheerio';
import type { CheerioAPI } from 'cheerio';
import type { PageSnapshot } from '../../src/types.js';
import { PAGE_ROLE_TABLE, PAGE_ROLES, type PageRole, type RoleNext } from '../page-roles.js';
import type { EnqueueRequest, Frontier, Task } from './frontier.js';
import { extractLinks, type FoundLink, linkScope, loadHtml } from './link-extraction.js';
import { discoverOnPlatform, discoverOnPortal } from './role-discovery.js';

/** A link of the homepage, its frames or a column: a candidate for the broken-link check. */
export interface PooledLink {
  url: string;
  fromUrl: string;
  text: string;
}

/** Where the site is, as the homepage showed it. */
export interface SiteScope {
  root: string;
  port: string;
  maxDepth: number;
}

type TaskData = Omit<Task, 'buffer' | 'url' | 'role'>;

/** The crawling context of a role handler: Crawlee's, plus the page, its links and the site's frontier. */
export interface RoleContext extends Omit<RestrictedCrawlingContext<TaskData>, 'enqueueLinks'> {
  task: Task;
  page: PageSnapshot;
  $: CheerioAPI;
  links: FoundLink[];
  site: SiteScope;
  frontier: Frontier;
  linkPool: PooledLink[];
  /** Queue a link as a page of `role` (budgets, seen URLs and traps are the frontier's). */
  enqueue(req: Omit<EnqueueRequest, 'from'>): void;
}

export type RoleRouter = ReturnType<typeof createRoleRouter>;

function handlerFor(next: RoleNext<PageRole> | undefined): (ctx: RoleContext) => void {
  if (next?.kind === 'portal') return (ctx) => discoverOnPortal(ctx, next);
  if (next?.kind === 'platform') return (ctx) => discoverOnPlatform(ctx, next);
  return () => undefined; // evidence only
}

export function createRoleRouter() {
  const router = Router.create<RoleContext>();
  for (const role of PAGE_ROLES) router.addHandler(role, handlerFor(PAGE_ROLE_TABLE[role].next));
  return router;
}

const QUIET = new Log({ level: LogLevel.OFF, prefix: 'govscan-roles' });
const notHere = (what: string) => () => Promise.reject(new Error(`${what}: page-role handlers only discover links`));

export interface PageToRoute {
  task: Task;
  page: PageSnapshot;
  site: SiteScope;
  frontier: Frontier;
  linkPool: PooledLink[];
}

/**
 * The context for one fetched page, or undefined when it is no document to read links from. A page
 * gives at most its first MAX_LINKS_PER_PAGE links: only the part holding them is parsed, and its
 * record says so.
 */
export function roleContext({ task, page, site, frontier, linkPool }: PageToRoute): RoleContext | undefined {
  if (!page.body || !isHtmlLike(page)) return undefined;
  const scope = linkScope(page.body);
  if (scope.note) page.error = [page.error, scope.note].filter(Boolean).join('; ');
  const $ = loadHtml(scope.html);
  const { url, role, buffer: _buffer, ...userData } = task;
  const enqueue = (req: Omit<EnqueueRequest, 'from'>) => frontier.enqueue({ ...req, from: task });
  return {
    id: `${task.seq}`,
    request: new Request<TaskData>({ url, label: role, userData }),
    log: QUIET,
    task,
    page,
    $,
    links: extractLinks($, page.finalUrl),
    site,
    frontier,
    linkPool,
    enqueue,
    addRequests: notHere('addRequests (use enqueue: a link has a role and the page it was found on)'),
    pushData: notHere('pushData'),
    useState: notHere('useState'),
    getKeyValueStore: notHere('getKeyValueStore'),
  };
}

function isHtmlLike(page: PageSnapshot): boolean {
  if (page.crawler === 'browser') return true;
  const type = (page.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return !type || /html|xml|text\/plain/.test(type) || /^\s*</.test(page.body ?? '');
}
