import { useTranslation } from 'react-i18next';
import type { QaFormat } from '../../core/tasks/qa';
import { LETTERS, emptyChoices, type QaForm } from '../../core/tasks/definitions/qa';
import { TaskInput } from '../../components/TaskInput';
import { taskPanel, type FormProps } from '../workbench/TaskFrame';
import { ChoiceEditor } from './ChoiceEditor';
import { QA_EXAMPLES } from './examples';
import { QaResult } from './QaResult';

const FORMATS: readonly QaFormat[] = ['free', 'choice', 'yesno'];

function FormatChoice({ form, set }: FormProps<QaForm>) {
  const { t } = useTranslation('workbench');
  return (
    <fieldset className="row">
      <legend>{t('qa.format')}</legend>
      {FORMATS.map((f) => (
        <label key={f} className="checkbox">
          <input
            type="radio"
            name="qa-format"
            data-testid={`qa-format-${f}`}
            checked={form.format === f}
            onChange={() => set({ format: f })}
          />{' '}
          {t(`qa.formats.${f}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** The options of a multiple-choice question, or the context a yes/no question is asked about. */
function QaInputs({ form, set }: FormProps<QaForm>) {
  const { t } = useTranslation('workbench');
  if (form.format === 'choice')
    return <ChoiceEditor choices={form.choices} onChange={(choices) => set({ choices })} max={LETTERS.length} />;
  if (form.format === 'yesno')
    return (
      <TaskInput
        label={t('qa.context')}
        value={form.context}
        onChange={(v) => set({ context: v })}
        testId="qa-context"
        rows={6}
        placeholder={t('qa.contextPlaceholder')}
      />
    );
  return null;
}

/** Question answering: free questions, multiple choice, and yes/no/maybe over a pasted context. */
export const QaPanel = taskPanel({
  id: 'qa',
  input: { field: 'question', label: 'qa.question', placeholder: 'qa.placeholder', rows: 3, acceptFiles: false },
  examples: QA_EXAMPLES,
  onExample: (ex) => ({
    format: ex.format,
    question: ex.question,
    context: ex.context ?? '',
    choices: ex.choices ? Object.entries(ex.choices).map(([letter, text]) => ({ letter, text })) : emptyChoices(),
  }),
  Header: FormatChoice,
  Inputs: QaInputs,
  langFrom: (f) => f.question + f.context,
  Result: QaResult,
});
