#!/usr/bin/env node
// Fresh-machine setup, plain Node (runs before any dependency exists):
//  1. npm dependencies: `npm ci` when node_modules is missing or older than package-lock.json;
//  2. Debian's chromium when /usr/bin/chromium is missing (apt-get as root; otherwise print the command).
// Idempotent and quick when everything is in place, so `npm run demo` / `npm test` call it every time.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const say = (m) => process.stderr.write(`[setup] ${m}\n`);

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 11)) {
  say(`Node ${process.versions.node} is too old: govscan needs Node 20.11+ (Node 22 works too).`);
  process.exit(1);
}

function depsStamp() {
  const h = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) if (existsSync(join(root, f))) h.update(readFileSync(join(root, f)));
  h.update(process.version);
  return h.digest('hex');
}

const stampFile = join(root, 'node_modules', '.govscan-deps-stamp');
const want = depsStamp();
const have = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
if (want !== have || !existsSync(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release'))) {
  const cmd = existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install';
  say(`installing npm dependencies (npm ${cmd}; better-sqlite3 compiles from source, ~2 min)…`);
  const r = spawnSync('npm', [cmd, '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    // better-sqlite3 would try to download a prebuilt binary; only the npm registry is reachable.
    env: { ...process.env, npm_config_build_from_source: 'true' },
  });
  if (r.status !== 0) {
    say(`npm ${cmd} failed (exit ${r.status}). Fix the error above and run again.`);
    process.exit(r.status ?? 1);
  }
  writeFileSync(stampFile, want + '\n');
}

const chromium = process.env.GOVSCAN_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const install = 'apt-get update && apt-get install -y chromium';
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    say(`Chromium is missing at ${chromium}. Install Debian's package as root, then run again:\n    sudo sh -c '${install}'`);
    process.exit(2);
  }
  say(`installing Debian chromium (${install}; ~40 s)…`);
  try {
    execFileSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${install}`], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    say(`"${install}" failed. Install chromium by hand and run again.`);
    process.exit(2);
  }
  if (!existsSync(chromium)) {
    say(`chromium was installed but ${chromium} does not exist; set GOVSCAN_CHROMIUM to its path.`);
    process.exit(2);
  }
}
