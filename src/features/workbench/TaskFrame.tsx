/**
 * The frame every defined task's tab shares: input with examples, options, run bar, the task's result and the
 * raw output. It is the only part that subscribes to the streaming run: the result gets the run's status,
 * which changes per finished answer, and a `Streamed` component for what must follow the tokens.
 */
import { memo, useCallback, useMemo, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { runStatus, type RunStatus } from '../../core/run';
import { TASK_DEFINITIONS, type DefinedTaskId, type FormOf, type ViewOf } from '../../core/tasks/definitions';
import type { Example } from '../../components/ExamplePicker';
import { ExamplePicker } from '../../components/ExamplePicker';
import { LangSelect } from '../../components/LangSelect';
import { ProvenanceDetails } from '../../components/ProvenanceDetails';
import { FoldRawOutput, RawOutput } from '../../components/RawOutput';
import { RunBar } from './RunBar';
import { TaskInput } from '../../components/TaskInput';
import type { LangMode } from '../../core/lang';
import { taskStore, type TaskStore } from '../../store/taskStore';
import { TaskSettings } from './TaskSettings';
import type { WorkbenchKey } from '../../i18n/keys';

/** Names of the form's text fields. */
type TextField<Form> = { [K in keyof Form]: Form[K] extends string ? K : never }[keyof Form];

export interface FormProps<Form> {
  form: Form;
  set: (patch: Partial<Form>) => void;
  start: () => void;
}

/** Renders the raw answers as they stream. */
export type Streamed = ComponentType<{ children: (raws: readonly string[]) => ReactNode }>;

export interface ResultProps<Form, View> extends FormProps<Form> {
  view: View;
  run: RunStatus;
  Streamed: Streamed;
}

export interface TaskPanelSpec<K extends DefinedTaskId, E extends Example> {
  id: K;
  /** The main text area (`task-input`); label and placeholder are `workbench` keys. */
  input: { field: TextField<FormOf<K>>; label: WorkbenchKey; placeholder?: WorkbenchKey; rows?: number; acceptFiles?: boolean };
  examples?: readonly E[];
  /** The form an example fills in. */
  onExample?: (example: E, form: FormOf<K>) => Partial<FormOf<K>>;
  /** Shown above the main input (a choice of format). */
  Header?: ComponentType<FormProps<FormOf<K>>>;
  /** Further inputs below the main one. */
  Inputs?: ComponentType<FormProps<FormOf<K>>>;
  /** The task's options, before the prompt language and the sampling settings. */
  Options?: ComponentType<FormProps<FormOf<K>>>;
  /** The text whose script picks the prompt language; without it the tab offers no language choice. */
  langFrom?: (form: FormOf<K>) => string;
  /** Shown between the run bar and the result (opening a file to view). */
  BeforeResult?: ComponentType;
  Result: ComponentType<ResultProps<FormOf<K>, ViewOf<K>>>;
}

/** A task's tab, carrying the description it was made from. */
export type TaskPanel = ComponentType & { spec: TaskPanelSpec<DefinedTaskId, Example> };

/** Makes a task's tab from its definition (by id) and how it renders. */
export function taskPanel<K extends DefinedTaskId, E extends Example>(spec: TaskPanelSpec<K, E>): TaskPanel {
  type Form = FormOf<K>;
  type View = ViewOf<K>;
  const useStore = taskStore(spec.id) as TaskStore<Form, View>;
  const def = TASK_DEFINITIONS[spec.id];
  const keys = Object.keys(def.form) as (keyof Form)[];
  const Streamed: Streamed = ({ children }) => <>{children(useStore((s) => s.run.raws))}</>;
  const Result = memo(spec.Result) as ComponentType<ResultProps<Form, View>>;
  /** Offers the text an example, a file or an import replaced back, until the user types on. */
  const UndoReplace = () => {
    const { t } = useTranslation('workbench');
    const replaced = useStore((s) => s.replaced !== null);
    if (!replaced) return null;
    return (
      <p className="notice undo-replace" role="status">
        {t('input.replaced')}{' '}
        <button type="button" data-testid="input-undo" onClick={() => useStore.getState().undoReplace()}>
          {t('input.undo')}
        </button>
      </p>
    );
  };
  const { Header, Inputs, Options, BeforeResult, langFrom, input } = spec;

  function Panel() {
    const { t } = useTranslation('workbench');
    const form = useStore(useShallow((s) => Object.fromEntries(keys.map((k) => [k, s[k]])) as Form));
    const view = useStore((s) => s.view);
    const run = useStore(useShallow((s) => runStatus(s.run)));
    const {
      set,
      replace,
      start: startRun,
      stop,
    } = useStore(useShallow(({ set, replace, start, stop }) => ({ set, replace, start, stop })));
    const start = useCallback(() => void startRun(), [startRun]);
    const blocker = useMemo(() => (def.blocker as (f: Form) => WorkbenchKey | null)(form), [form]);
    const slot: FormProps<Form> = { form, set, start };
    const langMode = (form as { langMode?: LangMode }).langMode;
    const [rawFolded, setRawFolded] = useState(false);

    return (
      <div className="task">
        {Header && <Header {...slot} />}
        <TaskInput
          label={t(input.label)}
          value={form[input.field] as string}
          onChange={(v) => {
            set({ [input.field]: v } as Partial<Form>);
            if (useStore.getState().replaced) useStore.getState().keepReplacement();
          }}
          onReplace={(v) => replace({ [input.field]: v } as Partial<Form>)}
          onSubmit={start}
          placeholder={input.placeholder && t(input.placeholder)}
          rows={input.rows}
          acceptFiles={input.acceptFiles}
        >
          {spec.examples && spec.onExample && (
            <ExamplePicker examples={spec.examples} onPick={(ex) => replace(spec.onExample!(ex, form))} />
          )}
        </TaskInput>
        <UndoReplace />
        {Inputs && <Inputs {...slot} />}
        <div className="task-options">
          {Options && <Options {...slot} />}
          {langFrom && langMode && (
            <LangSelect value={langMode} onChange={(v) => set({ langMode: v } as unknown as Partial<Form>)} input={langFrom(form)} />
          )}
          <TaskSettings task={spec.id} />
        </div>
        <RunBar run={run} ready={!blocker} why={blocker && t(blocker)} onRun={start} onStop={stop} />
        {BeforeResult && <BeforeResult />}
        {view && (
          // an answer cut off at the token limit leaves a partial result: marked so, and said by the run bar
          <div
            className={run.truncated > 0 ? 'task-result partial' : 'task-result'}
            data-testid="task-result"
            data-partial={run.truncated > 0}
          >
            {run.truncated > 0 && <p className="partial-mark">{t('run.partial')}</p>}
            <FoldRawOutput.Provider value={setRawFolded}>
              <Result {...slot} view={view} run={run} Streamed={Streamed} />
            </FoldRawOutput.Provider>
          </div>
        )}
        <RawOutput store={useStore} folded={rawFolded && !!view} />
        {view && run.provenance && !run.running && <ProvenanceDetails provenance={run.provenance} />}
      </div>
    );
  }
  Panel.displayName = `${spec.id}Panel`;
  // a batch shows its documents' results and asks for its options with the tab's own parts
  return Object.assign(Panel, { spec: spec as unknown as TaskPanelSpec<DefinedTaskId, Example> });
}
