import { taskGrammar } from '../core/grammar';
import { create } from 'zustand';
import { buildClassifyPrompt, parseClassify, type ClassifyOptions } from '../core/tasks/classify';
import { LABEL_PRESETS, type LabelPreset, type LabelPresetId } from '../core/tasks/presets';
import type { Lang } from '../core/lang';
import { IDLE_RUN, chosenNames, promptLang, taskRunner, type LangMode, type RunState } from './taskRun';

interface ClassifyView {
  labels: string[];
  unparsed: string[];
}

interface ClassifyState {
  input: string;
  langMode: LangMode;
  preset: LabelPresetId | '';
  unchecked: string[];
  freeLabels: string;
  multiLabel: boolean;
  run: RunState;
  view: ClassifyView | null;
  set: (patch: Partial<Pick<ClassifyState, 'input' | 'langMode' | 'preset' | 'unchecked' | 'freeLabels' | 'multiLabel'>>) => void;
  start: () => Promise<void>;
  stop: () => void;
}

export const LABEL_PRESET_IDS = Object.keys(LABEL_PRESETS) as LabelPresetId[];

const labelPreset = (id: LabelPresetId | ''): LabelPreset | null => (id ? LABEL_PRESETS[id] : null);

export function offeredLabels(s: Pick<ClassifyState, 'preset' | 'unchecked' | 'freeLabels'>, lang: Lang): string[] {
  return chosenNames(labelPreset(s.preset), s.unchecked, s.freeLabels, lang);
}

export const useClassify = create<ClassifyState>()((set, get) => {
  const runner = taskRunner<ClassifyState>(set);
  return {
    input: '',
    langMode: 'auto',
    preset: 'litcovid',
    unchecked: [],
    freeLabels: '',
    multiLabel: true,
    run: IDLE_RUN,
    view: null,
    set: (patch) => set(patch),
    start: async () => {
      const s = get();
      if (s.run.running || !s.input.trim()) return;
      const lang = promptLang(s.langMode, s.input);
      const labels = offeredLabels(s, lang);
      if (!labels.length) return;
      const options: ClassifyOptions = { labels, multiLabel: s.multiLabel, aliases: labelPreset(s.preset)?.aliases };
      set({ view: { labels: [], unparsed: [] } });
      await runner.prompts([buildClassifyPrompt(s.input.trim(), options, lang)], (_, answer) => set({ view: parseClassify(answer, options) }), taskGrammar('classify', options, lang));
    },
    stop: runner.stop,
  };
});
