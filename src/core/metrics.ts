/**
 * Scores as the paper reports them: micro-averaged precision, recall and F1 over sets of items
 * (entity pairs, relation triples, document labels), and accuracy. Fractions here; callers scale.
 */

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** True positives, false positives and false negatives of one predicted set against one gold set. */
export function countSets(gold: Iterable<string>, predicted: Iterable<string>): Counts {
  const g = new Set(gold);
  const p = new Set(predicted);
  let tp = 0;
  for (const item of p) if (g.has(item)) tp++;
  return { tp, fp: p.size - tp, fn: g.size - tp };
}

/** Adds counts. */
export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

/**
 * Precision, recall and F1 from counts. An empty denominator gives 0, except that predicting nothing
 * when there is nothing to find is perfect (1).
 */
export function prf({ tp, fp, fn }: Counts): Prf {
  if (tp + fp + fn === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** Micro-averaged P/R/F1 over documents: counts are summed before the ratios are taken. */
export function microPrf(docs: Iterable<{ gold: Iterable<string>; predicted: Iterable<string> }>): Counts & Prf {
  let total: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const d of docs) total = addCounts(total, countSets(d.gold, d.predicted));
  return { ...total, ...prf(total) };
}

/** Share of correct answers; 0 for no questions. */
export function accuracy(correct: number, n: number): number {
  return n ? correct / n : 0;
}

/** A fraction as a percentage with float noise removed (0.1 + 0.2 style). */
export function percent(fraction: number): number {
  return Math.round(fraction * 100 * 1e6) / 1e6;
}
