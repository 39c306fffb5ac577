/**
 * robots.txt as far as a polite crawler needs it: the group for our User-Agent token (or `*`),
 * Allow/Disallow with `*` and `$` wildcards, longest match wins, and Sitemap lines.
 */
export interface Robots {
  isAllowed(url: string): boolean;
  sitemaps: string[];
}

interface Rule {
  allow: boolean;
  pattern: RegExp;
  length: number;
}

function toRegExp(path: string): RegExp {
  const anchored = path.endsWith('$');
  const body = (anchored ? path.slice(0, -1) : path)
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

export function parseRobots(text: string, agentToken: string): Robots {
  const groups: { agents: string[]; rules: Rule[] }[] = [];
  const sitemaps: string[] = [];
  let current: { agents: string[]; rules: Rule[] } | undefined;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^([\w-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (key === 'sitemap' && value) sitemaps.push(value);
    else if ((key === 'allow' || key === 'disallow') && current) {
      if (!value) continue; // "Disallow:" with nothing allows everything
      current.rules.push({ allow: key === 'allow', pattern: toRegExp(value), length: value.length });
    }
  }
  const token = agentToken.toLowerCase();
  const group =
    groups.find((g) => g.agents.some((a) => a !== '*' && token.includes(a))) ??
    groups.find((g) => g.agents.includes('*'));
  const rules = group?.rules ?? [];
  return {
    sitemaps,
    isAllowed(url: string) {
      let path: string;
      try {
        const u = new URL(url);
        path = `${u.pathname}${u.search}`;
      } catch {
        return true;
      }
      let best: Rule | undefined;
      for (const r of rules)
        if (r.pattern.test(path) && (!best || r.length > best.length || (r.length === best.length && r.allow)))
          best = r;
      return best ? best.allow : true;
    },
  };
}

export const ALLOW_ALL: Robots = { sitemaps: [], isAllowed: () => true };
