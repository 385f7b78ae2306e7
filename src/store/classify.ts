import { create } from 'zustand';
import { buildClassifyPrompt, parseClassify, type ClassifyOptions } from '../core/tasks/classify';
import { LABEL_PRESETS, type LabelPresetId } from '../core/tasks/presets';
import type { Lang } from '../core/lang';
import { IDLE_RUN, promptLang, runPrompts, splitNames, stopRun, type LangMode, type RunState, type StopToken } from './taskRun';

export interface ClassifyView {
  offered: string[];
  labels: string[];
  multiLabel: boolean;
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

export function offeredLabels(s: Pick<ClassifyState, 'preset' | 'unchecked' | 'freeLabels'>, lang: Lang): string[] {
  const preset = s.preset ? LABEL_PRESETS[s.preset].names[lang].filter((l) => !s.unchecked.includes(l)) : [];
  return [...new Set([...preset, ...splitNames(s.freeLabels)])];
}

let token: StopToken = { stopped: false };

export const useClassify = create<ClassifyState>()((set, get) => ({
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
    const preset = s.preset ? LABEL_PRESETS[s.preset] : null;
    const options: ClassifyOptions = { labels, multiLabel: s.multiLabel, aliases: preset && 'aliases' in preset ? preset.aliases : undefined };
    token = { stopped: false };
    set({ view: { offered: labels, labels: [], multiLabel: s.multiLabel, unparsed: [] } });
    await runPrompts(
      [buildClassifyPrompt(s.input.trim(), options, lang)],
      (fn) => set((st) => ({ run: fn(st.run) })),
      (_, answer) => {
        const parsed = parseClassify(answer, options);
        set((st) => (st.view ? { view: { ...st.view, labels: parsed.labels, unparsed: parsed.unparsed } } : {}));
      },
      token,
    );
  },
  stop: () => stopRun(token),
}));
