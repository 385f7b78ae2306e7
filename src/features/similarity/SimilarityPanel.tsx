import { useTranslation } from 'react-i18next';
import type { SimilarityForm, SimilarityView } from '../../core/tasks/definitions/similarity';
import { NothingParsed, showNothing } from '../../components/NothingParsed';
import { TaskInput } from '../../components/TaskInput';
import { taskPanel, type FormProps, type ResultProps } from '../workbench/TaskFrame';

const EXAMPLES = [
  {
    id: 'ssEn',
    a: "How can someone's happiness level affect someone's health?",
    b: 'Can staying happy improve my health? What specific steps should I take?',
  },
  { id: 'ssZh', a: '乙肝小二阳会转成小三阳吗？', b: '乙肝小三阳会不会转成肝硬化、肝癌？' },
] as const;

function SecondSentence({ form, set, start }: FormProps<SimilarityForm>) {
  const { t } = useTranslation('workbench');
  return (
    <TaskInput
      label={t('similarity.b')}
      value={form.b}
      onChange={(v) => set({ b: v })}
      onSubmit={start}
      rows={3}
      acceptFiles={false}
      testId="task-input-b"
    />
  );
}

function SimilarityResult({ view, run }: ResultProps<SimilarityForm, SimilarityView>) {
  const { t } = useTranslation('workbench');
  return (
    <section className="result" aria-labelledby="similarity-result">
      <h3 id="similarity-result">{t('similarity.result')}</h3>
      {view.label && (
        <p className="big-answer" data-testid="similarity-answer" data-similar={String(view.similar)}>
          {view.similar ? t('similarity.same') : t('similarity.different')} <span className="hint">({view.label})</span>
        </p>
      )}
      {showNothing(run, view.label ? 1 : 0) && <NothingParsed run={run} what={t('similarity.what')} unparsed={view.unparsed} />}
    </section>
  );
}

/** Whether two sentences mean the same, in Taiyi's own labels. */
export const SimilarityPanel = taskPanel({
  id: 'similarity',
  input: { field: 'a', label: 'similarity.a', rows: 3, acceptFiles: false },
  examples: EXAMPLES,
  onExample: (ex) => ({ a: ex.a, b: ex.b }),
  Inputs: SecondSentence,
  langFrom: (f) => f.a + f.b,
  Result: SimilarityResult,
});
