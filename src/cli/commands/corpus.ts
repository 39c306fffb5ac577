import { join } from 'node:path';
import type { Command } from 'commander';
import { type CorpusFetchResult, EvalInputError, fetchCorpus } from '../../eval/corpus.js';
import { action, EXIT, OUTPUT_DIR, printJson, UsageError } from '../common.js';

interface FetchOpts {
  sources: string;
  checksums?: string;
  repos?: string;
  out: string;
  clone: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  const corpus = program
    .command('corpus')
    .description('corpora of real saved pages, published as pointers (repository, commit, path) plus checksums');
  corpus
    .command('fetch')
    .description(
      'retrieve every page listed in SOURCES.csv with `git show <commit>:<path>` and verify it against CHECKSUMS.sha256',
    )
    .requiredOption('--sources <file>', 'SOURCES.csv with columns file,repo,commit,path (repo = GitHub owner/name)')
    .option('--checksums <file>', '"sha256  file" lines (default: CHECKSUMS.sha256 beside --sources)')
    .option(
      '--repos <dir>',
      'folder of local git copies, looked up as DIR/<owner>+<name>/repo, DIR/<owner>+<name>, DIR/<owner>/<name>/.git or DIR/<owner>/<name>',
    )
    .option('--out <dir>', 'where the pages go (never commit them)', join(OUTPUT_DIR, 'realpages'))
    .option('--no-clone', 'never clone: fail the files whose repository has no local copy')
    .option('--json', 'print the per-file outcome as JSON')
    .addHelpText(
      'after',
      '\nWithout a local copy a repository is cloned from https://github.com/<owner>/<name>.git as a bare,\n' +
        'blob-less partial clone into <out>/.repos/ (needs network). Files already in --out with the right\n' +
        'checksum are kept as they are. Only files whose bytes match their checksum are written.\n' +
        '\nExit codes: 0 every file verified, 1 some file failed (the verified ones are kept), 2 bad input.\n' +
        '\nExample:\n  govscan corpus fetch --sources ../shared/realpages/SOURCES.csv --repos /work/.mirror --out output/realpages',
    )
    .action(
      action((opts: FetchOpts) => {
        let result: CorpusFetchResult;
        try {
          result = fetchCorpus({
            sources: opts.sources,
            checksums: opts.checksums,
            repos: opts.repos,
            out: opts.out,
            clone: opts.clone,
            log: opts.json ? undefined : (line) => process.stdout.write(`${line}\n`),
          });
        } catch (e) {
          if (e instanceof EvalInputError) throw new UsageError(e.message);
          throw e;
        }
        if (opts.json) printJson(result);
        else {
          process.stdout.write(`\n${result.verified} of ${result.files.length} files verified in ${result.out}\n`);
          if (result.failed)
            process.stderr.write(
              `${result.failed} failed:\n${result.files.map((f) => (f.ok ? '' : `  ${f.file}: ${f.message}\n`)).join('')}`,
            );
        }
        return result.failed ? EXIT.failed : EXIT.ok;
      }),
    );
}
