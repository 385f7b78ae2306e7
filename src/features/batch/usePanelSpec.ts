import { useEffect, useState } from 'react';
import type { DefinedTaskId } from '../../core/tasks/definitions';
import { PANEL_LOADERS } from '../tabs';
import type { TaskPanel, TaskPanelSpec } from '../workbench/TaskFrame';
import type { Example } from '../../components/ExamplePicker';

/** The panel description of a task's tab (its options and result view), loaded with the tab's code. */
export function usePanelSpec(task: DefinedTaskId): TaskPanelSpec<DefinedTaskId, Example> | null {
  const [spec, setSpec] = useState<TaskPanelSpec<DefinedTaskId, Example> | null>(null);
  useEffect(() => {
    let live = true;
    void PANEL_LOADERS[task]().then((Panel) => live && setSpec((Panel as TaskPanel).spec ?? null));
    return () => void (live = false);
  }, [task]);
  return spec?.id === task ? spec : null;
}
