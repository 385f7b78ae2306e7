import { isTaskId, type TaskId } from '../core/tasks/ids';
import type { EngineKind } from '../engine/types';

/** The URL parameters of the test contract: `?model=`, `&engine=`, `&task=` (`&lang=` is read by i18n). */
export interface StartParams {
  model: string | null;
  engine: EngineKind | null;
  /** A known task id, or null (an unknown `&task=` opens the default tab). */
  task: TaskId | null;
}

export function readStartParams(search: string = location.search): StartParams {
  const q = new URLSearchParams(search);
  const engine = q.get('engine');
  return {
    model: q.get('model')?.trim() || null,
    engine: engine === 'webllm' || engine === 'gguf' ? engine : null,
    task: isTaskId(q.get('task')) ? (q.get('task') as TaskId) : null,
  };
}

/** Keeps `&task=` in the address bar in step with the open tab, so a link reopens the same view. */
export function writeTaskParam(task: TaskId) {
  const url = new URL(location.href);
  url.searchParams.set('task', task);
  history.replaceState(history.state, '', url);
}
