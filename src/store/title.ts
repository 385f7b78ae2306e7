import { create } from 'zustand';
import { buildTitlePrompt, parseTitle } from '../core/tasks/title';
import { IDLE_RUN, promptLang, runPrompts, stopRun, type LangMode, type RunState, type StopToken } from './taskRun';

interface TitleState {
  input: string;
  langMode: LangMode;
  run: RunState;
  view: { title: string; unparsed: string[] } | null;
  set: (patch: Partial<Pick<TitleState, 'input' | 'langMode'>>) => void;
  start: () => Promise<void>;
  stop: () => void;
}

let token: StopToken = { stopped: false };

export const useTitle = create<TitleState>()((set, get) => ({
  input: '',
  langMode: 'auto',
  run: IDLE_RUN,
  view: null,
  set: (patch) => set(patch),
  start: async () => {
    const s = get();
    if (s.run.running || !s.input.trim()) return;
    const lang = promptLang(s.langMode, s.input);
    token = { stopped: false };
    set({ view: { title: '', unparsed: [] } });
    await runPrompts(
      [buildTitlePrompt(s.input.trim(), {}, lang)],
      (fn) => set((st) => ({ run: fn(st.run) })),
      (_, answer) => set({ view: parseTitle(answer) }),
      token,
    );
  },
  stop: () => stopRun(token),
}));
