// The page-role table and the role router it drives: one source for role ids, a handler per role,
// and a handler's discovery (what a page of a role enqueues next) as the table says.
import { describe, expect, it } from 'vitest';
import { PAGE_ROLE_TABLE, PAGE_ROLES, type PageRole } from '../crawlers/page-roles.js';
import { Frontier, type Task } from '../crawlers/site/frontier.js';
import { createRoleRouter, type PooledLink, roleContext } from '../crawlers/site/role-router.js';
import type { PageSnapshot } from '../src/types.js';

const site = { root: 'a.gov.cn', port: '', maxDepth: 3 };

function page(url: string, role: PageRole, body: string): PageSnapshot {
  return { url, finalUrl: url, role, status: 'ok', headers: {}, fetchedAt: '', crawler: 'http', depth: 0, body };
}

async function route(task: Task, body: string): Promise<{ queued: Task[]; pool: PooledLink[] }> {
  const frontier = new Frontier();
  const pool: PooledLink[] = [];
  const ctx = roleContext({ task, page: page(task.url, task.role, body), site, frontier, linkPool: pool });
  await createRoleRouter()(ctx!);
  const queued: Task[] = [];
  for (let t = frontier.next(); t; t = frontier.next()) queued.push(t);
  return { queued, pool };
}

describe('the page-role table', () => {
  it('is where the role ids come from, and every role it names is a role', () => {
    expect(PAGE_ROLES).toEqual(Object.keys(PAGE_ROLE_TABLE));
    for (const role of PAGE_ROLES) {
      const next = PAGE_ROLE_TABLE[role].next;
      if (next?.kind === 'portal')
        for (const r of next.entries) expect(PAGE_ROLE_TABLE[r].entry).toHaveProperty('concept');
      if (next?.kind === 'platform') for (const r of Object.keys(next.steps)) expect(PAGE_ROLES).toContain(r);
    }
  });

  it('gives the router one handler per role', () => {
    const router = createRoleRouter();
    for (const role of PAGE_ROLES) expect(() => router.getHandler(role)).not.toThrow();
    expect(() => router.getHandler('no_such_role')).toThrow();
  });
});

describe('role handlers', () => {
  const home: Task = { url: 'https://www.a.gov.cn/', role: 'home', depth: 0, priority: 0, seq: 0 };

  it('a homepage enqueues platform entries, embedded documents and columns, surest first', async () => {
    const body = `<a href="https://zwfw.a.gov.cn/">政务服务</a><a href="/xwdt/">新闻动态</a>
      <iframe src="/top.html"></iframe><a href="https://data.a.gov.cn/">数据开放</a><a href="/x.pdf">通知公告</a>`;
    const { queued, pool } = await route(home, body);
    expect(queued.map((t) => [t.role, t.url])).toEqual([
      ['frame', 'https://www.a.gov.cn/top.html'],
      ['service_platform', 'https://zwfw.a.gov.cn/'],
      ['data_platform', 'https://data.a.gov.cn/'],
      ['column', 'https://www.a.gov.cn/xwdt/'],
    ]);
    expect(queued.find((t) => t.role === 'frame')?.depth).toBe(0);
    expect(pool.map((l) => l.url)).not.toContain('https://www.a.gov.cn/top.html');
  });

  it('a platform page follows its steps within the platform, pagination of lists and no more', async () => {
    const list: Task = { url: 'https://zwfw.a.gov.cn/itemlist', role: 'service_list', depth: 2, priority: 3, seq: 1 };
    const body = `<a href="/itemdetail?id=1">户籍证明办理</a><a href="/itemlist?page=2">下一页</a>
      <a href="https://www.b.gov.cn/itemdetail?id=2">户籍证明办理</a>`;
    const { queued } = await route(list, body);
    expect(queued.map((t) => [t.role, t.url, t.pageNo])).toEqual([
      ['service_list', 'https://zwfw.a.gov.cn/itemlist?page=2', 2],
      ['service_item', 'https://zwfw.a.gov.cn/itemdetail?id=1', undefined],
    ]);
  });

  it('the 信息公开 page enqueues its 年报 column only; a 年报 link is the column, not another 信息公开 page', async () => {
    const xxgk: Task = { url: 'https://www.a.gov.cn/xxgk/', role: 'policy', depth: 1, priority: 2, seq: 3 };
    const body = `<a href="/xxgk/gkzn/">政府信息公开指南</a><a href="/xxgk/tjgb/">统计年报</a>
      <a href="/xxgk/nb/jd.html">2025年度报告解读</a><a href="/xxgk/xxgknb/">政府信息公开年报</a><a href="/xwdt/">新闻动态</a>`;
    const { queued } = await route(xxgk, body);
    expect(queued.map((t) => [t.role, t.url])).toEqual([['annual_report', 'https://www.a.gov.cn/xxgk/xxgknb/']]);
    expect(PAGE_ROLE_TABLE.annual_report.budget.max).toBeLessThanOrEqual(2);
    const fromHome = await route(home, '<a href="/xxgk/">政府信息公开</a><a href="/xxgk/ndbg/">信息公开年报</a>');
    expect(fromHome.queued.map((t) => [t.role, t.url])).toEqual([
      ['policy', 'https://www.a.gov.cn/xxgk/'],
      ['annual_report', 'https://www.a.gov.cn/xxgk/ndbg/'],
    ]);
  });

  it('an evidence-only page enqueues nothing', async () => {
    const letter: Task = { url: 'https://www.a.gov.cn/letter/1', role: 'letter', depth: 3, priority: 4, seq: 2 };
    expect((await route(letter, '<a href="/letter/2">关于道路维修的建议</a>')).queued).toEqual([]);
  });
});
