/** The two prompt languages Taiyi was trained on. */
export type Lang = 'en' | 'zh';

// CJK Unified Ideographs (+ extension A and compatibility ideographs). Kana and Hangul are not counted:
// Taiyi only speaks Chinese and English, and a Japanese text is better served by the English prompts.
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const LATIN = /[A-Za-z]/;

/**
 * Guesses whether a text is Chinese or English from its share of CJK ideographs.
 * One ideograph carries about as much as a short English word, so ideographs are weighed against Latin
 * letters divided by five; a Chinese sentence with a few English terms (SARS, CT) stays Chinese.
 * Empty or script-less text counts as English.
 */
export function detectLanguage(text: string): Lang {
  let cjk = 0;
  let latin = 0;
  for (const ch of text) {
    if (CJK.test(ch)) cjk++;
    else if (LATIN.test(ch)) latin++;
  }
  return cjk > 0 && cjk >= latin / 5 ? 'zh' : 'en';
}
