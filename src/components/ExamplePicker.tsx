import { useTranslation } from 'react-i18next';
import type { WorkbenchKey } from '../i18n/keys';

/** The examples named in the `workbench` strings. */
export type ExampleId = WorkbenchKey extends infer K ? (K extends `examples.${infer Id}` ? Id : never) : never;

export interface Example {
  /** Key of the example's name in the `workbench` namespace (`examples.<id>`). */
  id: ExampleId;
}

/** Fills a tab's input with one of a few curated English and Chinese examples. */
export function ExamplePicker<E extends Example>({ examples, onPick }: { examples: readonly E[]; onPick: (example: E) => void }) {
  const { t } = useTranslation('workbench');
  return (
    <label className="example-picker">
      <span className="visually-hidden">{t('examples.label')}</span>
      <select
        data-testid="example-picker"
        value=""
        onChange={(e) => {
          const ex = examples.find((x) => x.id === e.target.value);
          if (ex) onPick(ex);
        }}
      >
        <option value="">{t('examples.choose')}</option>
        {examples.map((ex) => (
          <option key={ex.id} value={ex.id}>
            {t(`examples.${ex.id}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
