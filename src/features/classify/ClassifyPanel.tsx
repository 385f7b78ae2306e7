import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { promptLang } from '../../core/lang';
import { LABEL_PRESET_IDS, presetPatch, type ClassifyForm, type ClassifyView } from '../../core/tasks/definitions/classify';
import { LABEL_PRESETS } from '../../core/tasks/presets';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { TypePicker } from '../../components/TypePicker';
import { taskPanel, type FormProps, type ResultProps } from '../workbench/TaskFrame';
import { CLASSIFY_EXAMPLES } from './examples';

function LabelOptions({ form, set }: FormProps<ClassifyForm>) {
  const { t } = useTranslation('workbench');
  const lang = useMemo(() => promptLang(form.langMode, form.input), [form.langMode, form.input]);
  return (
    <>
      <TypePicker
        legend={t('classify.labels')}
        presets={LABEL_PRESET_IDS.map((id) => ({ id, label: t(`presets.${id}`) }))}
        preset={form.preset}
        onPreset={(id) => set(presetPatch(id as ClassifyForm['preset'], form))}
        names={form.preset ? LABEL_PRESETS[form.preset].names[lang] : []}
        unchecked={form.unchecked}
        onUnchecked={(list) => set({ unchecked: list })}
        freeTypes={form.freeLabels}
        onFreeTypes={(v) => set({ freeLabels: v })}
        freeLabel={t('classify.freeLabels')}
        freePlaceholder={t('classify.freePlaceholder')}
      />
      <label className="checkbox">
        <input type="checkbox" data-testid="multi-label" checked={form.multiLabel} onChange={(e) => set({ multiLabel: e.target.checked })} />{' '}
        {t('classify.multiLabel')}
      </label>
    </>
  );
}

function ClassifyResult({ view, run }: ResultProps<ClassifyForm, ClassifyView>) {
  const { t } = useTranslation('workbench');
  return (
    <section className="result" aria-labelledby="classify-result">
      <h3 id="classify-result">{t('classify.result')}</h3>
      {view.labels.length > 0 && (
        <ul className="chip-list" data-testid="labels">
          {view.labels.map((l) => (
            <li key={l} className="chip" data-testid="label">
              {l}
            </li>
          ))}
        </ul>
      )}
      {showNothing(run, view.labels.length) && <NothingParsed run={run} what={t('classify.what')} unparsed={view.unparsed} />}
    </section>
  );
}

/** Text classification into offered labels, single- or multi-label. */
export const ClassifyPanel = taskPanel({
  id: 'classify',
  input: { field: 'input', label: 'classify.input' },
  examples: CLASSIFY_EXAMPLES,
  onExample: (ex, form) => ({ ...presetPatch(ex.preset, form), input: ex.text, freeLabels: ex.freeLabels ?? '' }),
  Options: LabelOptions,
  langFrom: (f) => f.input,
  Result: ClassifyResult,
});
