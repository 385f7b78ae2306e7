/**
 * English↔Chinese translation with Taiyi's trained wordings (formats.md §6). The answer is the bare
 * translation.
 */
import { detectLanguage } from '../lang.ts';
import { cleanItem, pickTemplate, stripSpecialTokens } from './parse.ts';

export type TranslationDirection = 'en2zh' | 'zh2en';

export interface TranslateOptions {
  /** Defaults to the direction away from the source text's detected language. */
  direction?: TranslationDirection;
  template?: number;
}

export interface TranslateResult {
  text: string;
  unparsed: string[];
}

type Template = (text: string) => string;

/** Taiyi's translation prompts; an English→Chinese request is worded in English and vice versa. */
export const TRANSLATE_TEMPLATES: Readonly<Record<TranslationDirection, readonly Template[]>> = {
  en2zh: [
    (t) => `Translate the following text into Chinese:\n${t}`,
    (t) => `Translate the following sentences into Chinese:\n${t}`,
    (t) => `Please translate the following sentences into Chinese: "${t}"`,
    (t) => `Translate from English to Chinese:\n${t}`,
  ],
  zh2en: [(t) => `将下面文本翻译成英文：\n${t}`, (t) => `将下面句子翻译成英文：\n${t}`, (t) => `翻译成英文：“${t}”`],
};

/** The direction a text needs when none is given: Chinese text goes to English, anything else to Chinese. */
export function directionFor(text: string, options: TranslateOptions): TranslationDirection {
  return options.direction ?? (detectLanguage(text) === 'zh' ? 'zh2en' : 'en2zh');
}

/** Builds a translation prompt. The wording follows the direction, not the interface language. */
export function buildTranslatePrompt(text: string, options: TranslateOptions): string {
  return pickTemplate(TRANSLATE_TEMPLATES[directionFor(text, options)], options.template)(text);
}

/** Returns the translation without end markers, a `Translation:` / `译文：` lead-in or wrapping quotes. */
export function parseTranslation(output: string): TranslateResult {
  const text = stripSpecialTokens(output)
    .trim()
    .replace(/^(?:translation|译文|翻译)\s*[:：]\s*/i, '');
  const unquoted = /^["“「][^\n]*["”」]$/.test(text) ? cleanItem(text) : text;
  return { text: unquoted, unparsed: [] };
}
