#!/usr/bin/env node
// Fresh-machine setup, plain Node (runs before any dependency exists):
//  1. npm dependencies: `npm ci` when node_modules is missing or older than package-lock.json;
//  2. Debian's chromium when /usr/bin/chromium is missing (and chromium-headless-shell for the crawl's renders),
//  3. Debian's fonts-noto-cjk when no Chinese font is installed (otherwise every screenshot of a
//     Chinese page — the audit's evidence — shows empty boxes, and Lighthouse measures fallback fonts),
//  4. Debian's redis-server when missing (the queue mode's tests and benchmark start a real one).
// System packages: apt-get as root; otherwise print the exact command and exit 2.
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
  for (const f of ['package.json', 'package-lock.json'])
    if (existsSync(join(root, f))) h.update(readFileSync(join(root, f)));
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
  writeFileSync(stampFile, `${want}\n`);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Install a Debian package with apt-get when `present()` is false; as a non-root user print the command and exit 2. */
function ensureDebianPackage({ pkg, what, missing, present, approx, hint }) {
  if (present()) return;
  const install = `apt-get update && apt-get install -y ${pkg}`;
  if (!isRoot) {
    say(`${missing} Install Debian's ${pkg} as root, then run again:\n    sudo sh -c '${install}'`);
    process.exit(2);
  }
  say(`installing Debian ${pkg} for ${what} (${install}; ${approx})…`);
  try {
    execFileSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${install}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch {
    say(`"${install}" failed. Install ${pkg} by hand and run again.`);
    process.exit(2);
  }
  if (!present()) {
    say(`${pkg} was installed but ${hint}`);
    process.exit(2);
  }
}

const chromium = process.env.GOVSCAN_CHROMIUM ?? '/usr/bin/chromium';
ensureDebianPackage({
  pkg: 'chromium',
  what: 'Chromium',
  missing: `Chromium is missing at ${chromium}.`,
  present: () => existsSync(chromium),
  approx: '~40 s',
  hint: `${chromium} does not exist; set GOVSCAN_CHROMIUM to its path.`,
});

// The crawl renders homepages in Debian's chromium-headless-shell (crawlers/chromium.ts: about half
// the CPU of full headless Chromium per render); the audit stage and Lighthouse keep full Chromium.
const headlessShell = process.env.GOVSCAN_HEADLESS_SHELL ?? '/usr/lib/chromium/chromium-headless-shell';
ensureDebianPackage({
  pkg: 'chromium-headless-shell',
  what: "the crawl's homepage renders",
  missing: `chromium-headless-shell is missing at ${headlessShell}.`,
  present: () => existsSync(headlessShell),
  approx: '~20 s',
  hint: `${headlessShell} does not exist; set network.headlessShellPath in the config to its path.`,
});

const NOTO_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
/** Any font fontconfig knows for Chinese will do (Noto CJK, WenQuanYi …); Chromium finds fonts through fontconfig. */
function hasChineseFont() {
  if (existsSync(NOTO_CJK)) return true;
  try {
    return (
      execFileSync('fc-list', [':lang=zh', 'family'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() !== ''
    );
  } catch {
    return false; // no fontconfig: nothing would find the font anyway
  }
}
ensureDebianPackage({
  pkg: 'fonts-noto-cjk',
  what: 'Chinese text in screenshots and Lighthouse',
  missing: `No Chinese font is installed (no ${NOTO_CJK}, and "fc-list :lang=zh" lists none): screenshots of Chinese pages would show empty boxes.`,
  present: hasChineseFont,
  approx: '~10 s, ~90 MB',
  hint: `neither ${NOTO_CJK} exists nor does "fc-list :lang=zh" list a font.`,
});

// Redis for the queue mode (`govscan crawl --queue`, `govscan worker`): its test and benchmark start a
// real redis-server on loopback (src/queue/redis-server.ts), so the test suite needs it too.
const redisServer = process.env.GOVSCAN_REDIS_SERVER ?? '/usr/bin/redis-server';
ensureDebianPackage({
  pkg: 'redis-server',
  what: 'the queue mode (BullMQ on Redis) and its tests',
  missing: `redis-server is missing at ${redisServer}.`,
  present: () => existsSync(redisServer),
  approx: '~5 s, ~10 MB',
  hint: `${redisServer} does not exist; set GOVSCAN_REDIS_SERVER to its path.`,
});
