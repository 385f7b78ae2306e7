import { describe, expect, it } from 'vitest';
import { accuracy, countSets, microPrf, percent, prf } from './metrics.ts';

describe('metrics', () => {
  it('computes micro P/R/F1 by hand', () => {
    // doc 1: gold {a,b,c}, predicted {a,b,d}: tp 2, fp 1, fn 1
    // doc 2: gold {x}, predicted {y,z}: tp 0, fp 2, fn 1
    // total tp 2, fp 3, fn 2: P = 2/5, R = 2/4, F1 = 2·0.4·0.5/0.9 = 4/9
    const m = microPrf([
      { gold: ['a', 'b', 'c'], predicted: ['a', 'b', 'd'] },
      { gold: ['x'], predicted: ['y', 'z'] },
    ]);
    expect(m).toMatchObject({ tp: 2, fp: 3, fn: 2 });
    expect(m.precision).toBeCloseTo(0.4, 12);
    expect(m.recall).toBeCloseTo(0.5, 12);
    expect(m.f1).toBeCloseTo(4 / 9, 12);
    expect(percent(m.f1)).toBe(44.444444);
  });

  it('counts sets, not repeated items', () => {
    expect(countSets(['a', 'a', 'b'], ['a', 'a'])).toEqual({ tp: 1, fp: 0, fn: 1 });
  });

  it('handles empty denominators', () => {
    expect(prf({ tp: 0, fp: 0, fn: 0 })).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(prf({ tp: 0, fp: 0, fn: 3 })).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(prf({ tp: 0, fp: 2, fn: 0 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('computes accuracy by hand', () => {
    expect(accuracy(3, 4)).toBe(0.75);
    expect(accuracy(0, 0)).toBe(0);
    expect(percent(accuracy(1, 3))).toBe(33.333333);
  });
});
