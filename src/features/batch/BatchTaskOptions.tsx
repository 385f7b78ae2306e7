import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreApi, UseBoundStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { LangSelect } from '../../components/LangSelect';
import type { Example } from '../../components/ExamplePicker';
import type { LangMode } from '../../core/lang';
import { TASK_DEFINITIONS, type DefinedTaskId } from '../../core/tasks/definitions';
import { BATCH_TASKS, documentField } from '../../store/batchTasks';
import { useBatch } from '../../store/batch';
import { taskStore } from '../../store/taskStore';
import type { TaskPanelSpec } from '../workbench/TaskFrame';
import { usePanelSpec } from './usePanelSpec';

type Form = Record<string, unknown>;

/** The task's own option parts, on the form of its tab: changing one here changes it there. */
function OptionsOf({ task, spec }: { task: DefinedTaskId; spec: TaskPanelSpec<DefinedTaskId, Example> }) {
  const { t } = useTranslation('workbench');
  const { t: tj } = useTranslation('jobs');
  const questionId = useId();
  const useStore = taskStore(task) as unknown as UseBoundStore<StoreApi<Form & { set: (p: Partial<Form>) => void }>>;
  const keys = Object.keys(TASK_DEFINITIONS[task].form);
  const form = useStore(useShallow((s) => Object.fromEntries(keys.map((k) => [k, s[k]]))));
  const set = useStore((s) => s.set);
  const slot = { form: form as never, set: set as never, start: () => undefined };
  const { Header, Options } = spec;
  // the document fills one field; another main field (a question) is asked of every document
  const otherMain = spec.input.field !== documentField(task) ? String(spec.input.field) : null;
  return (
    <>
      {Header && <Header {...slot} />}
      {otherMain && (
        <>
          <label htmlFor={questionId}>{tj('batch.question')}</label>
          <input id={questionId} type="text" value={String(form[otherMain] ?? '')} onChange={(e) => set({ [otherMain]: e.target.value })} />
          <p className="hint">{tj('batch.questionHint')}</p>
        </>
      )}
      {Options && <Options {...slot} />}
      {spec.langFrom && typeof form.langMode === 'string' && (
        <LangSelect value={form.langMode as LangMode} onChange={(v) => set({ langMode: v })} input="" />
      )}
      <span className="hint">
        {t(spec.input.label)}: {tj('batch.fromDocuments')}
      </span>
    </>
  );
}

/** The task of the batch and its options: the same settings as the task's own tab. */
export const BatchTaskOptions = memo(function BatchTaskOptions({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation('jobs');
  const { t: tc } = useTranslation();
  const id = useId();
  const { task, set } = useBatch(useShallow(({ task, set }) => ({ task, set })));
  const spec = usePanelSpec(task);
  return (
    <fieldset className="task-options" disabled={disabled}>
      <legend>{t('batch.taskLegend')}</legend>
      <label htmlFor={id}>{t('batch.task')}</label>
      <select id={id} data-testid="batch-task" value={task} onChange={(e) => set({ task: e.target.value as DefinedTaskId })}>
        {BATCH_TASKS.map((x) => (
          <option key={x} value={x}>
            {tc(`tasks.${x}`)}
          </option>
        ))}
      </select>
      <p className="hint">{t('batch.sameOptions')}</p>
      {spec && <OptionsOf key={task} task={task} spec={spec} />}
    </fieldset>
  );
});
