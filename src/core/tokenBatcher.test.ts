import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTokenBatcher } from './tokenBatcher';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createTokenBatcher', () => {
  it('hands the first piece on at once, then at most once per interval', () => {
    const flushed: string[] = [];
    const batcher = createTokenBatcher((text) => flushed.push(text), 100);
    batcher.push('a');
    vi.advanceTimersByTime(0);
    expect(flushed).toEqual(['a']);
    for (let i = 0; i < 50; i++) {
      batcher.push('b');
      vi.advanceTimersByTime(4); // a fast model: 250 tokens a second
    }
    // 200 ms of pieces: two flushes, not fifty
    expect(flushed.length).toBeLessThanOrEqual(3);
    batcher.drain();
    expect(flushed.join('')).toBe('a' + 'b'.repeat(50));
  });

  it('hands on at once a piece that comes on the schedule of the interval, without waiting for a timer', () => {
    const flushed: string[] = [];
    const batcher = createTokenBatcher((text) => flushed.push(text), 100);
    batcher.push('a');
    vi.advanceTimersByTime(90); // a worker posting every 100 ms, a little early by the page's clock
    batcher.push('b');
    expect(flushed).toEqual(['a', 'b']);
    vi.advanceTimersByTime(10);
    batcher.push('c'); // early: waits for the interval's end
    expect(flushed).toEqual(['a', 'b']);
    vi.advanceTimersByTime(89);
    expect(flushed).toEqual(['a', 'b']);
    vi.advanceTimersByTime(1);
    expect(flushed).toEqual(['a', 'b', 'c']);
  });

  it('drain delivers what is pending and cancels the scheduled flush', () => {
    const flushed: string[] = [];
    const batcher = createTokenBatcher((text) => flushed.push(text), 100);
    batcher.push('x');
    batcher.drain();
    vi.advanceTimersByTime(500);
    expect(flushed).toEqual(['x']);
  });
});
