import { describe, expect, it } from 'vitest';
import { detectLanguage } from './lang.ts';

describe('detectLanguage', () => {
  it('tells Chinese from English, also with embedded terms', () => {
    expect(detectLanguage('对儿童SARST细胞亚群的研究表明，与成人SARS相比')).toBe('zh');
    expect(detectLanguage('Famotidine-associated delirium. A series of six cases.')).toBe('en');
    expect(detectLanguage('The term 发热 means fever in Chinese medicine texts about infections')).toBe('en');
    expect(detectLanguage('')).toBe('en');
    expect(detectLanguage('１２３')).toBe('en');
  });
});
