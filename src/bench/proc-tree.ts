/**
 * Resource use of a whole process tree (govscan + its Chromium children), read from /proc:
 * PSS (proportional set size — shared pages counted once across processes, the honest total
 * for a browser with many processes), RSS summed, and CPU time.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface TreeSample {
  pssBytes: number;
  rssBytes: number;
  /** utime+stime of live processes in the tree plus their reaped children, ms. */
  cpuMs: number;
  processes: number;
}

const CLK_TCK = 100; // Linux USER_HZ; sysconf(_SC_CLK_TCK) is 100 on every mainstream kernel

function readStat(pid: number): { ppid: number; cpuTicks: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name, which may itself contain spaces and parens.
    const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(rest[1]);
    const [utime, stime, cutime, cstime] = [rest[11], rest[12], rest[13], rest[14]].map(Number);
    return { ppid, cpuTicks: utime! + stime! + cutime! + cstime! };
  } catch {
    return undefined; // the process exited between listing and reading
  }
}

function readMem(pid: number): { pss: number; rss: number } {
  try {
    const s = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? 0) * 1024;
    return { pss: kb('Pss'), rss: kb('Rss') };
  } catch {
    return { pss: 0, rss: 0 };
  }
}

export function treePids(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const st = readStat(pid);
    if (!st) continue;
    const list = children.get(st.ppid) ?? [];
    list.push(pid);
    children.set(st.ppid, list);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    out.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return out;
}

export function sampleTree(root: number): TreeSample {
  const pids = treePids(root);
  let pss = 0;
  let rss = 0;
  let ticks = 0;
  for (const pid of pids) {
    const m = readMem(pid);
    pss += m.pss;
    rss += m.rss;
    ticks += readStat(pid)?.cpuTicks ?? 0;
  }
  return { pssBytes: pss, rssBytes: rss, cpuMs: (ticks * 1000) / CLK_TCK, processes: pids.length };
}

/** Sample a tree periodically; `stop()` returns the peaks and the last CPU reading. */
export function watchTree(
  root: number,
  everyMs = 1000,
): { stop(): { peakPss: number; peakRss: number; cpuMs: number; peakProcesses: number } } {
  let peakPss = 0;
  let peakRss = 0;
  let peakProcesses = 0;
  let cpuMs = 0;
  const tick = () => {
    const s = sampleTree(root);
    peakPss = Math.max(peakPss, s.pssBytes);
    peakRss = Math.max(peakRss, s.rssBytes);
    peakProcesses = Math.max(peakProcesses, s.processes);
    cpuMs = Math.max(cpuMs, s.cpuMs);
  };
  tick();
  const t = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(t);
      tick();
      return { peakPss, peakRss, cpuMs, peakProcesses };
    },
  };
}
