import type { RelationsForm } from '../../core/tasks/definitions/relations';
import { RELATION_PRESETS } from '../../core/tasks/presets';
import { presetNames } from '../workbench/presetNames';
import { taskPanel } from '../workbench/TaskFrame';
import { RELATION_EXAMPLES } from './examples';
import { RelationResult } from './RelationResult';

/** Relation extraction: the text, the relation types, the run, and the table with located arguments. */
export const RelationsPanel = taskPanel({
  id: 'relations',
  input: { field: 'input', label: 'relations.input', placeholder: 'relations.placeholder' },
  examples: RELATION_EXAMPLES,
  onExample: (ex) => {
    const all: readonly string[] = ex.preset ? RELATION_PRESETS[ex.preset].names.zh.concat(RELATION_PRESETS[ex.preset].names.en) : [];
    return {
      input: ex.text,
      preset: ex.preset,
      freeTypes: ex.freeTypes ?? '',
      unchecked: ex.only ? all.filter((n) => !ex.only!.includes(n)) : [],
    };
  },
  Options: presetNames<RelationsForm>({
    presets: RELATION_PRESETS,
    legend: 'relations.types',
    free: 'freeTypes',
    freeLabel: 'relations.freeTypes',
    freePlaceholder: 'relations.freePlaceholder',
  }),
  langFrom: (f) => f.input,
  Result: RelationResult,
});
