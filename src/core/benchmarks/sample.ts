/** Choosing part of a test set the same way in the page and on the command line: the first N, or N at random by seed. */

/** mulberry32: a small seeded generator, the same sequence everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  const next = random(seed);
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
