// govscan command lines against the fixture world (fixtures/index.ts), for tests that spawn the CLI.
import type { FixtureWorld } from '../../fixtures/index.js';

type WorldNet = Pick<FixtureWorld, 'proxyUrl' | 'caFile' | 'resolver'>;

/** The network flags the world needs, as argv (`worldFlags` in src/cli/commands/fixtures.ts prints them as a line). */
export function worldNetArgs(world: WorldNet): string[] {
  return ['--proxy', world.proxyUrl, '--ca-file', world.caFile, '--resolver', world.resolver, '--allow-private'];
}

/** `crawl` of the first `limit` sites of province 510 in the world, into `db`, without a progress bar. */
export function worldCrawlArgs(
  world: WorldNet,
  o: { db: string; config: string; limit: number; extra?: string[] },
): string[] {
  return [
    'crawl',
    ...['--db', o.db, '--code', '510', '--limit', String(o.limit), '--config', o.config],
    ...worldNetArgs(world),
    '--no-progress',
    ...(o.extra ?? []),
  ];
}
