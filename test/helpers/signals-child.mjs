// A process that registers a run with src/util/signals.ts, for test/lifecycle.test.ts.
// argv: <path of signals.ts> <mode>; mode "run" keeps the run registered, "disposed" ends it at once.
const { interruptScope } = await import(process.argv[2]);
const mode = process.argv[3];
const say = (m) => process.stdout.write(`${m}\n`);
process.once('SIGINT', () => {
  say('earlier listener ran');
  if (mode === 'disposed') process.exit(0);
});
const scope = interruptScope({
  stopping: 'test run stops',
  onForce: () => {
    say('onForce ran');
    return 'test run cleaned up';
  },
});
// What Crawlee's crawler.run() does while a run is in progress.
process.once('SIGINT', () => say('foreign listener ran'));
scope.signal.addEventListener('abort', () => say('run aborted'));
if (mode === 'disposed') scope.dispose();
setInterval(() => {}, 1000);
say('ready');
