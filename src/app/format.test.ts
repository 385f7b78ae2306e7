import { describe, expect, it } from 'vitest';
import { formatBytes } from './format';

describe('formatBytes', () => {
  it("writes sizes with the language's own unit names, the same way everywhere", () => {
    expect(formatBytes(4096, 'en')).toBe('4.1 kB');
    expect(formatBytes(1_130_000, 'en')).toBe('1.1 MB');
    expect(formatBytes(812, 'en')).toBe('812 byte');
    expect(formatBytes(3.2e9, 'en')).toBe('3.2 GB');
    expect(formatBytes(4096, 'zh')).toMatch(/^4\.1\s?kB$/);
    expect(formatBytes(Number.NaN, 'en')).toBe('–');
  });
});
