/**
 * `govscan corpus fetch`: pages listed by repository, commit and path are printed with git show
 * from local copies (or a clone), checked against CHECKSUMS.sha256, and kept only when they match.
 * Uses throw-away git repositories made here; the clone path is pointed at a local bare repository
 * through git's url.<base>.insteadOf, so nothing leaves the machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvalInputError, fetchCorpus, findLocalGitDir, loadCorpusSources } from '../src/eval/corpus.js';

const CLI = join(__dirname, '..', 'src', 'cli', 'govscan.mjs');
const dir = mkdtempSync(join(tmpdir(), 'govscan-corpus-'));
const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.org',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.org',
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

// A working repository at repos/acme/pages (found as repos/acme/pages/.git) with a Chinese path with a space.
const repos = join(dir, 'repos');
const work = join(repos, 'acme', 'pages');
mkdirSync(join(work, '目录'), { recursive: true });
const PAGE1 =
  '<!doctype html><html><head><meta charset="utf-8"><title>一</title></head><body><p>京ICP备12345678号</p></body></html>\n';
const PAGE2 = '<!doctype html><html><body><a href="/map">网站地图</a></body></html>\n';
writeFileSync(join(work, '目录', '页面 一.html'), PAGE1);
writeFileSync(join(work, 'b.html'), PAGE2);
git(work, 'init', '-q');
git(work, 'add', '.');
git(work, 'commit', '-q', '-m', 'pages');
const commit = git(work, 'rev-parse', 'HEAD');
// A bare copy at repos/acme+bare/repo (the /work/.mirror layout).
mkdirSync(join(repos, 'acme+bare'));
git(dir, 'clone', '-q', '--bare', work, join(repos, 'acme+bare', 'repo'));
// A "remote" for the clone path: https://github.com/ is rewritten to this folder.
const remotes = join(dir, 'remotes');
mkdirSync(join(remotes, 'acme'), { recursive: true });
git(dir, 'clone', '-q', '--bare', work, join(remotes, 'acme', 'remote.git'));
const insteadOf = {
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: `url.file://${remotes}/.insteadOf`,
  GIT_CONFIG_VALUE_0: 'https://github.com/',
};

function corpus(name: string, rows: [file: string, repo: string, path: string, checksum: string][]): string {
  const d = join(dir, name);
  mkdirSync(d);
  writeFileSync(
    join(d, 'SOURCES.csv'),
    'file,repo,commit,path,url,notes\n' +
      rows.map(([f, r, p]) => `${f},${r},${commit},"${p}",https://www.test.gov.cn/,x`).join('\n') +
      '\n',
  );
  writeFileSync(join(d, 'CHECKSUMS.sha256'), `${rows.map(([f, , , s]) => `${s}  ${f}`).join('\n')}\n`);
  return join(d, 'SOURCES.csv');
}

describe('govscan corpus fetch', () => {
  it('finds local copies in every documented layout', () => {
    expect(findLocalGitDir(repos, 'acme', 'pages')).toBe(join(work, '.git'));
    expect(findLocalGitDir(repos, 'acme', 'bare')).toBe(join(repos, 'acme+bare', 'repo'));
    expect(findLocalGitDir(repos, 'acme', 'none')).toBeUndefined();
  });

  it('fetches and verifies; a mismatch or a missing repository fails only that file (exit 1)', async () => {
    const sources = corpus('mixed', [
      ['one.html', 'acme/pages', '目录/页面 一.html', sha(PAGE1)],
      ['two.html', 'acme/bare', 'b.html', sha(PAGE2)],
      ['bad.html', 'acme/pages', 'b.html', sha('something else')],
      ['gone.html', 'acme/missing', 'x.html', sha('x')],
    ]);
    const out = join(dir, 'out-mixed');
    const r = await run(['corpus', 'fetch', '--sources', sources, '--repos', repos, '--out', out, '--no-clone']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('2 of 4 files verified');
    expect(r.stdout).toContain(`✓ one.html`);
    expect(r.stderr).toContain(
      `bad.html: checksum mismatch: acme/pages@${commit.slice(0, 12)}:b.html has sha256 ${sha(PAGE2)}`,
    );
    expect(r.stderr).toMatch(
      /gone\.html: repository acme\/missing: no local copy under --repos .*repos \(looked for .*acme\+missing\/repo.*\); cloning is off \(--no-clone\)/,
    );
    expect(readFileSync(join(out, 'one.html'), 'utf8')).toBe(PAGE1);
    expect(readFileSync(join(out, 'two.html'), 'utf8')).toBe(PAGE2);
    expect(existsSync(join(out, 'bad.html'))).toBe(false);
    expect(existsSync(join(out, 'gone.html'))).toBe(false);

    // Again, in-process: verified files are kept and not fetched twice.
    const again = fetchCorpus({ sources, repos, out, clone: false });
    expect(again.files.map((f) => (f.ok ? `${f.file}:${f.from}` : `${f.file}:${f.problem}`))).toEqual([
      'one.html:cache',
      'two.html:cache',
      'bad.html:mismatch',
      'gone.html:no_repo',
    ]);
  });

  it('clones a repository that has no local copy (bare, blob-less) and reports a failed clone clearly', async () => {
    const sources = corpus('clone', [
      ['one.html', 'acme/remote', '目录/页面 一.html', sha(PAGE1)],
      ['lost.html', 'acme/lost', 'b.html', sha(PAGE2)],
    ]);
    const out = join(dir, 'out-clone');
    const r = await run(['corpus', 'fetch', '--sources', sources, '--out', out], insteadOf);
    expect(r.status, r.stderr).toBe(1);
    expect(readFileSync(join(out, 'one.html'), 'utf8')).toBe(PAGE1);
    expect(git(dir, '--git-dir', join(out, '.repos', 'acme+remote'), 'config', 'core.bare')).toBe('true');
    expect(r.stderr).toContain(
      'lost.html: repository acme/lost: no --repos folder given, and cloning https://github.com/acme/lost.git failed:',
    );
    expect(existsSync(join(out, '.repos', 'acme+lost'))).toBe(false);
  });

  it('rejects a malformed SOURCES.csv or CHECKSUMS file (exit 2)', async () => {
    const bad = join(dir, 'bad-sources.csv');
    writeFileSync(
      bad,
      `file,repo,commit,path\nok.html,acme/pages,${commit},b.html\n../evil.html,acme/pages,${commit},b.html\n`,
    );
    expect(() => loadCorpusSources(bad)).toThrow(EvalInputError);
    expect(() => loadCorpusSources(bad)).toThrow(`${bad}:3 column "file": must be a plain file name`);
    writeFileSync(bad, 'file,repo,commit,path\nok.html,acme/pages,main,b.html\n');
    expect(() => loadCorpusSources(bad)).toThrow(`${bad}:2 column "commit": must be a commit hash`);
    writeFileSync(bad, 'file,repo,path\nok.html,acme/pages,b.html\n');
    expect(() => loadCorpusSources(bad)).toThrow(`${bad}:1 column "commit": missing column in header`);
    const r = await run([
      'corpus',
      'fetch',
      '--sources',
      join(dir, 'mixed', 'SOURCES.csv'),
      '--checksums',
      join(dir, 'nope.sha256'),
      '--out',
      join(dir, 'out-x'),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`cannot read checksums file ${join(dir, 'nope.sha256')}: no such file`);
  });
});
