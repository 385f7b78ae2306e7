import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import i18n from '../i18n';
import { DEFAULT_TASK, TASK_IDS, type TaskId } from '../core/tasks/ids';

/** A panel whose code loads on first use, or earlier through `preload()`. */
export type LazyPanel = LazyExoticComponent<ComponentType> & { preload(): Promise<void> };

/** A module React.lazy reads at once: its `then` calls back synchronously, so nothing suspends. */
const ready = (Panel: ComponentType) =>
  ({ then: (resolve: (m: { default: ComponentType }) => void) => resolve({ default: Panel }) }) as unknown as Promise<{
    default: ComponentType;
  }>;

/**
 * A tab's panel, its code fetched with the tab. Once that code is in (the opening tab's is preloaded before the
 * first render), the panel renders without suspending: a suspended boundary shows its fallback, and React holds
 * the content back for 300 ms after that.
 */
function lazyPanel(load: () => Promise<ComponentType>): LazyPanel {
  let loaded: ComponentType | undefined;
  let pending: Promise<ComponentType> | undefined;
  const fetchCode = () => (pending ??= load().then((Panel) => (loaded = Panel)));
  const Panel = lazy(() => (loaded ? ready(loaded) : fetchCode().then((P) => ({ default: P })))) as LazyPanel;
  Panel.preload = () => fetchCode().then(() => undefined);
  return Panel;
}

/** The job tabs' strings come with their code. */
const withJobStrings = (load: () => Promise<ComponentType>) => () =>
  Promise.all([load(), i18n.loadNamespaces('jobs')]).then(([Panel]) => Panel);

/** Loads each tab's panel, by task id: when its tab is first opened, or when a batch needs its views. */
export const PANEL_LOADERS: Record<TaskId, () => Promise<ComponentType>> = {
  playground: () => import('./playground/Playground').then((m) => m.Playground),
  entities: () => import('./entities/EntitiesPanel').then((m) => m.EntitiesPanel),
  relations: () => import('./relations/RelationsPanel').then((m) => m.RelationsPanel),
  qa: () => import('./qa/QaPanel').then((m) => m.QaPanel),
  classify: () => import('./classify/ClassifyPanel').then((m) => m.ClassifyPanel),
  translate: () => import('./translate/TranslatePanel').then((m) => m.TranslatePanel),
  title: () => import('./title/TitlePanel').then((m) => m.TitlePanel),
  similarity: () => import('./similarity/SimilarityPanel').then((m) => m.SimilarityPanel),
  events: () => import('./events/EventsPanel').then((m) => m.EventsPanel),
  chat: () => import('./chat/ChatPanel').then((m) => m.ChatPanel),
  batch: withJobStrings(() => import('./batch/BatchPanel').then((m) => m.BatchPanel)),
  eval: withJobStrings(() => import('./eval/EvalPanel').then((m) => m.EvalPanel)),
};

const PANELS = Object.fromEntries(TASK_IDS.map((id) => [id, lazyPanel(PANEL_LOADERS[id])])) as Record<TaskId, LazyPanel>;

export interface TaskTab {
  /** Task id of the test contract (`tab-<id>`, `?task=<id>`). */
  id: TaskId;
  Panel: LazyPanel;
}

/** The task tabs in display order. */
export const TASK_TABS: readonly TaskTab[] = TASK_IDS.map((id) => ({ id, Panel: PANELS[id] }));

/** The tab the page opens on: the one `?task=` names, else the default. */
export const openingTask = (task: TaskId | null): TaskTab => TASK_TABS.find((t) => t.id === (task ?? DEFAULT_TASK))!;
