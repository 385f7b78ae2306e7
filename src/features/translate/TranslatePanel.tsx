import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranslateForm, TranslateView } from '../../core/tasks/definitions/translate';
import { directionFor } from '../../core/tasks/translate';
import { CopyButton } from '../../components/CopyButton';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { taskPanel, type FormProps, type ResultProps } from '../workbench/TaskFrame';
import { TRANSLATE_EXAMPLES } from './examples';

function Direction({ form, set }: FormProps<TranslateForm>) {
  const { t } = useTranslation('workbench');
  const auto = useMemo(() => directionFor(form.input, {}), [form.input]);
  return (
    <label>
      {t('translate.direction')}
      <select
        data-testid="translate-direction"
        value={form.direction}
        onChange={(e) => set({ direction: e.target.value as TranslateForm['direction'] })}
      >
        <option value="auto">{t('translate.auto', { direction: t(`translate.${auto}`) })}</option>
        <option value="en2zh">{t('translate.en2zh')}</option>
        <option value="zh2en">{t('translate.zh2en')}</option>
      </select>
    </label>
  );
}

function Translation({ view, run }: ResultProps<TranslateForm, TranslateView>) {
  const { t } = useTranslation('workbench');
  const text = view.parts.join('').trim();
  return (
    <section className="result" aria-labelledby="translate-result">
      <h3 id="translate-result">{t('translate.result')}</h3>
      {text && (
        <>
          <p className="translation" data-testid="translation" lang={view.direction === 'en2zh' ? 'zh-CN' : 'en'}>
            {text}
          </p>
          <div className="row">
            <CopyButton label={t('export.copy')} text={() => text} />
          </div>
        </>
      )}
      {showNothing(run, text ? 1 : 0) && <NothingParsed run={run} what={t('translate.what')} unparsed={[]} />}
    </section>
  );
}

/** English↔Chinese translation; long texts are translated chunk by chunk and joined. */
export const TranslatePanel = taskPanel({
  id: 'translate',
  input: { field: 'input', label: 'translate.input' },
  examples: TRANSLATE_EXAMPLES,
  onExample: (ex) => ({ input: ex.text, direction: 'auto' as const }),
  Options: Direction,
  Result: Translation,
});
