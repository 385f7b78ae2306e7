/** The tasks of the app, in tab order: the ids of the test contract (`tab-<id>`, `?task=<id>`). */
export const TASK_IDS = [
  'playground',
  'entities',
  'relations',
  'qa',
  'classify',
  'translate',
  'title',
  'similarity',
  'events',
  'chat',
  'batch',
  'eval',
] as const;

export type TaskId = (typeof TASK_IDS)[number];

export const DEFAULT_TASK: TaskId = 'playground';

export const isTaskId = (id: string | null | undefined): id is TaskId => !!id && (TASK_IDS as readonly string[]).includes(id);
