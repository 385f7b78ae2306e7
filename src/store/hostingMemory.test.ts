// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { keepHosting, keptHosting } from './hostingMemory';

afterEach(() => sessionStorage.clear());

describe('hosting answers kept for the session', () => {
  const url = 'https://example.org/models/m.gguf';

  it('keeps definite answers for ten minutes, and never an unknown one', () => {
    keepHosting(url, 'missing', 1_000);
    expect(keptHosting(url, 1_000 + 9 * 60_000)).toBe('missing');
    expect(keptHosting(url, 1_000 + 10 * 60_000)).toBeNull();
    keepHosting('https://example.org/other.gguf', 'unknown', 1_000);
    expect(keptHosting('https://example.org/other.gguf', 1_000)).toBeNull();
  });

  it('reads a damaged record as nothing kept', () => {
    sessionStorage.setItem('taiyi.hosting', '{not json');
    expect(keptHosting(url)).toBeNull();
    keepHosting(url, 'hosted');
    expect(keptHosting(url)).toBe('hosted');
  });
});
