/** Scoring: weights config, rules, scoreRun, stored scores. See README.md for the method. */
export * from './weights.js';
export * from './rules.js';
export * from './types.js';
export { scoreRun, orderSites } from './score.js';
export * from './stored.js';
export * from './resolve.js';
export * from './diff.js';
