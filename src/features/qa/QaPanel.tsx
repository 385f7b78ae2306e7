import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { QaFormat } from '../../core/tasks/qa';
import { ExamplePicker } from '../../components/ExamplePicker';
import { LangSelect } from '../../components/LangSelect';
import { RawOutput } from '../../components/RawOutput';
import { RunBar } from '../../components/RunBar';
import { TaskInput } from '../../components/TaskInput';
import { LETTERS, emptyChoices, qaReady, useQa } from '../../store/qa';
import { ChoiceEditor } from './ChoiceEditor';
import { QA_EXAMPLES } from './examples';
import { QaResult } from './QaResult';
import { TaskSettings } from '../workbench/TaskSettings';

const FORMATS: readonly QaFormat[] = ['free', 'choice', 'yesno'];

/** Question answering: free questions, multiple choice, and yes/no/maybe over a pasted context. */
export function QaPanel() {
  const { t } = useTranslation('workbench');
  const s = useQa(useShallow(({ format, question, context, choices, langMode, run }) => ({ format, question, context, choices, langMode, run })));
  const { set, start, stop } = useQa(useShallow(({ set, start, stop }) => ({ set, start, stop })));
  const why = !s.question.trim()
    ? t('qa.needQuestion')
    : s.format === 'choice' && !qaReady(s)
      ? t('qa.needChoices')
      : s.format === 'yesno' && !s.context.trim()
        ? t('qa.needContext')
        : null;

  return (
    <div className="task">
      <fieldset className="row">
        <legend>{t('qa.format')}</legend>
        {FORMATS.map((f) => (
          <label key={f} className="checkbox">
            <input type="radio" name="qa-format" data-testid={`qa-format-${f}`} checked={s.format === f} onChange={() => set({ format: f })} />{' '}
            {t(`qa.formats.${f}`)}
          </label>
        ))}
      </fieldset>
      <TaskInput label={t('qa.question')} value={s.question} onChange={(v) => set({ question: v })} onSubmit={() => void start()} rows={3} acceptFiles={false} placeholder={t('qa.placeholder')}>
        <ExamplePicker
          examples={QA_EXAMPLES}
          onPick={(ex) =>
            set({
              format: ex.format,
              question: ex.question,
              context: ex.context ?? '',
              choices: ex.choices ? Object.entries(ex.choices).map(([letter, text]) => ({ letter, text })) : emptyChoices(),
            })
          }
        />
      </TaskInput>
      {s.format === 'choice' && <ChoiceEditor choices={s.choices} onChange={(choices) => set({ choices })} max={LETTERS.length} />}
      {s.format === 'yesno' && (
        <TaskInput label={t('qa.context')} value={s.context} onChange={(v) => set({ context: v })} testId="qa-context" rows={6} placeholder={t('qa.contextPlaceholder')} />
      )}
      <div className="task-options">
        <LangSelect value={s.langMode} onChange={(v) => set({ langMode: v })} input={s.question + s.context} />
        <TaskSettings task="qa" />
      </div>
      <RunBar run={s.run} ready={!why} why={why} onRun={() => void start()} onStop={stop} />
      <QaResult />
      <RawOutput run={s.run} />
    </div>
  );
}
