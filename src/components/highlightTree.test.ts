import { describe, expect, it } from 'vitest';
import { buildHighlightTree, type HighlightPiece } from './highlightTree';

const flat = (pieces: HighlightPiece[], depth = 0): string[] =>
  pieces.flatMap((p) => [`${'  '.repeat(depth)}${p.mention}.${p.part} ${p.start}-${p.end} h${p.height}`, ...flat(p.children, depth + 1)]);

describe('buildHighlightTree', () => {
  it('nests a mention inside a longer one and orders mentions by position', () => {
    // CMeEE: 细胞减少 (sym) contains 细胞 (bod)
    const { mentions, roots } = buildHighlightTree(20, [
      { type: 'bod', start: 5, end: 7 },
      { type: 'sym', start: 5, end: 9 },
      { type: 'dis', start: 12, end: 16 },
    ]);
    expect(mentions.map((m) => m.type)).toEqual(['sym', 'bod', 'dis']);
    expect(flat(roots)).toEqual(['0.0 5-9 h2', '  1.0 5-7 h1', '2.0 12-16 h1']);
  });

  it('cuts a crossing mention at the end of the one it starts in and continues it after', () => {
    const { roots } = buildHighlightTree(30, [
      { type: 'A', start: 0, end: 10 },
      { type: 'B', start: 5, end: 15 },
    ]);
    expect(flat(roots)).toEqual(['0.0 0-10 h2', '  1.0 5-10 h1', '1.1 10-15 h1']);
  });

  it('handles a crossing through two levels of nesting', () => {
    const { roots } = buildHighlightTree(40, [
      { type: 'A', start: 0, end: 20 },
      { type: 'B', start: 2, end: 10 },
      { type: 'C', start: 8, end: 25 },
    ]);
    expect(flat(roots)).toEqual(['0.0 0-20 h3', '  1.0 2-10 h2', '    2.0 8-10 h1', '  2.1 10-20 h1', '2.2 20-25 h1']);
  });

  it('keeps identical offsets of two types as two nested mentions and drops exact duplicates and invalid spans', () => {
    const { mentions, roots } = buildHighlightTree(10, [
      { type: 'Chemical', start: 0, end: 4 },
      { type: 'Chemical', start: 0, end: 4 },
      { type: 'Disease', start: 0, end: 4 },
      { type: 'X', start: 4, end: 4 },
      { type: 'X', start: 8, end: 12 },
      { type: 'X', start: -1, end: 2 },
    ]);
    expect(mentions).toHaveLength(2);
    expect(flat(roots)).toEqual(['0.0 0-4 h2', '  1.0 0-4 h1']);
  });

  it('stays fast and linear-ish with thousands of mentions', () => {
    const spans = Array.from({ length: 20_000 }, (_, i) => ({ type: i % 3 ? 'a' : 'b', start: i * 5, end: i * 5 + (i % 7 === 0 ? 8 : 4) }));
    const t0 = performance.now();
    const { mentions } = buildHighlightTree(100_010, spans);
    expect(mentions).toHaveLength(20_000);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
