/**
 * Agreement between a detector and a human coder on one 0/1 label: the 2x2 confusion table,
 * precision, recall, F1 and Cohen's kappa. Pure functions, no I/O.
 *
 * Degenerate cases get a defined value and a note, so that a report never shows NaN:
 *   - no positive predictions: precision is 1 when there are also no positives, else 0;
 *   - no positives: recall is 1;
 *   - both raters constant and in agreement (expected agreement = 1): kappa is 1.
 */

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Agreement extends Confusion {
  n: number;
  /** Pages the coder labelled 1. */
  positives: number;
  /** Pages the detector called present. */
  predictedPositives: number;
  precision: number;
  recall: number;
  f1: number;
  kappa: number;
  /** Observed agreement (TP+TN)/n. */
  observed: number;
  /** Agreement expected by chance from the two raters' marginals. */
  chance: number;
  /** One sentence per degenerate case, naming the value it was given. */
  degenerate: string[];
}

export function confusion(pairs: Iterable<{ expected: boolean; predicted: boolean }>): Confusion {
  const c: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const { expected, predicted } of pairs) {
    if (expected && predicted) c.tp++;
    else if (!expected && predicted) c.fp++;
    else if (expected && !predicted) c.fn++;
    else c.tn++;
  }
  return c;
}

/**
 * Cohen's kappa for two raters and two categories: (po − pe) / (1 − pe), where po is the
 * observed agreement and pe the agreement expected by chance from each rater's share of 1s.
 */
export function cohenKappa(c: Confusion): { kappa: number; observed: number; chance: number; degenerate?: string } {
  const n = c.tp + c.fp + c.fn + c.tn;
  if (n === 0) return { kappa: 1, observed: 1, chance: 1, degenerate: 'no pages: kappa taken as 1' };
  const observed = (c.tp + c.tn) / n;
  const coderYes = (c.tp + c.fn) / n;
  const detectorYes = (c.tp + c.fp) / n;
  const chance = coderYes * detectorYes + (1 - coderYes) * (1 - detectorYes);
  // pe = 1 only when both raters give the same single answer on every page (then po = 1 too).
  if (Math.abs(1 - chance) < 1e-12)
    return {
      kappa: 1,
      observed,
      chance: 1,
      degenerate: 'both raters constant and agree on every page: kappa taken as 1',
    };
  return { kappa: (observed - chance) / (1 - chance), observed, chance };
}

export function agreement(c: Confusion): Agreement {
  const n = c.tp + c.fp + c.fn + c.tn;
  const positives = c.tp + c.fn;
  const predictedPositives = c.tp + c.fp;
  const degenerate: string[] = [];
  let precision: number;
  if (predictedPositives) precision = c.tp / predictedPositives;
  else if (positives) {
    precision = 0;
    degenerate.push('no positive predictions although the label has positives: precision taken as 0');
  } else {
    precision = 1;
    degenerate.push('no positive predictions and no positives: precision taken as 1');
  }
  let recall: number;
  if (positives) recall = c.tp / positives;
  else {
    recall = 1;
    degenerate.push('no positives: recall taken as 1');
  }
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const k = cohenKappa(c);
  if (k.degenerate) degenerate.push(k.degenerate);
  return {
    ...c,
    n,
    positives,
    predictedPositives,
    precision,
    recall,
    f1,
    kappa: k.kappa,
    observed: k.observed,
    chance: k.chance,
    degenerate,
  };
}
