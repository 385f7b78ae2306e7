import { buildTranslatePrompt, directionFor, parseTranslation, type TranslationDirection } from '../translate.ts';
import type { TaskDefinition } from './types.ts';

export interface TranslateForm {
  input: string;
  /** `auto`: away from the input's detected language. */
  direction: 'auto' | TranslationDirection;
}

export interface TranslateView {
  direction: TranslationDirection;
  /** Translation of each finished chunk, followed by the whitespace that ended the chunk in the source. */
  parts: string[];
}

export const TRANSLATE: TaskDefinition<TranslateForm, TranslateView> = {
  id: 'translate',
  form: { input: '', direction: 'auto' },
  blocker: (f) => (f.input.trim() ? null : 'run.needInput'),
  plan: (f) => {
    const direction = directionFor(f.input, f.direction === 'auto' ? {} : { direction: f.direction });
    return {
      kind: 'chunked',
      document: f.input,
      initial: { direction, parts: [] },
      prompt: (chunk) => buildTranslatePrompt(chunk.trim(), { direction }),
      addAnswer: (v, answer, chunk) => {
        // Paragraph breaks of the source survive chunking; Chinese needs no space between sentences.
        const gap = /\s*$/.exec(chunk.text)![0];
        const sep = gap.includes('\n') ? gap : gap && direction === 'zh2en' ? ' ' : '';
        return { ...v, parts: [...v.parts, parseTranslation(answer).text + sep] };
      },
    };
  },
};
