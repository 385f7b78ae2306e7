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
        const parsed = parseSimilarity(answer, { labels });
        // The labels are [dissimilar, similar] in both languages.
        const similar = parsed.label === null ? null : parsed.label === labels[1];
        set({ view: { lang, label: parsed.label, similar, unparsed: parsed.unparsed } });
      },
      token,
    );
  },
  stop: () => stopRun(token),
}));
