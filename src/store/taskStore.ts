/**
 * One store shell for every defined task: the form, the run and the result view, with `start` planning the run
 * from the task's definition and folding each complete answer into the view.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { IDLE_RUN, type RunState } from '../core/run';
import { TASK_DEFINITIONS, type DefinedTaskId, type FormOf, type TaskDefinition, type ViewOf } from '../core/tasks/definitions';
import { canSaveTabs, readTab, writeTab } from './savedTabs';
import { chunksFor, taskRunner } from './taskRun';

/** What a replacement of the user's text took away, so it can be put back. */
export interface Replaced<Form, View> {
  form: Partial<Form>;
  view: View | null;
}

export interface TaskActions<Form, View> {
  run: RunState;
  view: View | null;
  /** The text an example, an opened file or an import replaced, while it can still be put back. */
  replaced: Replaced<Form, View> | null;
  set: (patch: Partial<Form>) => void;
  /**
   * Fills the form from outside the user's typing (an example, a file), with the result that goes with it if
   * any. Text the user had written is kept in `replaced` for `undoReplace`.
   */
  replace: (patch: Partial<Form>, view?: View) => void;
  undoReplace: () => void;
  /** Forgets the replaced text (the user has moved on). */
  keepReplacement: () => void;
  /** Shows a result that no run made (an imported file); the definition's `viewReset` fields go back to their start. */
  showView: (view: View) => void;
  start: () => Promise<void>;
  stop: () => void;
}

export type TaskState<Form, View> = Form & TaskActions<Form, View>;

export type TaskStore<Form, View> = UseBoundStore<StoreApi<TaskState<Form, View>>>;

export function createTaskStore<Form extends object, View>(def: TaskDefinition<Form, View>): TaskStore<Form, View> {
  const resetPatch = () => Object.fromEntries((def.viewReset ?? []).map((k) => [k, def.form[k]])) as Partial<Form>;
  return create<TaskState<Form, View>>()((set, get) => {
    const runner = taskRunner<TaskState<Form, View>>(set);
    const showView = (view: View) => set({ view, ...resetPatch() } as Partial<TaskState<Form, View>>);
    const addAnswer = (fold: (view: View) => View) =>
      set((st) => (st.view ? ({ view: fold(st.view) } as Partial<TaskState<Form, View>>) : {}));
    return {
      ...def.form,
      run: IDLE_RUN,
      view: null,
      replaced: null,
      set: (patch) => set(patch as Partial<TaskState<Form, View>>),
      replace: (patch, view) => {
        const s = get();
        const keys = Object.keys(patch) as (keyof Form)[];
        // only text the user wrote is worth keeping: empty fields and text equal to the new one lose nothing, and
        // a second replacement before any typing keeps the first one's snapshot (the user's own text)
        const loses = keys.some((k) => typeof s[k] === 'string' && (s[k] as string).trim() !== '' && s[k] !== patch[k]);
        const form = Object.fromEntries(keys.map((k) => [k, s[k]])) as Partial<Form>;
        set({ ...patch, replaced: s.replaced ?? (loses ? { form, view: s.view } : null) } as Partial<TaskState<Form, View>>);
        // a result from elsewhere (an imported file) is not the last run's: its status and provenance go
        if (view !== undefined) {
          showView(view);
          if (!get().run.running) set({ run: IDLE_RUN } as Partial<TaskState<Form, View>>);
        }
      },
      undoReplace: () => {
        const { replaced } = get();
        if (replaced) set({ ...replaced.form, view: replaced.view, replaced: null } as Partial<TaskState<Form, View>>);
      },
      keepReplacement: () => set({ replaced: null } as Partial<TaskState<Form, View>>),
      showView,
      start: async () => {
        const s = get();
        if (s.run.running || def.blocker(s) !== null) return;
        const plan = def.plan(s);
        showView(plan.initial);
        if (plan.kind === 'single')
          await runner.prompts([plan.prompt], (_, answer, end) => addAnswer((v) => plan.addAnswer(v, answer, end)), plan.grammar);
        else
          await runner.chunks(
            chunksFor(plan.document, plan.prompt),
            plan.prompt,
            (chunk, answer, end) => addAnswer((v) => plan.addAnswer(v, answer, chunk, end)),
            plan.grammar,
          );
      },
      stop: runner.stop,
    } as TaskState<Form, View>;
  });
}

/** How long typing pauses before the tab is saved: a keystroke in a 1 MB text never waits for IndexedDB. */
const SAVE_DELAY_MS = 600;

/**
 * Keeps a tab's form and last result across reloads: read once when the store is made (unless the user has
 * changed something meanwhile), written a moment after each change.
 */
function keepAcrossReloads<Form extends object, View>(store: TaskStore<Form, View>, def: TaskDefinition<Form, View>) {
  if (!canSaveTabs()) return;
  const keys = Object.keys(def.form) as (keyof Form & string)[];
  const shape = [...keys].sort().join(',');
  let restored = false;
  let changed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    const s = store.getState();
    void writeTab({ id: def.id, shape, form: Object.fromEntries(keys.map((k) => [k, s[k]])), view: s.view });
  };
  store.subscribe((s, prev) => {
    if (s.view === prev.view && keys.every((k) => s[k] === prev[k])) return;
    changed = true;
    if (!restored) return;
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  });
  void readTab(def.id).then((saved) => {
    const typedFirst = changed;
    if (saved && saved.shape === shape && !typedFirst) {
      // only fields of the form's own types: a damaged record cannot put a number where text belongs
      const form = Object.fromEntries(keys.filter((k) => typeof saved.form[k] === typeof def.form[k]).map((k) => [k, saved.form[k]]));
      store.setState({ ...form, view: (saved.view ?? null) as View | null } as Partial<TaskState<Form, View>>);
    }
    restored = true;
    if (typedFirst) save();
  });
}

const stores = new Map<DefinedTaskId, TaskStore<never, never>>();

/** The one store of a defined task, made from its definition when first asked for. */
export function taskStore<K extends DefinedTaskId>(id: K): TaskStore<FormOf<K>, ViewOf<K>> {
  let store = stores.get(id);
  if (!store) {
    const def = TASK_DEFINITIONS[id] as TaskDefinition<object, unknown>;
    const made = createTaskStore(def);
    keepAcrossReloads(made, def);
    stores.set(id, (store = made as unknown as TaskStore<never, never>));
  }
  return store as unknown as TaskStore<FormOf<K>, ViewOf<K>>;
}
