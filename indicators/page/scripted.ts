/**
 * Markup a page writes into itself with inline `document.write(…)`: old CMS templates write their
 * header links, toolbars and footers this way, so the raw HTML holds them only as string literals.
 * Only the literal parts are kept (a concatenated variable becomes empty text), unescape()/%XX
 * encoding is undone, and only calls that write markup count: a string merely assigned to a
 * variable is not on the page.
 */

const WRITE_CALL = /document\.write(?:ln)?\s*\(/g;

/** Contents of string literals in `expr`, concatenated ('<a href="' + url + '">无障碍</a>' → '<a href="">无障碍</a>'). */
function literals(expr: string): string {
  let out = '';
  const re = /(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g;
  for (const m of expr.matchAll(re)) out += unescapeJs(m[2]!);
  return out;
}

function unescapeJs(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) =>
    e.length > 1 && (e[0] === 'u' || e[0] === 'x')
      ? String.fromCharCode(parseInt(e.slice(1), 16))
      : e === 'n'
        ? '\n'
        : e === 't'
          ? '\t'
          : e,
  );
}

function percentDecode(s: string): string {
  if (!/%[0-9a-f]{2}|%u[0-9a-f]{4}/i.test(s)) return s;
  const u = s.replace(/%u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  try {
    return decodeURIComponent(u);
  } catch {
    return u.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

/** The argument text of the call starting at `open` (the index just after its "("), up to the matching ")". */
function argumentAt(src: string, open: number): string {
  let depth = 1;
  let quote = '';
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return src.slice(open, i);
  }
  return src.slice(open);
}

/** HTML written by the inline script's document.write calls ('' when it writes none). */
export function writtenMarkup(inline: string): string {
  if (!inline.includes('document.write')) return '';
  const parts: string[] = [];
  for (const m of inline.matchAll(WRITE_CALL)) {
    const arg = argumentAt(inline, m.index! + m[0].length);
    const html = percentDecode(literals(arg));
    if (/<[a-z]/i.test(html)) parts.push(html);
  }
  return parts.join('\n');
}
