import { describe, expect, it, vi } from 'vitest';
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

  it("makes no Intl formatter for the page languages' sizes (the first one costs tens of milliseconds)", async () => {
    vi.resetModules();
    const fresh = await import('./format');
    const made = vi.spyOn(Intl, 'NumberFormat');
    try {
      expect([fresh.formatBytes(4.5e9, 'en'), fresh.formatBytes(812, 'zh-CN'), fresh.formatBytes(3.1e6, 'zh-CN')]).toEqual([
        '4.5 GB',
        '812 B',
        '3.1 MB',
      ]);
      expect(made).not.toHaveBeenCalled();
    } finally {
      made.mockRestore();
    }
  });

  it("writes the page languages' sizes exactly as Intl does", () => {
    const intl = (bytes: number, locale: string) => {
      let v = bytes;
      let i = 0;
      const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
      while (v >= 1000 && i < units.length - 1) {
        v /= 1000;
        i++;
      }
      const digits = i === 0 || v >= 100 ? 0 : 1;
      const options = {
        style: 'unit',
        unit: units[i],
        unitDisplay: 'short',
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      } as const;
      return new Intl.NumberFormat(locale, options).format(v);
    };
    const sizes = [
      0,
      1,
      812,
      999,
      1000,
      1049,
      1050,
      4096,
      99_949,
      99_950,
      999_499,
      999_500,
      999_999,
      1_130_000,
      3.2e9,
      4.5 * 1024 ** 3,
      7.9e12,
      2.5e15,
    ];
    for (let n = 1; n < 2e13; n *= 1.37) sizes.push(Math.round(n));
    for (const locale of ['en', 'zh-CN'])
      for (const bytes of sizes) expect(formatBytes(bytes, locale), `${bytes} in ${locale}`).toBe(intl(bytes, locale));
  });
});
