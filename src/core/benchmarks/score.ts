/**
 * Scoring model outputs against benchmark gold the way the paper does: micro-F1 over unique items per
 * document for NER, RE and classification; accuracy for QA. Missing predictions count as empty answers.
 */
import { accuracy, addCounts, percent, prf } from '../metrics.ts';
import type { Counts } from '../metrics.ts';
import { alignMentions } from '../align.ts';
import { entityKey, relationKey } from '../text.ts';
import { UNMAPPED } from './types.ts';
import { predictVariant, promptVariants } from './variants.ts';
import type { PromptVariant } from './variants.ts';
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
  /** BC5CDR CID: predicted pairs whose names map to no MeSH id of their document (each a false positive). */
  unmapped?: number;
  /**
   * NER, when asked for: strict span-level micro figures, the predicted mention strings aligned to the text
   * as the page highlights them and compared by (start, end, type) with the gold offsets.
   */
  spans?: F1Detail;
}

export interface ScoreOptions {
  /** Also score NER at the span level (needs examples with `text` and `spans`). */
  spans?: boolean;
  /** The prompt variant the outputs answer (ids `<id>#<key>` for several prompts per example); default: the verified one. */
  variant?: PromptVariant;
}

/** The items of a gold or predicted value, keyed with their type for per-type figures. */
function items(gold: Gold): { key: string; type: string }[] {
  if ('entities' in gold) return gold.entities.map((e) => ({ key: entityKey(e), type: e.type }));
  if ('relations' in gold) return gold.relations.map((r) => ({ key: relationKey(r), type: r.type }));
  if ('labels' in gold) return gold.labels.map((l) => ({ key: l, type: l }));
  return [];
}

/** What one example adds to a score: its unique items' counts by type (F1), or its answer (accuracy). */
export type ExampleScore =
  | { metric: 'micro_f1'; perType: Record<string, Counts>; unmapped: number }
  | { metric: 'accuracy'; gold: string; answered: boolean; right: boolean };

/** One example's share of the score, from its prediction (an empty answer when it has none). */
export function scoreExample(dataset: BenchmarkDataset, example: BenchmarkExample, predicted: Gold): ExampleScore {
  if (dataset.metric === 'accuracy') {
    const gold = 'answer' in example.gold ? example.gold.answer : '';
    const answer = 'answer' in predicted ? predicted.answer : '';
    return { metric: 'accuracy', gold, answered: answer !== '', right: answer !== '' && answer === gold };
  }
  const perType: Record<string, Counts> = {};
  const bump = (type: string, field: keyof Counts) => {
    const c = (perType[type] ??= { tp: 0, fp: 0, fn: 0 });
    c[field]++;
  };
  const gold = new Map(items(example.gold).map((x) => [x.key, x]));
  const pred = new Map(items(predicted).map((x) => [x.key, x]));
  for (const g of gold.values()) bump(g.type, pred.has(g.key) ? 'tp' : 'fn');
  for (const p of pred.values()) if (!gold.has(p.key)) bump(p.type, 'fp');
  const unmapped = 'relations' in predicted ? predicted.relations.filter((r) => r.head.startsWith(UNMAPPED)).length : 0;
  return { metric: 'micro_f1', perType, unmapped };
}

/**
 * The metrics of examples' scores: micro figures from summed counts (an item's key holds its type, so the per-type
 * counts add up to the micro counts), accuracy over all examples. Cheap, so a live score can be redone after
 * every answer from the scores kept so far.
 */
export function combineScores(
  dataset: BenchmarkDataset,
  scores: readonly ExampleScore[],
  missingIds: readonly string[] = [],
): BenchmarkMetrics {
  const head = { dataset: dataset.name, metric: dataset.metric };
  const tail = { missing: missingIds.length, missing_ids: missingIds.slice(0, 100) };
  if (dataset.metric === 'accuracy') {
    const per = new Map<string, { n: number; correct: number }>();
    let correct = 0;
    let answered = 0;
    for (const s of scores) {
      if (s.metric !== 'accuracy') continue;
      if (s.answered) answered++;
      if (s.right) correct++;
      const row = per.get(s.gold) ?? { n: 0, correct: 0 };
      row.n++;
      if (s.right) row.correct++;
      per.set(s.gold, row);
    }
    const per_type: Record<string, AccuracyDetail> = {};
    for (const [gold, row] of [...per].sort(([a], [b]) => a.localeCompare(b)))
      per_type[gold] = { ...row, accuracy: percent(accuracy(row.correct, row.n)) };
    const score = percent(accuracy(correct, scores.length));
    return { ...head, score, precision: percent(accuracy(correct, answered)), recall: score, n: scores.length, per_type, ...tail };
  }
  const perType = new Map<string, Counts>();
  let total: Counts = { tp: 0, fp: 0, fn: 0 };
  let unmapped = 0;
  for (const s of scores) {
    if (s.metric !== 'micro_f1') continue;
    unmapped += s.unmapped;
    for (const [type, c] of Object.entries(s.perType)) {
      perType.set(type, addCounts(perType.get(type) ?? { tp: 0, fp: 0, fn: 0 }, c));
      total = addCounts(total, c);
    }
  }
  const per_type: Record<string, F1Detail> = {};
  for (const [type, c] of [...perType].sort(([a], [b]) => a.localeCompare(b))) {
    const r = prf(c);
    per_type[type] = { precision: percent(r.precision), recall: percent(r.recall), f1: percent(r.f1), ...c };
  }
  const all = prf(total);
  return {
    ...head,
    score: percent(all.f1),
    precision: percent(all.precision),
    recall: percent(all.recall),
    n: scores.length,
    per_type,
    ...tail,
    ...(dataset.name === 'bc5cdr-cid' ? { unmapped } : {}),
  };
}

/** Strict span-level counts: every aligned span of a predicted mention against every gold offset triple. */
export function spanMetrics(dataset: BenchmarkDataset, examples: readonly BenchmarkExample[], predicted: readonly Gold[]): F1Detail {
  const counts: Counts = { tp: 0, fp: 0, fn: 0 };
  examples.forEach((ex, i) => {
    const pred = predicted[i];
    const entities = 'entities' in pred ? pred.entities : [];
    const key = (s: { type: string; start: number; end: number }) => `${s.type}\u0000${s.start}\u0000${s.end}`;
    const gold = new Set((ex.spans ?? []).map(key));
    const found = new Set(alignMentions(ex.text ?? '', entities, { nestingTypes: dataset.nestingTypes }).spans.map(key));
    for (const k of found) counts[gold.has(k) ? 'tp' : 'fp']++;
    for (const k of gold) if (!found.has(k)) counts.fn++;
  });
  const r = prf(counts);
  return { precision: percent(r.precision), recall: percent(r.recall), f1: percent(r.f1), ...counts };
}

/**
 * Scores raw model outputs (by example id) with the dataset's parsers. Examples without an output are
 * scored as an empty answer and listed in `missing`.
 * @throws {Error} when span scoring is asked of a dataset that is not NER.
 */
export function scoreBenchmark(
  dataset: BenchmarkDataset,
  examples: readonly BenchmarkExample[],
  outputs: ReadonlyMap<string, string>,
  options: ScoreOptions = {},
): BenchmarkMetrics {
  if (options.spans && dataset.task !== 'ner') throw new Error(`span-level scoring is for NER sets, not ${dataset.name}`);
  const variant = options.variant ?? promptVariants(dataset.name)[0];
  const read = examples.map((ex) => predictVariant(dataset, variant, ex, outputs));
  const missingIds = examples.filter((_, i) => read[i] === undefined).map((ex) => ex.id);
  const predicted = examples.map((ex, i) => read[i] ?? dataset.predict(ex, ''));
  const metrics = combineScores(
    dataset,
    examples.map((ex, i) => scoreExample(dataset, ex, predicted[i])),
    missingIds,
  );
  return options.spans ? { ...metrics, spans: spanMetrics(dataset, examples, predicted) } : metrics;
}
