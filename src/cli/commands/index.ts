/**
 * The command list, in the order `govscan --help` shows them. Modules load lazily: only the
 * command being run is imported (crawlee, playwright and lighthouse take seconds to load),
 * so `govscan sites` or `govscan score` start quickly.
 */
import type { Command } from 'commander';

type Register = (program: Command) => void;

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Register>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: 'sites',
    summary: 'list the localities in the registry, optionally filtered',
    load: async () => (await import('./sites.js')).register,
  },
  {
    name: 'crawl',
    summary: 'collect: crawl the portals, detect indicators, store everything in SQLite (safe under cron)',
    load: async () => (await import('./crawl.js')).register,
  },
  {
    name: 'worker',
    summary: 'queue mode: take site jobs from Redis (BullMQ), crawl them, send the artifacts to the coordinator',
    load: async () => (await import('./worker.js')).register,
  },
  {
    name: 'check',
    summary: "auditor's check: crawl one site now (registry entry or any URL), print every indicator with its evidence",
    load: async () => (await import('./check.js')).register,
  },
  {
    name: 'analyze',
    summary: 'run the page-level detectors on a saved page or folder, offline',
    load: async () => (await import('./analyze.js')).register,
  },
  {
    name: 'score',
    summary: 'score a run with configurable weights (dimensions, ranks, tiers)',
    load: async () => (await import('./score.js')).register,
  },
  {
    name: 'export',
    summary: 'indicator tables as CSV/XLSX/JSON with the data dictionary',
    load: async () => (await import('./export.js')).register,
  },
  {
    name: 'report',
    summary: 'one self-contained HTML report with charts, map, table and evidence',
    load: async () => (await import('./report.js')).register,
  },
  {
    name: 'monitor',
    summary: 'availability monitoring: homepages visited on a schedule (24 a day, 15 s), restart-safe; --status',
    load: async () => (await import('./monitor.js')).register,
  },
  { name: 'runs', summary: 'list the runs in the database', load: async () => (await import('./runs.js')).register },
  {
    name: 'diff',
    summary: 'what changed per site between two runs',
    load: async () => (await import('./diff.js')).register,
  },
  {
    name: 'replay',
    summary: 're-run detection offline from stored snapshots or a bundle; compare',
    load: async () => (await import('./replay.js')).register,
  },
  {
    name: 'bundle',
    summary: "export one site's evidence bundle as one file that replays anywhere",
    load: async () => (await import('./replay.js')).register,
  },
  {
    name: 'audit',
    summary: 'browser stage: Lighthouse, axe, and verifying capabilities by using them',
    load: async () => (await import('./audit.js')).register,
  },
  {
    name: 'fixtures',
    summary: 'the simulated web of all 337 portals (loopback only), with ground truth',
    load: async () => (await import('./fixtures.js')).register,
  },
  {
    name: 'demo',
    summary: 'the main job end to end on the built-in fixture world',
    load: async () => (await import('./demo.js')).register,
  },
  {
    name: 'eval',
    summary: 'accuracy against the fixture world ground truth, or (--labels) against hand-labelled saved pages',
    load: async () => (await import('./eval.js')).register,
  },
  {
    name: 'corpus',
    summary: 'fetch a corpus of real saved pages from git (repository, commit, path) and verify checksums',
    load: async () => (await import('./corpus.js')).register,
  },
  {
    name: 'bench',
    summary: 'speed and memory benchmark on the fixture world',
    load: async () => (await import('./bench.js')).register,
  },
];
