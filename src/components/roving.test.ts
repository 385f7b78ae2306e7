import { describe, expect, it } from 'vitest';
import { rovingIndex } from './roving';

describe('roving focus', () => {
  it('steps along its axis, jumps with Home and End, and ignores other keys', () => {
    expect(rovingIndex('ArrowRight', 1, 4, 'horizontal')).toBe(2);
    expect(rovingIndex('ArrowDown', 1, 4, 'horizontal')).toBeUndefined();
    expect(rovingIndex('ArrowUp', 1, 4, 'vertical')).toBe(0);
    expect(rovingIndex('ArrowLeft', 2, 4, 'both')).toBe(1);
    expect(rovingIndex('ArrowDown', 2, 4, 'both')).toBe(3);
    expect(rovingIndex('Home', 2, 4, 'vertical')).toBe(0);
    expect(rovingIndex('End', 0, 4, 'horizontal')).toBe(3);
    expect(rovingIndex('Enter', 0, 4, 'both')).toBeUndefined();
    expect(rovingIndex('End', 0, 0, 'both')).toBeUndefined();
  });

  it('stops at the ends, or wraps around when asked', () => {
    expect(rovingIndex('ArrowDown', 3, 4, 'vertical')).toBe(3);
    expect(rovingIndex('ArrowUp', 0, 4, 'vertical')).toBe(0);
    expect(rovingIndex('ArrowRight', 3, 4, 'horizontal', true)).toBe(0);
    expect(rovingIndex('ArrowLeft', 0, 4, 'horizontal', true)).toBe(3);
  });
});
