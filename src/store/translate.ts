import { create } from 'zustand';
import { buildTranslatePrompt, directionFor, parseTranslation, type TranslationDirection } from '../core/tasks/translate';
import { IDLE_RUN, chunksFor, taskRunner, type RunState } from './taskRun';

interface TranslateView {
  direction: TranslationDirection;
  /** Translation of each finished chunk, followed by the whitespace that ended the chunk in the source. */
  parts: string[];
}

interface TranslateState {
  input: string;
  /** `auto`: away from the input's detected language. */
  direction: 'auto' | TranslationDirection;
  run: RunState;
  view: TranslateView | null;
  set: (patch: Partial<Pick<TranslateState, 'input' | 'direction'>>) => void;
  start: () => Promise<void>;
  stop: () => void;
}

export const useTranslate = create<TranslateState>()((set, get) => {
  const runner = taskRunner<TranslateState>(set);
  return {
    input: '',
    direction: 'auto',
    run: IDLE_RUN,
    view: null,
    set: (patch) => set(patch),
    start: async () => {
      const s = get();
      if (s.run.running || !s.input.trim()) return;
      const direction = directionFor(s.input, s.direction === 'auto' ? {} : { direction: s.direction });
      const chunks = chunksFor(s.input, (chunk) => buildTranslatePrompt(chunk, { direction }));
      set({ view: { direction, parts: [] } });
      await runner.chunks(
        chunks,
        (text) => buildTranslatePrompt(text.trim(), { direction }),
        (chunk, answer) => {
          // Paragraph breaks of the source survive chunking; Chinese needs no space between sentences.
          const gap = /\s*$/.exec(chunk.text)![0];
          const sep = gap.includes('\n') ? gap : gap && direction === 'zh2en' ? ' ' : '';
          const part = parseTranslation(answer).text + sep;
          set((st) => (st.view ? { view: { ...st.view, parts: [...st.view.parts, part] } } : {}));
        },
      );
    },
    stop: runner.stop,
  };
});
