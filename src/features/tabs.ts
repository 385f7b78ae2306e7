import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface TaskTab {
  /** Task id of the test contract (`tab-<id>`, `?task=<id>`). */
  id: string;
  Panel: LazyExoticComponent<ComponentType>;
}

/** The task tabs in display order; each panel's code loads when its tab is first opened. */
export const TASK_TABS: TaskTab[] = [
  { id: 'playground', Panel: lazy(() => import('./playground/Playground').then((m) => ({ default: m.Playground }))) },
  { id: 'entities', Panel: lazy(() => import('./entities/EntitiesPanel').then((m) => ({ default: m.EntitiesPanel }))) },
  { id: 'relations', Panel: lazy(() => import('./relations/RelationsPanel').then((m) => ({ default: m.RelationsPanel }))) },
  { id: 'qa', Panel: lazy(() => import('./qa/QaPanel').then((m) => ({ default: m.QaPanel }))) },
  { id: 'classify', Panel: lazy(() => import('./classify/ClassifyPanel').then((m) => ({ default: m.ClassifyPanel }))) },
  { id: 'translate', Panel: lazy(() => import('./translate/TranslatePanel').then((m) => ({ default: m.TranslatePanel }))) },
  { id: 'title', Panel: lazy(() => import('./title/TitlePanel').then((m) => ({ default: m.TitlePanel }))) },
  { id: 'similarity', Panel: lazy(() => import('./similarity/SimilarityPanel').then((m) => ({ default: m.SimilarityPanel }))) },
  { id: 'events', Panel: lazy(() => import('./events/EventsPanel').then((m) => ({ default: m.EventsPanel }))) },
  { id: 'chat', Panel: lazy(() => import('./chat/ChatPanel').then((m) => ({ default: m.ChatPanel }))) },
  { id: 'batch', Panel: lazy(() => import('./batch/BatchPanel').then((m) => ({ default: m.BatchPanel }))) },
  { id: 'eval', Panel: lazy(() => import('./eval/EvalPanel').then((m) => ({ default: m.EvalPanel }))) },
];

export const DEFAULT_TASK = 'playground';
export const isTaskId = (id: string | null): id is string => !!id && TASK_TABS.some((t) => t.id === id);
