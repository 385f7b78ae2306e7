import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { promptLang, type LangMode } from '../../core/lang';
import type { NamePreset } from '../../core/tasks/presets';
import { TypePicker } from '../../components/TypePicker';
import type { FormProps } from './TaskFrame';
import type { PresetId, WorkbenchKey } from '../../i18n/keys';

/** The form fields a preset of names works on (entity types, relation types, labels). */
interface NamesForm {
  input: string;
  langMode: LangMode;
  /** A preset with its label among the UI strings (`workbench:presets.<id>`), or none. */
  preset: PresetId | '';
  unchecked: string[];
}

interface PresetNamesSpec<Form extends NamesForm> {
  presets: Readonly<Record<Exclude<Form['preset'], ''>, NamePreset>>;
  /** `workbench` keys of the fieldset's legend, the free field's label and its placeholder. */
  legend: WorkbenchKey;
  freeLabel: WorkbenchKey;
  freePlaceholder?: WorkbenchKey;
  /** The form field holding the user's own names. */
  free: { [K in keyof Form]: Form[K] extends string ? K : never }[keyof Form];
  /** The form a chosen preset sets (default: the preset, with every name on). */
  onPreset?: (id: Form['preset'], form: Form) => Partial<Form>;
}

/** The UI string naming a preset: typed, so a preset without its label does not compile. */
const presetLabel = (id: PresetId) => `presets.${id}` as const;

/** The options of a task that asks for named types: a preset whose names can be switched off, plus free names. */
export function presetNames<Form extends NamesForm>(spec: PresetNamesSpec<Form>) {
  const ids = Object.keys(spec.presets) as Exclude<Form['preset'], ''>[];
  const choose = spec.onPreset ?? ((id: Form['preset']) => ({ preset: id, unchecked: [] }) as unknown as Partial<Form>);
  return function PresetNames({ form, set }: FormProps<Form>) {
    const { t } = useTranslation('workbench');
    const lang = useMemo(() => promptLang(form.langMode, form.input), [form.langMode, form.input]);
    const preset = form.preset ? spec.presets[form.preset as Exclude<Form['preset'], ''>] : null;
    return (
      <TypePicker
        legend={t(spec.legend)}
        presets={ids.map((id) => ({ id, label: t(presetLabel(id)) }))}
        preset={form.preset}
        onPreset={(id) => set(choose(id as Form['preset'], form))}
        names={preset ? preset.names[lang] : []}
        unchecked={form.unchecked}
        onUnchecked={(names) => set({ unchecked: names } as Partial<Form>)}
        freeTypes={form[spec.free] as string}
        onFreeTypes={(v) => set({ [spec.free]: v } as Partial<Form>)}
        freeLabel={t(spec.freeLabel)}
        freePlaceholder={spec.freePlaceholder && t(spec.freePlaceholder)}
      />
    );
  };
}
