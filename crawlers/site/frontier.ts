/**
 * One site's frontier: the pages still to fetch, chosen by the role's priority and then discovery
 * order, within each role's budget from the page-role table. A URL is taken once per site.
 */
import type { PageSnapshot } from '../../src/types.js';
import { PAGE_ROLE_TABLE, type PageRole } from '../page-roles.js';
import { FILE_EXTENSIONS, isTrap } from './scope.js';

export interface Task {
  url: string;
  role: PageRole;
  depth: number;
  referrer?: string;
  linkText?: string;
  priority: number;
  seq: number;
  /** Host root the links of this page may stay within (platform pages stay on their platform). */
  scopeRoot?: string;
  /** Position in a paginated list (1 = the list as linked). */
  pageNo?: number;
  /** Over HTTP only, even when it meets a challenge again (the challenge pass's own retry). */
  httpOnly?: boolean;
  /** Pages fetched for this task during a wave, recorded in task order once the wave is done. */
  buffer?: PageSnapshot[];
}

/** A link a page's role handler wants fetched next. */
export interface EnqueueRequest {
  url: string;
  role: PageRole;
  /** The page the link is on. */
  from: Task;
  linkText: string;
  scopeRoot?: string;
  pageNo?: number;
  /** Default: one deeper than `from`. */
  depth?: number;
}

/** Longest link text kept with a task. */
const LINK_TEXT_MAX = 200;

export class Frontier {
  private readonly queue: Task[] = [];
  private readonly seen = new Set<string>();
  private readonly roleCount = new Map<PageRole, number>();
  /** Lists taken per role and path (query stripped). */
  private readonly perPath = new Map<string, number>();
  private seq = 0;

  markSeen(...urls: string[]): void {
    for (const u of urls) this.seen.add(u);
  }

  /** Pages of `role` taken so far (queued or fetched). */
  count(role: PageRole): number {
    return this.roleCount.get(role) ?? 0;
  }

  enqueue({ url, role, from, linkText, scopeRoot, pageNo, depth = from.depth + 1 }: EnqueueRequest): void {
    const spec = PAGE_ROLE_TABLE[role];
    if (this.seen.has(url) || (FILE_EXTENSIONS.test(url) && !spec.data)) return;
    if (isTrap(url)) return;
    const count = this.count(role);
    if (count >= spec.budget.max) return;
    this.seen.add(url);
    this.roleCount.set(role, count + 1);
    const task: Task = {
      url,
      role,
      depth,
      referrer: from.url,
      linkText: linkText.slice(0, LINK_TEXT_MAX),
      priority: spec.budget.priority,
      seq: ++this.seq,
      scopeRoot,
      pageNo,
    };
    this.queue.push(task);
  }

  /** Lists filtered by query (?format=CSV, ?format=XLSX …) are one list: take at most `perPath` per path. */
  distinctEnough(role: PageRole, url: string): boolean {
    const list = PAGE_ROLE_TABLE[role].list;
    if (!list) return true;
    const key = `${role} ${url.replace(/[?#].*$/, '')}`;
    const n = this.perPath.get(key) ?? 0;
    if (n >= list.perPath) return false;
    this.perPath.set(key, n + 1);
    return true;
  }

  /** The next task: lowest priority first, then discovery order. */
  next(): Task | undefined {
    if (!this.queue.length) return undefined;
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) {
      const a = this.queue[i]!;
      const b = this.queue[best]!;
      if (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)) best = i;
    }
    return this.queue.splice(best, 1)[0];
  }
}
