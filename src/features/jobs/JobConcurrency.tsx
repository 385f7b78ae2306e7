import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useModel } from '../../store/model';
import { MAX_SERVER_CONCURRENCY, useSettings } from '../../store/settings';

/**
 * How many documents a job sends at once, offered only while a model server is loaded (it batches concurrent
 * requests; a model in this browser runs one at a time). Read when a job starts or resumes.
 */
export function JobConcurrency({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation('jobs');
  const id = useId();
  const concurrent = useModel((s) => s.loaded?.concurrent === true);
  const value = useSettings((s) => s.serverConcurrency);
  const set = useSettings((s) => s.set);
  if (!concurrent) return null;
  return (
    <div className="row">
      <label htmlFor={id}>{t('concurrency.label')}</label>
      <input
        id={id}
        type="number"
        className="narrow"
        data-testid="job-concurrency"
        min={1}
        max={MAX_SERVER_CONCURRENCY}
        step={1}
        value={value}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const v = e.target.valueAsNumber;
          if (Number.isFinite(v)) set({ serverConcurrency: Math.min(MAX_SERVER_CONCURRENCY, Math.max(1, Math.round(v))) });
        }}
      />
      <span className="hint" id={`${id}-hint`}>
        {t('concurrency.hint')}
      </span>
    </div>
  );
}
