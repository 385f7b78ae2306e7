import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { promptLang } from '../../core/lang';
import { RELATION_PRESET_IDS, type RelationsForm } from '../../core/tasks/definitions/relations';
import { RELATION_PRESETS } from '../../core/tasks/presets';
import { TypePicker } from '../../components/TypePicker';
import { taskPanel, type FormProps } from '../workbench/TaskFrame';
import { RELATION_EXAMPLES } from './examples';
import { RelationResult } from './RelationResult';

function RelationTypes({ form, set }: FormProps<RelationsForm>) {
  const { t } = useTranslation('workbench');
  const lang = useMemo(() => promptLang(form.langMode, form.input), [form.langMode, form.input]);
  return (
    <TypePicker
      legend={t('relations.types')}
      presets={RELATION_PRESET_IDS.map((id) => ({ id, label: t(`presets.${id}`) }))}
      preset={form.preset}
      onPreset={(id) => set({ preset: id as RelationsForm['preset'], unchecked: [] })}
      names={form.preset ? RELATION_PRESETS[form.preset].names[lang] : []}
      unchecked={form.unchecked}
      onUnchecked={(list) => set({ unchecked: list })}
      freeTypes={form.freeTypes}
      onFreeTypes={(v) => set({ freeTypes: v })}
      freeLabel={t('relations.freeTypes')}
      freePlaceholder={t('relations.freePlaceholder')}
    />
  );
}

/** Relation extraction: the text, the relation types, the run, and the table with located arguments. */
export const RelationsPanel = taskPanel({
  id: 'relations',
  input: { field: 'input', label: 'relations.input', placeholder: 'relations.placeholder' },
  examples: RELATION_EXAMPLES,
  onExample: (ex) => {
    const all: readonly string[] = ex.preset ? RELATION_PRESETS[ex.preset].names.zh.concat(RELATION_PRESETS[ex.preset].names.en) : [];
    return { input: ex.text, preset: ex.preset, freeTypes: ex.freeTypes ?? '', unchecked: ex.only ? all.filter((n) => !ex.only!.includes(n)) : [] };
  },
  Options: RelationTypes,
  langFrom: (f) => f.input,
  Result: RelationResult,
});
