/**
 * Running a collection against the built-in fixture world: start the world on loopback,
 * point the same crawl code at it through its proxy, DNS server and CA (the only difference
 * from production), stop it afterwards. Used by `demo`, `eval` and `bench`.
 */
import { type FixtureWorld, type FixtureWorldOptions, startFixtureWorld } from '../../fixtures/index.js';
import { type Config, type ConfigInput, loadConfig } from '../config/config.js';
import type { LevelChoice, Locality } from '../types.js';
import { type CollectionResult, runCollection } from './collection.js';
import { preflightNetwork } from './preflight.js';

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

export interface FixtureCrawlArgs {
  sites: Locality[];
  /** The world's seed (default: the fixtures' own). */
  seed?: number;
  /** County sites need the world of their level (default prefecture: the 337). */
  level?: LevelChoice;
  configFile?: string;
  dbFile: string;
  logFile: string;
  showProgress: boolean;
  /** Stored with the run, next to the world's seed. */
  options: Record<string, unknown>;
}

/**
 * Crawl the given sites in a fresh fixture world, then hand the collection (its database open)
 * to `fn`; the database is closed and the world stopped afterwards.
 */
export async function crawlFixtureWorld<T>(
  a: FixtureCrawlArgs,
  fn: (r: CollectionResult, world: FixtureWorld, config: Config) => Promise<T>,
): Promise<T> {
  const world = { seed: a.seed, sites: a.sites.map((s) => s.code), ...(a.level ? { level: a.level } : {}) };
  return withFixtureWorld(world, async (world) => {
    const config = fixtureConfig(world, a.configFile);
    await preflightNetwork(config); // the world's proxy, CA file and resolver answer before the run starts
    const r = await runCollection({
      dbFile: a.dbFile,
      kind: 'crawl',
      config,
      sites: a.sites,
      showProgress: a.showProgress,
      options: { ...a.options, fixtureSeed: world.manifest.seed },
      logFile: a.logFile,
    });
    try {
      return await fn(r, world, config);
    } finally {
      r.db.close();
    }
  });
}
