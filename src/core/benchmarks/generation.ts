/**
 * Generation settings for scoring runs. Scores are reproducible only with greedy decoding (temperature 0,
 * top-p 1); the token limit fits the longest gold answer of each task with room to spare, so an answer is
 * cut off (finish reason `length`) only when the model rambles.
 */
import type { BenchmarkDataset } from './types.ts';

/** The sampling fields a runner passes to its engine (the same names as the engines' generation parameters). */
export interface GenerationSettings {
  greedy: true;
  temperature: 0;
  top_p: 1;
  max_tokens: number;
}

const MAX_TOKENS: Readonly<Record<BenchmarkDataset['task'], number>> = { ner: 512, re: 512, classification: 64, qa: 64 };

/** Greedy decoding, as every scoring run (the CLI's emitted prompts and the Eval tab) uses. */
export const SCORING_GENERATION = { greedy: true, temperature: 0, top_p: 1 } as const;

/** The settings a runner should use for a dataset's prompts. */
export function generationFor(dataset: BenchmarkDataset): GenerationSettings {
  return { ...SCORING_GENERATION, max_tokens: MAX_TOKENS[dataset.task] };
}
