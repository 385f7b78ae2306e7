import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A panel whose code loads on first use, or earlier through `preload()`. */
export type LazyPanel = LazyExoticComponent<ComponentType> & { preload(): Promise<void> };

export interface TaskTab {
  /** Task id of the test contract (`tab-<id>`, `?task=<id>`). */
  id: string;
  Panel: LazyPanel;
}

/** A module React.lazy reads at once: its `then` calls back synchronously, so nothing suspends. */
const ready = (Panel: ComponentType) =>
  ({ then: (resolve: (m: { default: ComponentType }) => void) => resolve({ default: Panel }) }) as unknown as Promise<{ default: ComponentType }>;

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

/** The task tabs in display order; each panel's code loads when its tab is first opened. */
export const TASK_TABS: TaskTab[] = [
  { id: 'playground', Panel: lazyPanel(() => import('./playground/Playground').then((m) => m.Playground)) },
  { id: 'entities', Panel: lazyPanel(() => import('./entities/EntitiesPanel').then((m) => m.EntitiesPanel)) },
  { id: 'relations', Panel: lazyPanel(() => import('./relations/RelationsPanel').then((m) => m.RelationsPanel)) },
  { id: 'qa', Panel: lazyPanel(() => import('./qa/QaPanel').then((m) => m.QaPanel)) },
  { id: 'classify', Panel: lazyPanel(() => import('./classify/ClassifyPanel').then((m) => m.ClassifyPanel)) },
  { id: 'translate', Panel: lazyPanel(() => import('./translate/TranslatePanel').then((m) => m.TranslatePanel)) },
  { id: 'title', Panel: lazyPanel(() => import('./title/TitlePanel').then((m) => m.TitlePanel)) },
  { id: 'similarity', Panel: lazyPanel(() => import('./similarity/SimilarityPanel').then((m) => m.SimilarityPanel)) },
  { id: 'events', Panel: lazyPanel(() => import('./events/EventsPanel').then((m) => m.EventsPanel)) },
  { id: 'chat', Panel: lazyPanel(() => import('./chat/ChatPanel').then((m) => m.ChatPanel)) },
];

export const DEFAULT_TASK = 'playground';
export const isTaskId = (id: string | null): id is string => !!id && TASK_TABS.some((t) => t.id === id);

/** The tab the page opens on: the one `?task=` names, else the default. */
export const openingTask = (wanted: string | null): TaskTab => TASK_TABS.find((t) => t.id === (isTaskId(wanted) ? wanted : DEFAULT_TASK))!;
