/** Scoring: weights config, rules, scoreRun, stored scores. See README.md for the method. */

export * from './diff.js';
export * from './resolve.js';
export * from './rules.js';
export { orderSites, scoreRun } from './score.js';
export * from './stored.js';
export * from './types.js';
export * from './weights.js';
