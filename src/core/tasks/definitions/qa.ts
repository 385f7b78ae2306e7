import { taskGrammar } from '../../grammar/index.ts';
import { promptLang, type LangMode } from '../../lang.ts';
import { buildQaPrompt, parseQa, type QaFormat, type QaOptions } from '../qa.ts';
import type { TaskDefinition } from './types.ts';

export interface Choice {
  letter: string;
  text: string;
}

export interface QaForm {
  format: QaFormat;
  question: string;
  context: string;
  choices: Choice[];
  langMode: LangMode;
}

/** A finished or running question, with the options it was asked with (the inputs may change after). */
export interface QaView {
  format: QaFormat;
  choices: Choice[];
  /** Option letter, yes/no/maybe, or the free answer; null when the answer names none. */
  answer: string | null;
  unparsed: string[];
}

export const LETTERS = 'ABCDEFGH';
export const emptyChoices = (n = 4): Choice[] => Array.from({ length: n }, (_, i) => ({ letter: LETTERS[i], text: '' }));

/** The options that have text, as the prompt builder and parser take them. */
function choiceRecord(choices: readonly Choice[]): Record<string, string> {
  return Object.fromEntries(choices.filter((c) => c.text.trim()).map((c) => [c.letter, c.text.trim()]));
}

export const QA: TaskDefinition<QaForm, QaView> = {
  id: 'qa',
  form: { format: 'free', question: '', context: '', choices: emptyChoices(), langMode: 'auto' },
  blocker: (f) => {
    if (!f.question.trim()) return 'qa.needQuestion';
    if (f.format === 'choice' && Object.keys(choiceRecord(f.choices)).length < 2) return 'qa.needChoices';
    if (f.format === 'yesno' && !f.context.trim()) return 'qa.needContext';
    return null;
  },
  plan: (f) => {
    const lang = promptLang(f.langMode, f.question + f.context);
    const options: QaOptions = { format: f.format, choices: f.format === 'choice' ? choiceRecord(f.choices) : undefined };
    const input = { question: f.question.trim(), context: f.format === 'free' ? undefined : f.context.trim() || undefined };
    return {
      kind: 'single',
      grammar: taskGrammar('qa', options, lang),
      initial: { format: f.format, choices: f.choices.filter((c) => c.text.trim()), answer: null, unparsed: [] },
      prompt: buildQaPrompt(input, options, lang),
      addAnswer: (v, answer) => ({ ...v, ...parseQa(answer, options) }),
    };
  },
};
