import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { TASK_IDS, type TaskId } from '../core/tasks/ids';

/** Each tab's panel, by task id; a panel's code loads when its tab is first opened. */
const PANELS: Record<TaskId, LazyExoticComponent<ComponentType>> = {
  playground: lazy(() => import('./playground/Playground').then((m) => ({ default: m.Playground }))),
  entities: lazy(() => import('./entities/EntitiesPanel').then((m) => ({ default: m.EntitiesPanel }))),
  relations: lazy(() => import('./relations/RelationsPanel').then((m) => ({ default: m.RelationsPanel }))),
  qa: lazy(() => import('./qa/QaPanel').then((m) => ({ default: m.QaPanel }))),
  classify: lazy(() => import('./classify/ClassifyPanel').then((m) => ({ default: m.ClassifyPanel }))),
  translate: lazy(() => import('./translate/TranslatePanel').then((m) => ({ default: m.TranslatePanel }))),
  title: lazy(() => import('./title/TitlePanel').then((m) => ({ default: m.TitlePanel }))),
  similarity: lazy(() => import('./similarity/SimilarityPanel').then((m) => ({ default: m.SimilarityPanel }))),
  events: lazy(() => import('./events/EventsPanel').then((m) => ({ default: m.EventsPanel }))),
  chat: lazy(() => import('./chat/ChatPanel').then((m) => ({ default: m.ChatPanel }))),
};

export interface TaskTab {
  /** Task id of the test contract (`tab-<id>`, `?task=<id>`). */
  id: TaskId;
  Panel: LazyExoticComponent<ComponentType>;
}

/** The task tabs in display order. */
export const TASK_TABS: readonly TaskTab[] = TASK_IDS.map((id) => ({ id, Panel: PANELS[id] }));
