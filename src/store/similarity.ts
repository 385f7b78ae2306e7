import { taskGrammar } from '../core/grammar';
import { create } from 'zustand';
import { SIMILARITY_LABELS, buildSimilarityPrompt, parseSimilarity } from '../core/tasks/similarity';
import { IDLE_RUN, promptLang, taskRunner, type LangMode, type RunState } from './taskRun';

interface SimilarityView {
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

// Each language's labels are [dissimilar, similar].
const SIMILAR = new Set([SIMILARITY_LABELS.en[1], SIMILARITY_LABELS.zh[1]]);

export const useSimilarity = create<SimilarityState>()((set, get) => {
  const runner = taskRunner<SimilarityState>(set);
  return {
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
      set({ view: { label: null, similar: null, unparsed: [] } });
      await runner.prompts([buildSimilarityPrompt({ a: s.a.trim(), b: s.b.trim() }, { labels: SIMILARITY_LABELS[lang] }, lang)], (_, answer) => {
        // Either language's labels are read: the model may answer in the other one.
        const { label, unparsed } = parseSimilarity(answer, {});
        set({ view: { label, similar: label === null ? null : SIMILAR.has(label), unparsed } });
      }, taskGrammar('similarity', { labels: SIMILARITY_LABELS[lang] }, lang));
    },
    stop: runner.stop,
  };
});
