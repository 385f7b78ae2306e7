/** The two prompt languages Taiyi was trained on. */
export type Lang = 'en' | 'zh';

// CJK Unified Ideographs (+ extension A and compatibility ideographs). Kana and Hangul are not counted:
// Taiyi only speaks Chinese and English, and a Japanese text is better served by the English prompts.
const isIdeograph = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
const isLatin = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** The last text read and its language: a tab asks several times for the same text in one render. */
let last: { text: string; lang: Lang } = { text: '', lang: 'en' };

/**
 * Guesses whether a text is Chinese or English from its share of CJK ideographs.
 * One ideograph carries about as much as a short English word, so ideographs are weighed against Latin
 * letters divided by five; a Chinese sentence with a few English terms (SARS, CT) stays Chinese.
 * Empty or script-less text counts as English. It reads the whole input as the user types, which may be
 * megabytes, hence the code-unit loop (the ideographs counted all lie in the BMP).
 */
export function detectLanguage(text: string): Lang {
  if (text === last.text) return last.lang;
  let cjk = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isIdeograph(c)) cjk++;
    else if (isLatin(c)) latin++;
  }
  last = { text, lang: cjk > 0 && cjk >= latin / 5 ? 'zh' : 'en' };
  return last.lang;
}

/** `auto` follows the input's script (CJK detection); the user may force either prompt language. */
export type LangMode = 'auto' | Lang;

export const promptLang = (mode: LangMode, input: string): Lang => (mode === 'auto' ? detectLanguage(input) : mode);
