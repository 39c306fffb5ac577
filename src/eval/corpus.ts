/**
 * `govscan corpus fetch`: rebuild a corpus of real pages that is published as pointers
 * (SOURCES.csv: file, repo, commit, path, …) plus checksums, by printing each file from its
 * git repository at the pinned commit and checking its SHA-256.
 *
 * Git directories come from a local folder of copies (--repos) or, failing that, from a bare,
 * blob-less partial clone of https://github.com/<owner>/<name>.git kept in <out>/.repos/.
 * git is always spawned with an argument array (paths may hold Chinese characters and spaces).
 * Only files whose bytes match their checksum are written; a failure is reported per file.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findLocalGitDir, git, gitError, localCandidates } from './corpus-git.js';
import { checkFileName, EvalInputError, readCsv, where } from './csv.js';

export { findLocalGitDir, type GitRun, git, localCandidates } from './corpus-git.js';
export { EvalInputError };

export interface CorpusEntry {
  file: string;
  line: number;
  repo: string;
  owner: string;
  name: string;
  commit: string;
  path: string;
}

const REQUIRED = ['file', 'repo', 'commit', 'path'] as const;
const REPO_RE = /^([A-Za-z0-9][A-Za-z0-9_.-]*)\/([A-Za-z0-9][A-Za-z0-9_.-]*?)(?:\.git)?$/;

export function loadCorpusSources(path: string): CorpusEntry[] {
  const { header, rows } = readCsv(path, 'sources file');
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length)
    throw new EvalInputError(
      `${where(path, 1, missing.join(', '))}: missing column in header (a corpus sources file needs ${REQUIRED.join(', ')})`,
    );
  if (!rows.length) throw new EvalInputError(`${path}: lists no files`);
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const cell = (c: string) => (r.cells[header.indexOf(c)] ?? '').trim();
    const file = checkFileName(cell('file'), path, r.line);
    if (seen.has(file))
      throw new EvalInputError(
        `${where(path, r.line, 'file')}: ${file} is listed twice (also on line ${seen.get(file)})`,
      );
    seen.set(file, r.line);
    const m = REPO_RE.exec(cell('repo'));
    if (!m || m[2] === '..' || m[2] === '.')
      throw new EvalInputError(
        `${where(path, r.line, 'repo')}: must be a GitHub repository as owner/name (got ${JSON.stringify(cell('repo'))})`,
      );
    const commit = cell('commit');
    if (!/^[0-9a-f]{7,64}$/i.test(commit))
      throw new EvalInputError(
        `${where(path, r.line, 'commit')}: must be a commit hash (7 to 64 hex digits; got ${JSON.stringify(commit)})`,
      );
    const p = cell('path');
    if (!p) throw new EvalInputError(`${where(path, r.line, 'path')}: empty path`);
    return { file, line: r.line, repo: `${m[1]}/${m[2]}`, owner: m[1]!, name: m[2]!, commit, path: p };
  });
}

/** `sha256  filename` lines (also `sha256 *filename`, as sha256sum -b writes). */
export function loadChecksums(path: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new EvalInputError(
      `cannot read checksums file ${path}: ${code === 'ENOENT' ? 'no such file (give --checksums FILE)' : (e as Error).message}`,
    );
  }
  const sums = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
    if (!m)
      throw new EvalInputError(
        `${path}:${i + 1}: expected "<sha256>  <file name>" (got ${JSON.stringify(line.slice(0, 80))})`,
      );
    sums.set(m[2]!, m[1]!.toLowerCase());
  });
  return sums;
}

export type FileOutcome =
  | {
      file: string;
      repo: string;
      commit: string;
      path: string;
      ok: true;
      sha256: string;
      bytes: number;
      from: 'git' | 'cache';
      gitDir?: string;
    }
  | {
      file: string;
      repo: string;
      commit: string;
      path: string;
      ok: false;
      problem: 'no_repo' | 'git_show' | 'no_checksum' | 'mismatch';
      message: string;
      gitDir?: string;
    };

export interface CorpusFetchOptions {
  sources: string;
  /** Default: CHECKSUMS.sha256 beside the sources file. */
  checksums?: string;
  /** Folder of local git copies. */
  repos?: string;
  out: string;
  /** Clone repositories that have no local copy (default true). */
  clone?: boolean;
  /** Progress lines (one per file). */
  log?: (line: string) => void;
}

export interface CorpusFetchResult {
  sources: string;
  checksums: string;
  out: string;
  files: FileOutcome[];
  verified: number;
  failed: number;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function fetchCorpus(opts: CorpusFetchOptions): CorpusFetchResult {
  const entries = loadCorpusSources(opts.sources);
  const checksumsPath = opts.checksums ?? join(dirname(opts.sources), 'CHECKSUMS.sha256');
  const sums = loadChecksums(checksumsPath);
  if (opts.repos && !existsSync(opts.repos)) throw new EvalInputError(`--repos ${opts.repos}: no such folder`);
  mkdirSync(opts.out, { recursive: true });
  const cloneDir = join(opts.out, '.repos');
  const log = opts.log ?? (() => {});

  // One git directory (or one failure) per repository.
  const gitDirs = new Map<string, { dir?: string; error?: string }>();
  const gitDirFor = (e: CorpusEntry) => {
    const known = gitDirs.get(e.repo);
    if (known) return known;
    let found: { dir?: string; error?: string };
    const local =
      (opts.repos && findLocalGitDir(opts.repos, e.owner, e.name)) || findLocalGitDir(cloneDir, e.owner, e.name);
    if (local) found = { dir: local };
    else {
      const looked = opts.repos
        ? `no local copy under --repos ${opts.repos} (looked for ${localCandidates(opts.repos, e.owner, e.name).join(', ')})`
        : 'no --repos folder given';
      if (opts.clone === false) found = { error: `${looked}; cloning is off (--no-clone)` };
      else {
        const url = `https://github.com/${e.owner}/${e.name}.git`;
        const target = join(cloneDir, `${e.owner}+${e.name}`);
        mkdirSync(cloneDir, { recursive: true });
        rmSync(target, { recursive: true, force: true });
        log(`cloning ${url} (bare, blob-less) into ${target} …`);
        const r = git(['clone', '--quiet', '--bare', '--filter=blob:none', '--', url, target], 30 * 60_000);
        if (r.ok) found = { dir: target };
        else {
          rmSync(target, { recursive: true, force: true });
          found = {
            error: `${looked}, and cloning ${url} failed: ${gitError(r.stderr) || 'git clone failed'} (without network, put a copy under --repos DIR)`,
          };
        }
      }
    }
    gitDirs.set(e.repo, found);
    return found;
  };

  const files: FileOutcome[] = [];
  for (const e of entries) {
    const base = { file: e.file, repo: e.repo, commit: e.commit, path: e.path };
    const dest = join(opts.out, e.file);
    const want = sums.get(e.file);
    const fail = (problem: Extract<FileOutcome, { ok: false }>['problem'], message: string, gitDir?: string) => {
      // Nothing unverified stays in the cache under the file's name.
      rmSync(dest, { force: true });
      const o: FileOutcome = { ...base, ok: false, problem, message, ...(gitDir ? { gitDir } : {}) };
      files.push(o);
      log(`✗ ${e.file}: ${message}`);
    };
    if (!want) {
      fail('no_checksum', `no checksum for it in ${checksumsPath}`);
      continue;
    }
    // Already fetched and intact: nothing to do.
    if (existsSync(dest)) {
      const have = readFileSync(dest);
      if (sha256(have) === want) {
        files.push({ ...base, ok: true, sha256: want, bytes: have.length, from: 'cache' });
        log(`✓ ${e.file} (already present, checksum ok)`);
        continue;
      }
    }
    const g = gitDirFor(e);
    if (!g.dir) {
      fail('no_repo', `repository ${e.repo}: ${g.error}`);
      continue;
    }
    const r = git(['--git-dir', g.dir, 'show', `${e.commit}:${e.path}`]);
    if (!r.ok) {
      fail(
        'git_show',
        `git show ${e.commit.slice(0, 12)}:${e.path} in ${g.dir} failed: ${gitError(r.stderr) || 'no output'}`,
        g.dir,
      );
      continue;
    }
    const got = sha256(r.stdout);
    if (got !== want) {
      fail(
        'mismatch',
        `checksum mismatch: ${e.repo}@${e.commit.slice(0, 12)}:${e.path} has sha256 ${got}, ${checksumsPath} expects ${want}; not kept`,
        g.dir,
      );
      continue;
    }
    const tmp = `${dest}.part`;
    writeFileSync(tmp, r.stdout);
    renameSync(tmp, dest);
    files.push({ ...base, ok: true, sha256: got, bytes: r.stdout.length, from: 'git', gitDir: g.dir });
    log(`✓ ${e.file} (${r.stdout.length} bytes, ${e.repo}@${e.commit.slice(0, 12)}:${e.path})`);
  }
  const verified = files.filter((f) => f.ok).length;
  return {
    sources: opts.sources,
    checksums: checksumsPath,
    out: opts.out,
    files,
    verified,
    failed: files.length - verified,
  };
}
