/**
 * Generated hostile pages: very large, very deeply nested, with very many links, forms and inputs.
 * Built from repeated blocks so the size is exact enough and generation is fast.
 */

/** A page of about `bytes` bytes: list rows with dated links, inputs with buttons, and nested divs. */
export function bigPage(bytes: number, opts: { depth?: number; linksPerBlock?: number } = {}): string {
  const depth = opts.depth ?? 200;
  const perBlock = opts.linksPerBlock ?? 20;
  const head =
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>大页面</title></head><body><div class="header"><a href="/">首页</a></div>';
  const tail = '<div class="footer">网站标识码：5101000001 蜀ICP备05003296号</div></body></html>';
  const parts: string[] = [head];
  let size = head.length + tail.length;
  for (let b = 0; size < bytes; b++) {
    const rows: string[] = [];
    for (let i = 0; i < perBlock; i++)
      rows.push(
        `<li><a href="/news/${b}/${i}.html" title="新闻${b}-${i}">市政府召开第${b}次会议 ${i}</a><span>2025-06-${String((i % 28) + 1).padStart(2, '0')}</span></li>`,
      );
    // Deep nesting: every block opens `depth` divs with a span of text at each level.
    const open = Array.from({ length: depth }, (_, d) => `<div class="lv${d % 7}"><span>层${d}</span>`).join('');
    const close = '</div>'.repeat(depth);
    const block = `<div class="block${b}"><ul>${rows.join('')}</ul><div class="search${b}"><input type="text" name="q${b}" placeholder="搜索"><button onclick="go()">搜索</button></div>${open}${close}</div>`;
    parts.push(block);
    size += Buffer.byteLength(block);
  }
  parts.push(tail);
  return parts.join('');
}

/**
 * A hostile page of about `bytes` bytes, as a broken CMS and an ASP.NET form produce them: the whole
 * page inside one <form>, blocks of dated list rows with links, a text input with its button in
 * every block, nesting `depth` divs deep per block, and `unclosed` <font> tags left open before
 * the footer (nesting without end). The footer carries a site code and an ICP number to find.
 */
export function hostilePage(bytes: number, opts: { depth?: number; unclosed?: number } = {}): string {
  const unclosed = '<font color="red">未闭合'.repeat(opts.unclosed ?? 3000);
  const page = bigPage(bytes - unclosed.length - 40, { depth: opts.depth ?? 300 });
  return page
    .replace('<body>', '<body><form id="form1" method="post" action="./default.aspx">')
    .replace('<div class="footer">', `${unclosed}<div class="footer">`)
    .replace('</body>', '</form></body>');
}

/** A page with `n` links in plain rows (what one column page of a hostile site may hold). */
export function manyLinksPage(n: number, origin = ''): string {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) rows.push(`<li><a href="${origin}/item/${i}.html">条目 ${i}</a></li>`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>很多链接</title></head><body><ul>${rows.join('')}</ul></body></html>`;
}
