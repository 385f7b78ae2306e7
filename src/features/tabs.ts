import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface TaskTab {
  /** Task id of the test contract (`tab-<id>`, `?task=<id>`). */
  id: string;
  Panel: LazyExoticComponent<ComponentType>;
}

/** The task tabs in display order; each panel's code loads when its tab is first opened. */
export const TASK_TABS: TaskTab[] = [
  { id: 'playground', Panel: lazy(() => import('./playground/Playground').then((m) => ({ default: m.Playground }))) },
];

export const DEFAULT_TASK = 'playground';
export const isTaskId = (id: string | null): id is string => !!id && TASK_TABS.some((t) => t.id === id);
