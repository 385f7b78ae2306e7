import { describe, expect, it } from 'vitest';
import { selectExamples } from './sample';

const items = Array.from({ length: 50 }, (_, i) => i);

describe('selectExamples', () => {
  it('takes the first N without a seed, and everything without a limit', () => {
    expect(selectExamples(items, { limit: 3 })).toEqual([0, 1, 2]);
    expect(selectExamples(items, {})).toEqual(items);
    expect(selectExamples(items, { limit: 80, seed: 1 })).toEqual(items);
  });

  it('with a seed picks N distinct examples, in file order, the same every time', () => {
    const a = selectExamples(items, { limit: 10, seed: 42 });
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(selectExamples(items, { limit: 10, seed: 42 })).toEqual(a);
    expect(selectExamples(items, { limit: 10, seed: 43 })).not.toEqual(a);
    expect(a).not.toEqual(items.slice(0, 10));
  });
});
