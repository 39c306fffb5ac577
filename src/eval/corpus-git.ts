/**
 * Git for `govscan corpus fetch`: finding a local copy of a repository under a folder of copies,
 * and running git with an argument array (paths may hold Chinese characters and spaces).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function isGitDir(dir: string): boolean {
  try {
    if (statSync(dir).isFile()) return readFileSync(dir, 'utf8').startsWith('gitdir:'); // a .git file (worktree/submodule)
    return existsSync(join(dir, 'HEAD')) && existsSync(join(dir, 'objects'));
  } catch {
    return false;
  }
}

/** Where a local copy of owner/name may be under a folder of copies, in lookup order. */
export function localCandidates(reposDir: string, owner: string, name: string): string[] {
  const flat = join(reposDir, `${owner}+${name}`);
  return [
    join(flat, 'repo'),
    flat,
    join(flat, '.git'),
    join(reposDir, owner, name, '.git'),
    join(reposDir, owner, name),
  ];
}

export function findLocalGitDir(reposDir: string, owner: string, name: string): string | undefined {
  return localCandidates(reposDir, owner, name).find(isGitDir);
}

export interface GitRun {
  ok: boolean;
  stdout: Buffer;
  stderr: string;
}

export function git(args: string[], timeoutMs = 120_000): GitRun {
  const r = spawnSync('git', args, {
    maxBuffer: 512 * 1024 * 1024,
    timeout: timeoutMs,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'true', LC_ALL: 'C' },
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    const msg =
      code === 'ENOENT'
        ? 'git is not installed (or not on PATH)'
        : code === 'ETIMEDOUT'
          ? `git ${args[0]} timed out after ${timeoutMs / 1000} s`
          : r.error.message;
    return { ok: false, stdout: Buffer.alloc(0), stderr: msg };
  }
  return {
    ok: r.status === 0,
    stdout: r.stdout ?? Buffer.alloc(0),
    stderr: (r.stderr ?? Buffer.alloc(0)).toString('utf8').trim(),
  };
}

/** The line of git's stderr that says what went wrong (its first fatal/error line, else the last line). */
export const gitError = (s: string) => {
  const lines = s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /^(fatal|error):/.test(l)) ?? lines.pop() ?? s;
};
