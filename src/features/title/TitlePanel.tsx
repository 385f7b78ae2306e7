import { useTranslation } from 'react-i18next';
import type { TitleForm, TitleView } from '../../core/tasks/definitions/title';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { taskPanel, type ResultProps } from '../workbench/TaskFrame';
import { TITLE_EXAMPLES } from './examples';

function TitleResult({ view, run }: ResultProps<TitleForm, TitleView>) {
  const { t } = useTranslation('workbench');
  return (
    <section className="result" aria-labelledby="title-result">
      <h3 id="title-result">{t('title.result')}</h3>
      {view.title && (
        <p className="big-answer" data-testid="title-answer">
          {view.title}
        </p>
      )}
      {view.unparsed.length > 0 && <p className="hint">{t('title.extra', { count: view.unparsed.length })}</p>}
      {showNothing(run, view.title ? 1 : 0) && <NothingParsed run={run} what={t('title.what')} unparsed={view.unparsed} />}
    </section>
  );
}

/** A title for an abstract. */
export const TitlePanel = taskPanel({
  id: 'title',
  input: { field: 'input', label: 'title.input' },
  examples: TITLE_EXAMPLES,
  onExample: (ex) => ({ input: ex.text }),
  langFrom: (f) => f.input,
  Result: TitleResult,
});
