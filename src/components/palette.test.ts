// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';

describe('stableTypeIndex', () => {
  it("keeps a type's style whatever order documents name it in, and across visits", async () => {
    localStorage.clear();
    const { stableTypeIndex, typeClasses } = await import('./palette');
    const first = stableTypeIndex(['Chemical', 'Disease']);
    const second = stableTypeIndex(['Gene', 'Disease', 'Chemical']);
    expect(second.get('Chemical')).toBe(first.get('Chemical'));
    expect(second.get('Disease')).toBe(first.get('Disease'));
    expect(new Set(second.values()).size).toBe(3);

    vi.resetModules(); // the next visit
    const again = (await import('./palette')).stableTypeIndex(['Disease', 'Gene', 'Chemical']);
    expect(typeClasses(again.get('Chemical')!)).toBe(typeClasses(first.get('Chemical')!));
    expect(again.get('Gene')).toBe(second.get('Gene'));
  });
});
