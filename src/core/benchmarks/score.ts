/**
 * Scoring model outputs against benchmark gold the way the paper does: micro-F1 over unique items per
 * document for NER, RE and classification; accuracy for QA. Missing predictions count as empty answers.
 */
import { accuracy, microPrf, percent, prf } from '../metrics.ts';
import type { Counts } from '../metrics.ts';
import { entityKey, relationKey } from '../text.ts';
import type { BenchmarkDataset, BenchmarkExample, DatasetName, Gold, Metric } from './types.ts';

/** Per-type figures of an F1 metric, as percentages, with the counts behind them. */
export interface F1Detail {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Per-answer figures of an accuracy metric (keyed by the gold answer). */
export interface AccuracyDetail {
  n: number;
  correct: number;
  accuracy: number;
}

export interface BenchmarkMetrics {
  dataset: DatasetName;
  metric: Metric;
  /** Percent, like the paper's table. */
  score: number;
  /** Micro precision; for accuracy, the share of answered questions that were right. */
  precision: number;
  /** Micro recall; for accuracy, equal to the score. */
  recall: number;
  /** Examples scored. */
  n: number;
  per_type: Record<string, F1Detail | AccuracyDetail>;
  /** Examples without a prediction; they count as wrong. */
  missing: number;
  /** Up to 100 of their ids. */
  missing_ids: string[];
}

/** The items of a gold or predicted value, keyed with their type for per-type figures. */
function items(gold: Gold): { key: string; type: string }[] {
  if ('entities' in gold) return gold.entities.map((e) => ({ key: entityKey(e), type: e.type }));
  if ('relations' in gold) return gold.relations.map((r) => ({ key: relationKey(r), type: r.type }));
  if ('labels' in gold) return gold.labels.map((l) => ({ key: l, type: l }));
  return [];
}

function f1Metrics(examples: readonly BenchmarkExample[], predicted: readonly Gold[]) {
  const perType = new Map<string, Counts>();
  const bump = (type: string, field: keyof Counts) => {
    const c = perType.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    c[field]++;
    perType.set(type, c);
  };
  const docs = examples.map((ex, i) => {
    const gold = items(ex.gold);
    const pred = items(predicted[i]);
    const goldKeys = new Set(gold.map((g) => g.key));
    const predKeys = new Set(pred.map((p) => p.key));
    for (const g of new Map(gold.map((x) => [x.key, x])).values()) bump(g.type, predKeys.has(g.key) ? 'tp' : 'fn');
    for (const p of new Map(pred.map((x) => [x.key, x])).values()) if (!goldKeys.has(p.key)) bump(p.type, 'fp');
    return { gold: goldKeys, predicted: predKeys };
  });
  const total = microPrf(docs);
  const per_type: Record<string, F1Detail> = {};
  for (const [type, c] of [...perType].sort(([a], [b]) => a.localeCompare(b))) {
    const r = prf(c);
    per_type[type] = { precision: percent(r.precision), recall: percent(r.recall), f1: percent(r.f1), ...c };
  }
  return { score: percent(total.f1), precision: percent(total.precision), recall: percent(total.recall), per_type };
}

function accuracyMetrics(examples: readonly BenchmarkExample[], predicted: readonly Gold[]) {
  const per = new Map<string, { n: number; correct: number }>();
  let correct = 0;
  let answered = 0;
  examples.forEach((ex, i) => {
    const gold = 'answer' in ex.gold ? ex.gold.answer : '';
    const pred = predicted[i];
    const answer = 'answer' in pred ? pred.answer : '';
    const right = answer !== '' && answer === gold;
    if (answer !== '') answered++;
    if (right) correct++;
    const row = per.get(gold) ?? { n: 0, correct: 0 };
    row.n++;
    if (right) row.correct++;
    per.set(gold, row);
  });
  const per_type: Record<string, AccuracyDetail> = {};
  for (const [gold, row] of [...per].sort(([a], [b]) => a.localeCompare(b)))
    per_type[gold] = { ...row, accuracy: percent(accuracy(row.correct, row.n)) };
  const score = percent(accuracy(correct, examples.length));
  return { score, precision: percent(accuracy(correct, answered)), recall: score, per_type };
}

/**
 * Scores raw model outputs (by example id) with the dataset's parsers. Examples without an output are
 * scored as an empty answer and listed in `missing`.
 */
export function scoreBenchmark(dataset: BenchmarkDataset, examples: readonly BenchmarkExample[], outputs: ReadonlyMap<string, string>): BenchmarkMetrics {
  const missingIds = examples.filter((ex) => !outputs.has(ex.id)).map((ex) => ex.id);
  const predicted = examples.map((ex) => dataset.predict(ex, outputs.get(ex.id) ?? ''));
  const { score, precision, recall, per_type } =
    dataset.metric === 'accuracy' ? accuracyMetrics(examples, predicted) : f1Metrics(examples, predicted);
  return {
    dataset: dataset.name,
    metric: dataset.metric,
    score,
    precision,
    recall,
    n: examples.length,
    per_type,
    missing: missingIds.length,
    missing_ids: missingIds.slice(0, 100),
  };
}
