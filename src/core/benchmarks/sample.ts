/** Choosing part of a test set the same way in the page and on the command line: the first N, or N at random by seed. */
import { seededRandom } from '../random.ts';

export interface Subset {
  /** At most this many examples. */
  limit?: number;
  /** With a limit: pick them at random with this seed instead of the first ones. */
  seed?: number;
}

/** The examples a run covers, in file order. */
export function selectExamples<T>(examples: readonly T[], subset: Subset): T[] {
  const { limit, seed } = subset;
  if (!limit || limit >= examples.length) return [...examples];
  if (seed === undefined) return examples.slice(0, limit);
  const next = seededRandom(seed);
  const order = examples.map((_, i) => i);
  for (let i = 0; i < limit; i++) {
    const j = i + Math.floor(next() * (order.length - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order
    .slice(0, limit)
    .sort((a, b) => a - b)
    .map((i) => examples[i]);
}
