/**
 * Running a collection against the built-in fixture world: start the world on loopback,
 * point the same crawl code at it through its proxy, DNS server and CA (the only difference
 * from production), stop it afterwards. Used by `demo`, `eval` and `bench`.
 */
import { type FixtureWorld, type FixtureWorldOptions, startFixtureWorld } from '../../fixtures/index.js';
import { type Config, type ConfigInput, loadConfig } from '../config/config.js';

export function fixtureConfig(
  world: Pick<FixtureWorld, 'proxyUrl' | 'caFile' | 'resolver'>,
  configFile?: string,
  overrides: ConfigInput = {},
): Config {
  return loadConfig(configFile, {
    ...overrides,
    network: {
      ...overrides.network,
      proxy: world.proxyUrl,
      extraCaFiles: [world.caFile],
      resolver: world.resolver,
      // The world answers on 127.0.0.1 under real names: loopback is the network here.
      allowPrivateNetworks: true,
    },
  });
}

export async function withFixtureWorld<T>(
  opts: FixtureWorldOptions,
  fn: (world: FixtureWorld) => Promise<T>,
): Promise<T> {
  const world = await startFixtureWorld(opts);
  try {
    return await fn(world);
  } finally {
    await world.close();
  }
}
