/**
 * Small portal pages for the audit tests, served on loopback: working and broken toolbars,
 * elderly modes, Q&A widgets and search, written the way real portals write them
 * (cniil/aria entries, doElder toggles, floating chat buttons, forms posting to /search).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const page = (title: string, body: string, head = '') =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-size:14px;font-family:sans-serif;margin:0} .nav a{margin:0 8px} body.elder{font-size:22px}
#chat{display:none;position:fixed;right:10px;bottom:10px;width:320px;height:360px;background:#fff;border:1px solid #999}
.list li{padding:4px}</style>${head}</head><body>${body}</body></html>`;

const HEADER = `<div class="nav"><a href="/">首页</a><a href="/news">新闻动态</a><a href="/gk">政府信息公开</a><a href="/bs">政务服务</a></div>
<h1>某某市人民政府</h1><ul class="list">${Array.from({ length: 12 }, (_, i) => `<li><a href="/a${i}">关于做好第${i + 1}项重点工作的通知</a> <span>2026-11-${String(10 + i).padStart(2, '0')}</span></li>`).join('')}</ul>`;

const SEARCH_FORM = (action: string) =>
  `<form action="${action}" method="get" class="search"><input type="text" name="q" placeholder="请输入关键字"><button type="submit">搜索</button></form>`;

/** A cniil-like toolbar: a fixed bar with tools, inserted at the top, body pushed down. */
const TOOLBAR_JS = `function openWza(){var b=document.createElement('div');b.id='cniil_wza_toolbar';
b.style.cssText='position:fixed;top:0;left:0;right:0;height:80px;background:#eee;z-index:9999';
b.innerHTML='<button>读屏</button><button>放大</button><button>高对比度</button><button>鼠标样式</button><button>大字幕</button>';
document.body.appendChild(b);document.body.style.marginTop='80px';}`;

const QA_JS = `function openChat(){var c=document.getElementById('chat');c.style.display='block';}
function send(e){if(e.key!=='Enter')return;var v=e.target.value;var log=document.getElementById('log');
var q=document.createElement('p');q.textContent=v;log.appendChild(q);e.target.value='';
setTimeout(function(){var a=document.createElement('p');a.textContent='您好！办理居住证请携带身份证到居住地派出所申请，详见办事指南。';log.appendChild(a);},300);}`;

export const PAGES: Record<string, string> = {
  '/working': page(
    '工作正常的门户',
    `<div class="top"><a id="cniil_wza" href="javascript:void(0)" onclick="openWza()">无障碍</a> |
<a href="javascript:void(0)" onclick="doElder('elder')">关怀版</a> | <a href="javascript:void(0)" onclick="openChat()">智能问答</a></div>
${SEARCH_FORM('/search')}${HEADER}
<div id="chat"><div id="log"></div><input id="ask" type="text" placeholder="请输入您的问题" onkeydown="send(event)"></div>
<script>${TOOLBAR_JS}\nfunction doElder(){document.body.classList.add('elder');}\n${QA_JS}</script>`,
  ),
  '/broken': page(
    '功能失效的门户',
    `<div class="top"><a id="cniil_wza" href="javascript:void(0)">无障碍</a> |
<a href="javascript:void(0)" onclick="aria.oldFixedStart()">长者模式</a> | <a href="javascript:void(0)" onclick="zhiNengKeFu.open()">智能客服</a></div>
${SEARCH_FORM('/search-empty')}${HEADER}
<script src="/missing/assist.js"></script><script src="/missing/robot.js"></script>`,
  ),
  // Entries that lead elsewhere: a separate accessible version that loads, and an elderly version
  // and a Q&A window whose pages are gone (404).
  '/elsewhere': page(
    '入口指向别处的门户',
    `<div class="top"><a href="/wza/">无障碍浏览</a> | <a href="/ghb/">关怀版</a> |
<a href="/znwd-gone/" target="_blank">智能问答</a></div>${HEADER}`,
  ),
  '/wza/': page('无障碍版', `${HEADER}<p>无障碍版本</p>`),
  '/bare': page('没有这些功能的门户', `${HEADER}<p>网站标识码 5101000001</p>`),
  '/qa-popup': page(
    '新窗口问答',
    `${HEADER}<a href="/qa" target="_blank" class="znwd"><img src="/robot.png" alt="智能客服"></a>`,
  ),
  '/qa-embedded': page(
    '嵌入式问答',
    `${HEADER}<iframe src="/znwd/embed.html" title="智能问答" width="320" height="400"></iframe>`,
  ),
  '/qa-silent': page(
    '只回显的问答',
    `${HEADER}<a href="javascript:void(0)" onclick="openChat()">智能问答</a>
<div id="chat" style="display:none"><div id="log"></div><input id="ask" type="text" placeholder="请输入您的问题" onkeydown="echo(event)"></div>
<script>function openChat(){document.getElementById('chat').style.display='block';}
function echo(e){if(e.key!=='Enter')return;var q=document.createElement('p');q.textContent=e.target.value;
document.getElementById('log').appendChild(q);e.target.value='';}</script>`,
  ),
  '/znwd/embed.html': page(
    '智能问答',
    `<div id="log"></div><input id="q" type="text" placeholder="请输入您的问题" onkeydown="send(event)"><script>${QA_JS}</script>`,
  ),
  '/qa-widget-dead': page('问答脚本失效', `${HEADER}<script src="/znwd/widget.js" data-title="智能客服"></script>`),
  // Real-portal shapes: a search box outside any form that a script submits (no 搜索 text, a magnifier
  // icon), and a Q&A reached only through a robot image.
  '/formless': page(
    '脚本检索的门户',
    `<style>.sousuo-btn{display:inline-block;width:22px;height:22px;background:#369}</style><div class="head"><div class="search-box"><input type="text" id="kw" class="txt" value="请输入关键字" onfocus="this.value=''"><a href="javascript:;" class="sousuo-btn" onclick="goSearch()"><i class="icon-search"></i></a></div></div>
${HEADER}<div class="float"><a href="/qa" target="_blank"><img src="/images/robot.png"></a></div>
<script>function goSearch(){location.href='/search?q='+encodeURIComponent(document.getElementById('kw').value);}</script>`,
  ),
  // A carousel whose second slide (the Q&A robot) shows in its turn; a certification badge that is no toolbar.
  '/carousel': page(
    '轮播入口',
    `${HEADER}<div class="slider"><div class="slide-item" style="display:block"><a href="/news"><img src="/images/news.png" width="200" height="80" alt="要闻"></a></div>
<div class="slide-item" style="display:none"><a href="/qa" target="_blank"><img src="/images/robot.png" width="200" height="80"></a></div></div>
<div class="footer"><a href="http://wza.isc.org.cn/rzpt/1.html" target="_blank"><img src="/images/slhwzafw.png" width="120" height="40"></a></div>
<script>var i=0;setInterval(function(){var s=document.querySelectorAll('.slide-item');s[i].style.display='none';i=(i+1)%s.length;s[i].style.display='block';},2000);</script>`,
  ),
  // The header (search box and 无障碍) served in a same-site iframe, its toolbar opened on the top page.
  '/framed': page(
    '框架页头的门户',
    `<iframe src="/include/header.html" width="100%" height="120" frameborder="0"></iframe>${HEADER}<script>${TOOLBAR_JS}</script>`,
  ),
  '/include/header.html': page(
    '页头',
    `<div class="top"><a id="cniil_wza" href="javascript:void(0)" onclick="top.openWza()">无障碍</a></div><form action="/search" method="get" target="_top" class="search"><input type="text" name="q" placeholder="请输入关键字"><button type="submit">搜索</button></form>`,
  ),
  '/qa': page(
    '智能问答',
    `<div id="log"></div><textarea id="q" placeholder="请输入您的问题" onkeydown="send(event)"></textarea><script>${QA_JS}</script>`,
  ),
  '/axe-bad': `<!doctype html><html><head><meta charset="utf-8"><title>问题页面</title></head><body>
<img src="/logo.png"><p style="color:#bbb;background:#fff">浅灰色文字对比度不足</p>
<form><input type="text" name="x"></form><a href="/x"></a></body></html>`,
};

/** Search results: a list naming the query, or an empty-result page. */
function searchPage(path: string, q: string): string {
  if (path === '/search-empty')
    return page('搜索结果', `${SEARCH_FORM('/search-empty')}<p>抱歉，没有找到与「${q}」相关的结果。</p>`);
  const items = Array.from(
    { length: 6 },
    (_, i) => `<li><a href="/r${i}">某某市<em>${q}</em>工作报告（第${i + 1}篇）</a></li>`,
  ).join('');
  return page('搜索结果', `${SEARCH_FORM('/search')}<p>共找到 6 条结果</p><ul class="results">${items}</ul>`);
}

export interface TestServer {
  url: (path: string) => string;
  hits: Map<string, number>;
  close: () => Promise<void>;
}

export async function startAuditTestServer(): Promise<TestServer> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    hits.set(u.pathname, (hits.get(u.pathname) ?? 0) + 1);
    // A flapping balancer: the first request answers 503, the next ones the working page.
    if (u.pathname === '/flapping') {
      if (hits.get(u.pathname) === 1) res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGES['/working']);
      return;
    }
    const html = u.pathname.startsWith('/search')
      ? searchPage(u.pathname, u.searchParams.get('q') ?? '')
      : PAGES[u.pathname];
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
