import { create } from 'zustand';
import { buildTitlePrompt, parseTitle } from '../core/tasks/title';
import { IDLE_RUN, promptLang, taskRunner, type LangMode, type RunState } from './taskRun';

interface TitleState {
  input: string;
  langMode: LangMode;
  run: RunState;
  view: { title: string; unparsed: string[] } | null;
  set: (patch: Partial<Pick<TitleState, 'input' | 'langMode'>>) => void;
  start: () => Promise<void>;
  stop: () => void;
}

export const useTitle = create<TitleState>()((set, get) => {
  const runner = taskRunner<TitleState>(set);
  return {
    input: '',
    langMode: 'auto',
    run: IDLE_RUN,
    view: null,
    set: (patch) => set(patch),
    start: async () => {
      const s = get();
      if (s.run.running || !s.input.trim()) return;
      const lang = promptLang(s.langMode, s.input);
      set({ view: { title: '', unparsed: [] } });
      await runner.prompts([buildTitlePrompt(s.input.trim(), {}, lang)], (_, answer) => set({ view: parseTitle(answer) }));
    },
    stop: runner.stop,
  };
});
