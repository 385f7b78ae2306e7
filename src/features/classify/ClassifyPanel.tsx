import { useTranslation } from 'react-i18next';
import { presetPatch, type ClassifyForm, type ClassifyView } from '../../core/tasks/definitions/classify';
import { LABEL_PRESETS } from '../../core/tasks/presets';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { useDisplayName } from '../../components/displayName';
import { presetNames } from '../workbench/presetNames';
import { taskPanel, type FormProps, type ResultProps } from '../workbench/TaskFrame';
import { CLASSIFY_EXAMPLES } from './examples';

const Labels = presetNames<ClassifyForm>({
  presets: LABEL_PRESETS,
  legend: 'classify.labels',
  free: 'freeLabels',
  freeLabel: 'classify.freeLabels',
  freePlaceholder: 'classify.freePlaceholder',
  onPreset: presetPatch,
});

function LabelOptions(props: FormProps<ClassifyForm>) {
  const { t } = useTranslation('workbench');
  const { form, set } = props;
  return (
    <>
      <Labels {...props} />
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="multi-label"
          checked={form.multiLabel}
          onChange={(e) => set({ multiLabel: e.target.checked })}
        />{' '}
        {t('classify.multiLabel')}
      </label>
    </>
  );
}

function ClassifyResult({ view, run }: ResultProps<ClassifyForm, ClassifyView>) {
  const { t } = useTranslation('workbench');
  const { name: displayName } = useDisplayName();
  return (
    <section className="result" aria-labelledby="classify-result">
      <h3 id="classify-result">{t('classify.result')}</h3>
      {view.labels.length > 0 && (
        <ul className="chip-list" data-testid="labels">
          {view.labels.map((l) => (
            <li key={l} className="chip" data-testid="label" data-label={l}>
              {displayName(l)}
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
