import type { EntitiesForm } from '../../core/tasks/definitions/entities';
import { ENTITY_PRESETS } from '../../core/tasks/presets';
import { presetNames } from '../workbench/presetNames';
import { taskPanel } from '../workbench/TaskFrame';
import { ENTITY_EXAMPLES } from './examples';
import { EntityResult } from './EntityResult';
import { ImportAnnotations } from './ImportAnnotations';

/** Entity recognition: the text, the types to look for, the run, and the located result. */
export const EntitiesPanel = taskPanel({
  id: 'entities',
  input: { field: 'input', label: 'entities.input', placeholder: 'entities.placeholder' },
  examples: ENTITY_EXAMPLES,
  onExample: (ex) => ({ input: ex.text, preset: ex.preset, freeTypes: ex.freeTypes ?? '', unchecked: [] }),
  Options: presetNames<EntitiesForm>({
    presets: ENTITY_PRESETS,
    legend: 'entities.types',
    free: 'freeTypes',
    freeLabel: 'entities.freeTypes',
  }),
  langFrom: (f) => f.input,
  BeforeResult: ImportAnnotations,
  Result: EntityResult,
});
