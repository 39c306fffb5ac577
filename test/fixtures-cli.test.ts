// `govscan fixtures serve` prints the exact commands that use the world: they must parse with the
// real crawl / check / audit commands and carry every network flag the world needs.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { register as registerAudit } from '../src/cli/commands/audit.js';
import { register as registerCheck } from '../src/cli/commands/check.js';
import { register as registerCrawl } from '../src/cli/commands/crawl.js';
import { serveBanner, worldFlags } from '../src/cli/commands/fixtures.js';
import { configFrom, type NetworkOptions } from '../src/cli/common.js';

const world = {
  proxyUrl: 'http://127.0.0.1:41234',
  resolver: '127.0.0.1:41235',
  caFile: '/tmp/govscan-fixture-ca/20261122/ca.pem',
  manifest: {
    seed: 20261122,
    asOf: '2026-11-22T00:00:00.000Z',
    sites: [{ code: '510100', hostile: undefined }],
    extraHosts: [],
  },
} as unknown as Parameters<typeof serveBanner>[0];

/** Parse a printed `govscan …` line with the real command definitions; returns the options the action would get. */
async function parse(line: string): Promise<{ name: string; args: string[]; opts: NetworkOptions }> {
  const program = new Command('govscan').exitOverride();
  for (const register of [registerCrawl, registerCheck, registerAudit]) register(program);
  let got: { name: string; args: string[]; opts: NetworkOptions } | undefined;
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.action(() => {
      got = { name: cmd.name(), args: cmd.args, opts: cmd.opts() as NetworkOptions };
    });
  }
  const argv = line.trim().split(/\s+/);
  expect(argv[0]).toBe('govscan');
  await program.parseAsync(argv.slice(1), { from: 'user' });
  return got!;
}

describe('fixtures serve banner', () => {
  it('prints the exact crawl and check command lines', () => {
    const out = serveBanner(world);
    const flags = `--proxy ${world.proxyUrl} --ca-file ${world.caFile} --resolver ${world.resolver} --allow-private`;
    expect(worldFlags(world)).toBe(flags);
    expect(out).toContain(`\n  govscan crawl ${flags}\n`);
    expect(out).toContain(`\n  govscan check 510100 ${flags}\n`);
    expect(out).not.toContain('…');
  });
  it('the printed lines parse with the real commands into the network config the world needs', async () => {
    const lines = serveBanner(world)
      .split('\n')
      .filter((l) => l.trim().startsWith('govscan '));
    expect(lines.length).toBe(2);
    lines.push(`govscan audit ${worldFlags(world)}`); // the same flags work for audit
    for (const line of lines) {
      const { name, args, opts } = await parse(line);
      if (name === 'check') expect(args).toEqual(['510100']);
      expect(opts, line).toMatchObject({
        proxy: world.proxyUrl,
        caFile: [world.caFile],
        resolver: world.resolver,
        allowPrivate: true,
      });
      const net = configFrom(opts).network;
      expect(net).toMatchObject({
        proxy: world.proxyUrl,
        extraCaFiles: [world.caFile],
        resolver: world.resolver,
        allowPrivateNetworks: true,
      });
    }
  });
});
