import { describe, expect, it } from 'vitest';
import { ggufThreads } from './hardware';

describe('ggufThreads', () => {
  it('leaves one core for the page and uses at least one thread', () => {
    expect(ggufThreads({ crossOriginIsolated: true, hardwareConcurrency: 2 })).toBe(1);
    expect(ggufThreads({ crossOriginIsolated: true, hardwareConcurrency: 1 })).toBe(1);
    expect(ggufThreads({ crossOriginIsolated: true, hardwareConcurrency: 4 })).toBe(3);
  });
  it('caps the count where llama.cpp stops gaining', () => {
    expect(ggufThreads({ crossOriginIsolated: true, hardwareConcurrency: 32 })).toBe(8);
  });
  it('runs single-threaded without cross-origin isolation', () => {
    expect(ggufThreads({ crossOriginIsolated: false, hardwareConcurrency: 16 })).toBe(1);
  });
});
