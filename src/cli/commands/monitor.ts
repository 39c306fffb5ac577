import { join } from 'node:path';
import type { Command } from 'commander';
import { SimulatedClock, systemClock } from '../../monitor/clock.js';
import { runMonitor } from '../../monitor/run.js';
import { monitorStatus, type SiteMonitorStatus } from '../../monitor/status.js';
import { loadLevel } from '../../registry/counties.js';
import { filterLocalities } from '../../registry/registry.js';
import { openDb } from '../../store/db.js';
import { guardDb } from '../../store/errors.js';
import { acquireLock } from '../../util/lock.js';
import { fileLogger } from '../../util/log.js';
import { interruptScope } from '../../util/signals.js';
import {
  action,
  addNetworkOptions,
  addSiteFilterOptions,
  configFrom,
  DEFAULT_DB,
  EXIT,
  type NetworkOptions,
  OUTPUT_DIR,
  printJson,
  UsageError,
} from '../common.js';
import { addCountiesOption, addLevelOptions, checkedLevel, type LevelOptions } from '../level.js';
import { checkedConfigFrom } from '../preflight.js';
import { openExistingDb } from './scoring-common.js';

interface MonitorOpts extends NetworkOptions, LevelOptions {
  counties?: string;
  province?: string;
  kind?: string;
  code?: string;
  name?: string;
  registry: string;
  config?: string;
  db: string;
  hours?: string;
  simulateDays?: string;
  simulateStart?: string;
  simulateUntil?: string;
  log?: string;
  status?: boolean;
  json?: boolean;
}

const positive = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`${name} must be a positive number (got "${v}")`);
  return n;
};

/** The newest unexpected change, for a person to look at: `<n>× …, newest <time>: <what>`. */
const unexpectedCell = (r: SiteMonitorStatus): string =>
  r.lastUnexpected ? `${r.unexpectedChanges}× newest ${r.lastUnexpected.at}: ${r.lastUnexpected.change}` : '—';

const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export function register(program: Command): void {
  const cmd = addCountiesOption(addLevelOptions(addSiteFilterOptions(program.command('monitor')), 'portals'))
    .description(
      'availability monitoring: visit every homepage on a schedule (config `monitor`: 24 a day, failed when not open within 15 s), store each visit in SQLite; runs until stopped (systemd) or for --hours (cron/timer); safe to kill and restart',
    )
    .option('--config <file>', 'config JSON (the `monitor` section, network.vantage, proxy)')
    .option('--db <file>', 'SQLite database', DEFAULT_DB)
    .option('--hours <n>', 'stop after this many hours (default: run until stopped)')
    .option('--log <file>', 'JSON-lines log file (default output/logs/monitor-DATE.log)')
    .option(
      '--simulate-days <n>',
      'bench/demo: run n days of slots on a simulated clock (real requests, no waiting), then exit; use a scratch --db',
    )
    .option(
      '--simulate-start <iso>',
      'with --simulate-days/--simulate-until: the simulated clock starts here (default now); a restart after a kill passes a later start to continue the same timeline',
    )
    .option('--simulate-until <iso>', 'like --simulate-days, but run the simulated clock up to this time')
    .option('--status', 'read-only: per monitored site the last visit, the window failure share and the veto')
    .option('--json', 'print JSON (the status, or the outcome of a run)');
  addNetworkOptions(cmd).action(
    action(async (opts: MonitorOpts) => {
      if (opts.status) {
        printStatus(opts);
        return EXIT.ok;
      }
      const config = await checkedConfigFrom(opts);
      const registry = loadLevel(checkedLevel(opts), { registry: opts.registry, counties: opts.counties });
      const sites = filterLocalities(registry, opts);
      if (!sites.length) throw new UsageError('no site matches the filters');
      const hours = positive(opts.hours, '--hours');
      const sim = simulation(opts);
      const clock = sim ? new SimulatedClock(sim.startMs) : systemClock;
      const untilMs = sim ? sim.untilMs : hours !== undefined ? clock.now() + hours * 3_600_000 : undefined;
      const release = acquireLock(`${opts.db}.monitor.lock`); // one monitor per database
      const db = openDb(opts.db);
      const interrupt = interruptScope({
        stopping: 'visits in flight are not recorded; the next start visits or marks their slots',
        onForce: () => {
          release();
          return `lock ${opts.db}.monitor.lock released`;
        },
      });
      const { httpProber } = await import('../../monitor/probe.js'); // Crawlee loads only when probing
      const prober = httpProber(config, interrupt.signal);
      try {
        process.stderr.write(`monitoring ${sites.length} sites into ${opts.db} (vantage ${config.network.vantage})\n`);
        const out = await runMonitor({
          db,
          sites,
          config,
          prober,
          signal: interrupt.signal,
          clock,
          ...(untilMs !== undefined ? { untilMs } : {}),
          log: fileLogger(opts.log ?? join(OUTPUT_DIR, 'logs', `monitor-${new Date().toISOString().slice(0, 10)}.log`)),
        });
        if (opts.json) printJson(out);
        process.stderr.write(`${out.visits} visits (${out.failures} failed), ${out.notRun} slots not run\n`);
        return out.stopped ? EXIT.interrupted : EXIT.ok;
      } finally {
        await prober.close();
        db.close();
        interrupt.dispose();
        release();
      }
    }),
  );
}

const instant = (v: string, name: string): number => {
  const t = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(t)) throw new UsageError(`${name} must be an ISO 8601 time or ms since epoch (got "${v}")`);
  return t;
};

/** The simulated timeline (bench, demo, restart tests), or undefined for the wall clock. */
function simulation(opts: MonitorOpts): { startMs: number; untilMs: number } | undefined {
  const days = positive(opts.simulateDays, '--simulate-days');
  if (days === undefined && opts.simulateUntil === undefined) {
    if (opts.simulateStart !== undefined)
      throw new UsageError('--simulate-start needs --simulate-days or --simulate-until');
    return undefined;
  }
  if (days !== undefined && opts.simulateUntil !== undefined)
    throw new UsageError('give --simulate-days or --simulate-until, not both');
  if (opts.hours !== undefined) throw new UsageError('--hours is for the wall clock; simulate with --simulate-days');
  const startMs = opts.simulateStart === undefined ? Date.now() : instant(opts.simulateStart, '--simulate-start');
  const untilMs =
    opts.simulateUntil === undefined
      ? startMs + Math.round(days! * 86_400_000)
      : instant(opts.simulateUntil, '--simulate-until');
  if (untilMs <= startMs) throw new UsageError('--simulate-until must be after the simulated start');
  return { startMs, untilMs };
}

function printStatus(opts: MonitorOpts): void {
  const config = configFrom(opts);
  const db = openExistingDb(opts.db);
  try {
    const rows = guardDb(opts.db, 'reading the monitor', true, () => [
      ...monitorStatus(db, Date.now(), config.monitor),
    ]);
    if (opts.json) {
      printJson(rows);
      return;
    }
    process.stdout.write(
      `${['code', 'name', 'last visit', 'outcome', 'visits', 'failed', 'share', 'veto', 'news days', 'unexpected change'].join('\t')}\n`,
    );
    for (const r of rows)
      process.stdout.write(
        `${[r.code, r.name, r.lastVisit?.at ?? '—', r.lastVisit?.outcome ?? '—', r.visits, r.failures, pct(r.failureShare), r.veto === null ? 'unknown' : r.veto ? 'VETO' : 'ok', r.newHeadlineDays ?? '—', unexpectedCell(r)].join('\t')}\n`,
      );
    const flagged = rows.filter((r) => r.unexpectedChanges);
    if (flagged.length)
      process.stderr.write(
        `${flagged.length} sites changed unexpectedly (placeholder, block page): look at ${flagged.map((r) => r.code).join(', ')}\n`,
      );
    process.stderr.write(
      rows.length
        ? `${rows.length} monitored sites; window ${config.monitor.windowDays} days, veto at ${pct(config.monitor.vetoFailureShare)} with ≥ ${config.monitor.minVisits} visits\n`
        : `no monitored sites in ${opts.db}: run \`govscan monitor\`\n`,
    );
  } finally {
    db.close();
  }
}
