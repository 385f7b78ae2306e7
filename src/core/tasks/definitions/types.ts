/**
 * A task as data and pure functions: its form (input and options), why a form cannot run yet, and the plan of
 * one run (prompts, and how each complete answer folds into the result). No React, no store: the tabs, a
 * batch job or a script drive the same definition.
 */
import type { Chunk } from '../../chunk.ts';
import type { TaskGrammar } from '../../grammar/index.ts';
import type { TaskId } from '../ids.ts';
import type { WorkbenchKey } from '../../../i18n/keys';

/** What every plan may carry besides its prompts. */
interface PlanBase {
  /** The grammar of the answers' format, to constrain decoding where the setting and the engine allow; none for free text. */
  grammar?: TaskGrammar | null;
}

/** How an answer ended, for the parsers that read an answer cut off at the token limit differently. */
export interface AnswerEnd {
  /** Generation stopped at the token limit (finish reason `length`): the last item may be half written. */
  truncated: boolean;
}

/** One prompt for the whole form (a question, a pair of sentences, a short text). */
export interface SinglePlan<View> extends PlanBase {
  kind: 'single';
  initial: View;
  prompt: string;
  /** The result once the answer is complete. */
  addAnswer: (view: View, answer: string, end: AnswerEnd) => View;
}

/** One prompt per chunk of a document that may be longer than the model's context. */
export interface ChunkedPlan<View> extends PlanBase {
  kind: 'chunked';
  initial: View;
  /** The text split into chunks; offsets in the result index it. */
  document: string;
  /** The prompt for one chunk's text (also measured with `''` to size the chunks). */
  prompt: (chunk: string) => string;
  /** Folds one chunk's complete answer into the result. */
  addAnswer: (view: View, answer: string, chunk: Chunk, end: AnswerEnd) => View;
}

export type TaskPlan<View> = SinglePlan<View> | ChunkedPlan<View>;

export interface TaskDefinition<Form extends object, View> {
  id: TaskId;
  /** The form a tab opens with. */
  form: Form;
  /** Form fields that go back to their start whenever a new result is shown (view settings such as hidden types). */
  viewReset?: readonly (keyof Form)[];
  /** Why the form cannot run yet, as a `workbench` translation key; null when it can. */
  blocker: (form: Form) => WorkbenchKey | null;
  /** The prompts of a run and how its answers make the result; called only when `blocker` is null. */
  plan: (form: Form) => TaskPlan<View>;
}

/** Splits a free list of names typed by the user (commas, semicolons or new lines, ASCII or full-width). */
export function splitNames(s: string): string[] {
  return [
    ...new Set(
      s
        .split(/[,，;；、\n]/)
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ];
}
