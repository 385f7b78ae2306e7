import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { TASK_IDS, type TaskId } from '../core/tasks/ids';

type PanelModule = Promise<{ default: ComponentType }>;

/** Loads each tab's panel, by task id; a panel's code loads when its tab is first opened (or a batch needs its views). */
export const PANEL_LOADERS: Record<TaskId, () => PanelModule> = {
  playground: () => import('./playground/Playground').then((m) => ({ default: m.Playground })),
  entities: () => import('./entities/EntitiesPanel').then((m) => ({ default: m.EntitiesPanel })),
  relations: () => import('./relations/RelationsPanel').then((m) => ({ default: m.RelationsPanel })),
  qa: () => import('./qa/QaPanel').then((m) => ({ default: m.QaPanel })),
  classify: () => import('./classify/ClassifyPanel').then((m) => ({ default: m.ClassifyPanel })),
  translate: () => import('./translate/TranslatePanel').then((m) => ({ default: m.TranslatePanel })),
  title: () => import('./title/TitlePanel').then((m) => ({ default: m.TitlePanel })),
  similarity: () => import('./similarity/SimilarityPanel').then((m) => ({ default: m.SimilarityPanel })),
  events: () => import('./events/EventsPanel').then((m) => ({ default: m.EventsPanel })),
  chat: () => import('./chat/ChatPanel').then((m) => ({ default: m.ChatPanel })),
  batch: () => import('./batch/BatchPanel').then((m) => ({ default: m.BatchPanel })),
  eval: () => import('./eval/EvalPanel').then((m) => ({ default: m.EvalPanel })),
};

const PANELS = Object.fromEntries(TASK_IDS.map((id) => [id, lazy(PANEL_LOADERS[id])])) as Record<TaskId, LazyExoticComponent<ComponentType>>;

export interface TaskTab {
  /** Task id of the test contract (`tab-<id>`, `?task=<id>`). */
  id: TaskId;
  Panel: LazyExoticComponent<ComponentType>;
}

/** The task tabs in display order. */
export const TASK_TABS: readonly TaskTab[] = TASK_IDS.map((id) => ({ id, Panel: PANELS[id] }));
