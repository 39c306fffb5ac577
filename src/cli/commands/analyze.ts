import type { Command } from 'commander';
import { AnalyzeInputError, analyzePath, type PageAnalysis } from '../../../indicators/index.js';
import { action, EXIT, printJson } from '../common.js';

function table(a: PageAnalysis): string {
  const lines = [`${a.url}`];
  const w = Math.max(...a.indicators.map((r) => r.id.length));
  for (const r of a.indicators) {
    const mark = r.status === 'present' ? '✓' : r.status === 'absent' ? '✗' : '?';
    lines.push(`  ${mark} ${r.id.padEnd(w)}  ${r.status.padEnd(7)} ${r.confidence.toFixed(2)}  ${r.reason}`);
  }
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('analyze')
    .description('run every page-level indicator on a saved HTML page (or a folder of them), offline')
    .argument('<file-or-dir>', 'a saved .html/.htm file, or a folder searched recursively')
    .option('--url <page-url>', 'the URL the page was saved from (default: its canonical/base URL, else file://)')
    .option('--json', 'print JSON: {url, indicators:[…]} (an array of those for a folder)')
    .action(
      action((path: string, opts: { url?: string; json?: boolean }) => {
        let result: PageAnalysis | PageAnalysis[];
        try {
          result = analyzePath(path, opts.url);
        } catch (e) {
          if (e instanceof AnalyzeInputError) {
            process.stderr.write(`govscan analyze: ${e.message}\n`);
            return EXIT.badInput;
          }
          throw e;
        }
        if (opts.json) return printJson(result);
        const list = Array.isArray(result) ? result : [result];
        process.stdout.write(list.map(table).join('\n\n') + '\n');
        if (Array.isArray(result)) process.stderr.write(`${list.length} pages analysed\n`);
      }),
    );
}
