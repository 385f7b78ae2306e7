import { describe, expect, it } from 'vitest';
import { loadAllEnglish } from './resources';
import { chinese } from './zh';

const resources = { en: await loadAllEnglish(), zh: chinese };

const flatKeys = (o: unknown, prefix = ''): string[] =>
  o && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => flatKeys(v, `${prefix}${k}.`)) : [prefix.slice(0, -1)];

describe('locales', () => {
  it('has the same namespaces in English and Chinese', () => {
    expect(Object.keys(resources.zh).sort()).toEqual(Object.keys(resources.en).sort());
  });
  for (const ns of Object.keys(resources.en)) {
    it(`has identical key sets in ${ns}`, () => {
      const en = flatKeys(resources.en[ns]).sort();
      const zh = flatKeys(resources.zh[ns]).sort();
      expect(zh).toEqual(en);
      for (const key of zh) expect(key).not.toBe('');
    });
  }
});
