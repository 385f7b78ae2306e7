import { taskGrammar } from '../core/grammar';
import { create } from 'zustand';
import { buildQaPrompt, parseQa, type QaFormat, type QaOptions } from '../core/tasks/qa';
import { IDLE_RUN, promptLang, taskRunner, type LangMode, type RunState } from './taskRun';

export interface Choice {
  letter: string;
  text: string;
}

/** A finished or running question, with the options it was asked with (the inputs may change after). */
interface QaView {
  format: QaFormat;
  choices: Choice[];
  /** Option letter, yes/no/maybe, or the free answer; null when the answer names none. */
  answer: string | null;
  unparsed: string[];
}

interface QaState {
  format: QaFormat;
  question: string;
  context: string;
  choices: Choice[];
  langMode: LangMode;
  run: RunState;
  view: QaView | null;
  set: (patch: Partial<Pick<QaState, 'format' | 'question' | 'context' | 'choices' | 'langMode'>>) => void;
  start: () => Promise<void>;
  stop: () => void;
}

export const LETTERS = 'ABCDEFGH';
export const emptyChoices = (n = 4): Choice[] => Array.from({ length: n }, (_, i) => ({ letter: LETTERS[i], text: '' }));

/** The options that have text, as the prompt builder and parser take them. */
function choiceRecord(choices: readonly Choice[]): Record<string, string> {
  return Object.fromEntries(choices.filter((c) => c.text.trim()).map((c) => [c.letter, c.text.trim()]));
}

export function qaReady(s: Pick<QaState, 'format' | 'question' | 'context' | 'choices'>): boolean {
  if (!s.question.trim()) return false;
  if (s.format === 'choice') return Object.keys(choiceRecord(s.choices)).length >= 2;
  if (s.format === 'yesno') return s.context.trim().length > 0;
  return true;
}

export const useQa = create<QaState>()((set, get) => {
  const runner = taskRunner<QaState>(set);
  return {
    format: 'free',
    question: '',
    context: '',
    choices: emptyChoices(),
    langMode: 'auto',
    run: IDLE_RUN,
    view: null,
    set: (patch) => set(patch),
    start: async () => {
      const s = get();
      if (s.run.running || !qaReady(s)) return;
      const lang = promptLang(s.langMode, s.question + s.context);
      const options: QaOptions = { format: s.format, choices: s.format === 'choice' ? choiceRecord(s.choices) : undefined };
      const input = { question: s.question.trim(), context: s.format === 'free' ? undefined : s.context.trim() || undefined };
      set({ view: { format: s.format, choices: s.choices.filter((c) => c.text.trim()), answer: null, unparsed: [] } });
      await runner.prompts([buildQaPrompt(input, options, lang)], (_, answer) => {
        const parsed = parseQa(answer, options);
        set((st) => (st.view ? { view: { ...st.view, answer: parsed.answer, unparsed: parsed.unparsed } } : {}));
      }, taskGrammar('qa', options, lang));
    },
    stop: runner.stop,
  };
});
