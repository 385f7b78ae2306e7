import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { promptLang } from '../../core/lang';
import { ENTITY_PRESET_IDS, type EntitiesForm } from '../../core/tasks/definitions/entities';
import { ENTITY_PRESETS } from '../../core/tasks/presets';
import { TypePicker } from '../../components/TypePicker';
import { taskPanel, type FormProps } from '../workbench/TaskFrame';
import { ENTITY_EXAMPLES } from './examples';
import { EntityResult } from './EntityResult';
import { ImportAnnotations } from './ImportAnnotations';

function EntityTypes({ form, set }: FormProps<EntitiesForm>) {
  const { t } = useTranslation('workbench');
  const lang = useMemo(() => promptLang(form.langMode, form.input), [form.langMode, form.input]);
  return (
    <TypePicker
      legend={t('entities.types')}
      presets={ENTITY_PRESET_IDS.map((id) => ({ id, label: t(`presets.${id}`) }))}
      preset={form.preset}
      onPreset={(id) => set({ preset: id as EntitiesForm['preset'], unchecked: [] })}
      names={form.preset ? ENTITY_PRESETS[form.preset].names[lang] : []}
      unchecked={form.unchecked}
      onUnchecked={(names) => set({ unchecked: names })}
      freeTypes={form.freeTypes}
      onFreeTypes={(v) => set({ freeTypes: v })}
      freeLabel={t('entities.freeTypes')}
    />
  );
}

/** Entity recognition: the text, the types to look for, the run, and the located result. */
export const EntitiesPanel = taskPanel({
  id: 'entities',
  input: { field: 'input', label: 'entities.input', placeholder: 'entities.placeholder' },
  examples: ENTITY_EXAMPLES,
  onExample: (ex) => ({ input: ex.text, preset: ex.preset, freeTypes: ex.freeTypes ?? '', unchecked: [] }),
  Options: EntityTypes,
  langFrom: (f) => f.input,
  BeforeResult: ImportAnnotations,
  Result: EntityResult,
});
