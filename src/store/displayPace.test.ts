import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_FLUSH_INTERVAL_MS } from '../core/tokenBatcher';

/** A fresh copy of the module each test: the running cost is the page's, kept in the module. */
const fresh = async () => {
  vi.resetModules();
  return import('./displayPace');
};

describe('displayInterval', () => {
  it('is ten updates a second while a flush and its frame cost little, and grows with their cost up to a bound', async () => {
    const pace = await fresh();
    expect(pace.displayInterval()).toBe(100);
    pace.recordFlushCost(1.5); // a fast machine
    expect(pace.displayInterval()).toBe(100);

    const slow = await fresh();
    slow.recordFlushCost(5); // 5 ms a flush: at 2.5 % of the main thread, one flush per 200 ms
    expect(slow.displayInterval()).toBe(200);
    slow.recordFlushCost(50);
    slow.recordFlushCost(50);
    expect(slow.displayInterval()).toBe(MAX_FLUSH_INTERVAL_MS);
  });

  it('follows the cost back down when drawing gets cheaper', async () => {
    const pace = await fresh();
    pace.recordFlushCost(8);
    const before = pace.displayInterval();
    for (let i = 0; i < 10; i++) pace.recordFlushCost(1);
    expect(pace.displayInterval()).toBeLessThan(before);
    expect(pace.displayInterval()).toBe(100);
  });
});

describe('createDisplayBatcher', () => {
  let now = 0;
  let frames: FrameRequestCallback[] = [];
  beforeEach(() => {
    now = 0;
    frames = [];
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('times a flush with the frame that draws it, and paces the next flushes by that cost', async () => {
    const pace = await fresh();
    const shown: string[] = [];
    const batcher = pace.createDisplayBatcher((text) => {
      shown.push(text);
      now += 2; // the store update and the text appended: 2 ms
    });
    batcher.push('Aspirin');
    expect(shown).toEqual(['Aspirin']); // the first piece at once
    expect(frames).toHaveLength(1);
    frames[0](now);
    now += 4; // the frame: style, layout, paint, 4 ms
    await new Promise((resolve) => setTimeout(resolve, 10)); // the task after the frame
    expect(pace.displayInterval()).toBe(240); // (2 + 4) ms ÷ 2.5 %

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      now += 150;
      batcher.push(' is'); // 150 ms after the first: early by the new pace, so it waits
      expect(shown).toEqual(['Aspirin']);
      now += 90;
      vi.advanceTimersByTime(90);
      expect(shown).toEqual(['Aspirin', ' is']);
      batcher.push(' an NSAID');
      batcher.drain(); // the end of the answer shows at once
      expect(shown.join('')).toBe('Aspirin is an NSAID');
    } finally {
      vi.useRealTimers();
    }
  });

  it('times one frame at a time', async () => {
    const pace = await fresh();
    const batcher = pace.createDisplayBatcher(() => {});
    batcher.push('a');
    batcher.drain();
    batcher.push('b');
    batcher.drain();
    expect(frames).toHaveLength(1);
  });
});
