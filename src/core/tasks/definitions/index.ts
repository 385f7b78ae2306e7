/**
 * Every task that runs through the generic task store and frame, by id. The playground and chat are
 * written by hand; all other tabs are one definition here and one panel description in features.
 */
import type { TaskId } from '../ids.ts';
import type { TaskDefinition } from './types.ts';
import { CLASSIFY } from './classify.ts';
import { ENTITIES } from './entities.ts';
import { EVENTS } from './events.ts';
import { QA } from './qa.ts';
import { RELATIONS } from './relations.ts';
import { SIMILARITY } from './similarity.ts';
import { TITLE } from './title.ts';
import { TRANSLATE } from './translate.ts';

export const TASK_DEFINITIONS = {
  entities: ENTITIES,
  relations: RELATIONS,
  qa: QA,
  classify: CLASSIFY,
  translate: TRANSLATE,
  title: TITLE,
  similarity: SIMILARITY,
  events: EVENTS,
} satisfies Partial<Record<TaskId, { id: TaskId }>>;

export type DefinedTaskId = keyof typeof TASK_DEFINITIONS;
type Definitions = typeof TASK_DEFINITIONS;
/** The form and result view of a defined task. */
export type FormOf<K extends DefinedTaskId> = Definitions[K] extends TaskDefinition<infer F, infer _V> ? F : never;
export type ViewOf<K extends DefinedTaskId> = Definitions[K] extends TaskDefinition<infer _F, infer V> ? V : never;

export type { AnswerEnd, TaskDefinition, TaskPlan, SinglePlan, ChunkedPlan } from './types.ts';
export { splitNames } from './types.ts';
export { chosenNames } from './names.ts';
