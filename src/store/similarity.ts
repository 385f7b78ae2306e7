import { create } from 'zustand';
import type { Lang } from '../core/lang';
import { SIMILARITY_LABELS, buildSimilarityPrompt, parseSimilarity } from '../core/tasks/similarity';
import { IDLE_RUN, promptLang, runPrompts, stopRun, type LangMode, type RunState, type StopToken } from './taskRun';

export interface SimilarityView {
  lang: Lang;
  /** Taiyi's label, or null when the answer names none. */
  label: string | null;
  /** Whether the label says the two sentences mean the same. */
  similar: boolean | null;
  unparsed: string[];
}

interface SimilarityState {
  a: string;
  b: string;
  langMode: LangMode;
  run: RunState;
  view: SimilarityView | null;
  set: (patch: Partial<Pick<SimilarityState, 'a' | 'b' | 'langMode'>>) => void;
  start: () => Promise<void>;
  stop: () => void;
}

let token: StopToken = { stopped: false };

export const useSimilarity = create<SimilarityState>()((set, get) => ({
  a: '',
  b: '',
  langMode: 'auto',
  run: IDLE_RUN,
  view: null,
  set: (patch) => set(patch),
  start: async () => {
    const s = get();
    if (s.run.running || !s.a.trim() || !s.b.trim()) return;
    const lang = promptLang(s.langMode, s.a + s.b);
    const labels = SIMILARITY_LABELS[lang];
    token = { stopped: false };
    set({ view: { lang, label: null, similar: null, unparsed: [] } });
    await runPrompts(
      [buildSimilarityPrompt({ a: s.a.trim(), b: s.b.trim() }, { labels }, lang)],
      (fn) => set((st) => ({ run: fn(st.run) })),
      (_, answer) => {
        // Either language's labels are read (the model may answer in the other one); each list is
        // [dissimilar, similar].
        const parsed = parseSimilarity(answer, {});
        const similar = parsed.label === null ? null : parsed.label === SIMILARITY_LABELS.en[1] || parsed.label === SIMILARITY_LABELS.zh[1];
        set({ view: { lang, label: parsed.label, similar, unparsed: parsed.unparsed } });
      },
      token,
    );
  },
  stop: () => stopRun(token),
}));
