import { taskGrammar } from '../../grammar/index.ts';
import { promptLang, type Lang, type LangMode } from '../../lang.ts';
import { buildClassifyPrompt, parseClassify, type ClassifyOptions } from '../classify.ts';
import { LABEL_PRESETS, type LabelPreset, type LabelPresetId } from '../presets.ts';
import { chosenNames } from './names.ts';
import type { TaskDefinition } from './types.ts';

export interface ClassifyForm {
  input: string;
  langMode: LangMode;
  preset: LabelPresetId | '';
  unchecked: string[];
  freeLabels: string;
  multiLabel: boolean;
}

export interface ClassifyView {
  labels: string[];
  unparsed: string[];
}

export const LABEL_PRESET_IDS = Object.keys(LABEL_PRESETS) as LabelPresetId[];

const labelPreset = (id: LabelPresetId | ''): LabelPreset | null => (id ? LABEL_PRESETS[id] : null);

export function offeredLabels(f: Pick<ClassifyForm, 'preset' | 'unchecked' | 'freeLabels'>, lang: Lang): string[] {
  return chosenNames(labelPreset(f.preset), f.unchecked, f.freeLabels, lang);
}

/** Choosing a preset also takes its single- or multi-label setting. */
export function presetPatch(
  id: LabelPresetId | '',
  f: Pick<ClassifyForm, 'multiLabel'>,
): Pick<ClassifyForm, 'preset' | 'unchecked' | 'multiLabel'> {
  const preset = labelPreset(id);
  return { preset: id, unchecked: [], multiLabel: preset ? preset.multiLabel : f.multiLabel };
}

export const CLASSIFY: TaskDefinition<ClassifyForm, ClassifyView> = {
  id: 'classify',
  form: { input: '', langMode: 'auto', preset: 'litcovid', unchecked: [], freeLabels: '', multiLabel: true },
  blocker: (f) =>
    !f.input.trim() ? 'run.needInput' : offeredLabels(f, promptLang(f.langMode, f.input)).length ? null : 'classify.needLabels',
  plan: (f) => {
    const lang = promptLang(f.langMode, f.input);
    const options: ClassifyOptions = { labels: offeredLabels(f, lang), multiLabel: f.multiLabel, aliases: labelPreset(f.preset)?.aliases };
    return {
      kind: 'single',
      grammar: taskGrammar('classify', options, lang),
      initial: { labels: [], unparsed: [] },
      prompt: buildClassifyPrompt(f.input.trim(), options, lang),
      addAnswer: (_, answer) => parseClassify(answer, options),
    };
  },
};
