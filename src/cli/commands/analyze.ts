import type { Command } from 'commander';
import {
  AnalyzeInputError,
  analyzePath,
  DEFAULT_MAX_BYTES,
  type FileAnalysis,
  type PageAnalysis,
  type SkippedFile,
} from '../../../indicators/analyze.js';
import { action, EXIT, printJson, reportError, UsageError } from '../common.js';

function table(a: PageAnalysis): string {
  const lines = [`${a.url}`];
  const w = Math.max(...a.indicators.map((r) => r.id.length));
  for (const r of a.indicators) {
    const mark = r.status === 'present' ? '✓' : r.status === 'absent' ? '✗' : '?';
    lines.push(`  ${mark} ${r.id.padEnd(w)}  ${r.status.padEnd(7)} ${r.confidence.toFixed(2)}  ${r.reason}`);
  }
  return lines.join('\n');
}

const UNITS: Record<string, number> = {
  '': 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
};

/** `--max-bytes`: whole bytes, or with a k/M suffix (1024-based). */
export function parseMaxBytes(v: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  const n = m && unit ? Math.floor(Number(m[1]) * unit) : NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`--max-bytes must be a size in bytes ≥ 1, e.g. 10000000 or 10M (got ${JSON.stringify(v)})`);
  return n;
}

const isSkipped = (e: FileAnalysis | SkippedFile): e is SkippedFile => 'error' in e;

export function register(program: Command): void {
  program
    .command('analyze')
    .description('run every page-level indicator on a saved HTML page (or a folder of them), offline')
    .argument('<file-or-dir>', 'a saved .html/.htm file, or a folder searched recursively')
    .option('--url <page-url>', 'the URL the page was saved from (default: its canonical/base URL, else file://)')
    .option(
      '--max-bytes <size>',
      `refuse files larger than this (bytes, or e.g. 10M; default ${DEFAULT_MAX_BYTES}, the crawler's crawl.maxBodyBytes)`,
    )
    .option(
      '--json',
      'print JSON: {url, indicators:[…]} (for a folder an array of {file, url, indicators} or {file, error} for a file skipped)',
    )
    .action(
      action((path: string, opts: { url?: string; json?: boolean; maxBytes?: string }) => {
        const maxBytes = opts.maxBytes === undefined ? DEFAULT_MAX_BYTES : parseMaxBytes(opts.maxBytes);
        let result: PageAnalysis | (FileAnalysis | SkippedFile)[];
        try {
          result = analyzePath(path, opts.url, { maxBytes });
        } catch (e) {
          if (!(e instanceof AnalyzeInputError)) throw e;
          // A file that is not a page is refused: never analysed into `absent` verdicts.
          const err = e.limit ? new AnalyzeInputError(e.file, `${e.reason} (raise it with --max-bytes)`, e.limit) : e;
          reportError(err, EXIT.badInput, !!opts.json, 'govscan analyze');
          return EXIT.badInput;
        }
        if (!Array.isArray(result)) {
          if (opts.json) return printJson(result);
          process.stdout.write(`${table(result)}\n`);
          return;
        }
        const skipped = result.filter(isSkipped);
        const pages = result.filter((e): e is FileAnalysis => !isSkipped(e));
        if (opts.json) printJson(result);
        else {
          if (pages.length) process.stdout.write(`${pages.map(table).join('\n\n')}\n`);
          for (const s of skipped) process.stderr.write(`skipped ${s.file}: ${s.error}\n`);
        }
        process.stderr.write(`${pages.length} pages analysed${skipped.length ? `, ${skipped.length} skipped` : ''}\n`);
        // A folder in which no file was a page: nothing was done.
        return skipped.length && !pages.length ? EXIT.badInput : EXIT.ok;
      }),
    );
}
