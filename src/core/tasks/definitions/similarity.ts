import { taskGrammar } from '../../grammar/index.ts';
import { promptLang, type LangMode } from '../../lang.ts';
import { SIMILARITY_LABELS, buildSimilarityPrompt, parseSimilarity } from '../similarity.ts';
import type { TaskDefinition } from './types.ts';

export interface SimilarityForm {
  a: string;
  b: string;
  langMode: LangMode;
}

export interface SimilarityView {
  /** Taiyi's label, or null when the answer names none. */
  label: string | null;
  /** Whether the label says the two sentences mean the same. */
  similar: boolean | null;
  unparsed: string[];
}

// Each language's labels are [dissimilar, similar].
const SIMILAR = new Set([SIMILARITY_LABELS.en[1], SIMILARITY_LABELS.zh[1]]);

export const SIMILARITY: TaskDefinition<SimilarityForm, SimilarityView> = {
  id: 'similarity',
  form: { a: '', b: '', langMode: 'auto' },
  blocker: (f) => (f.a.trim() && f.b.trim() ? null : 'similarity.needBoth'),
  plan: (f) => {
    const lang = promptLang(f.langMode, f.a + f.b);
    return {
      kind: 'single',
      grammar: taskGrammar('similarity', { labels: SIMILARITY_LABELS[lang] }, lang),
      initial: { label: null, similar: null, unparsed: [] },
      prompt: buildSimilarityPrompt({ a: f.a.trim(), b: f.b.trim() }, { labels: SIMILARITY_LABELS[lang] }, lang),
      addAnswer: (_, answer) => {
        // Either language's labels are read: the model may answer in the other one.
        const { label, unparsed } = parseSimilarity(answer, {});
        return { label, similar: label === null ? null : SIMILAR.has(label), unparsed };
      },
    };
  },
};
