/**
 * Batch jobs on the task definitions: a job keeps a task's form as its tab holds it (the options), each document
 * fills the form's document field, and the document runs through the definition's plan as the tab would run it:
 * chunked the same way, every answer folded into the task's own result view.
 */
import { batchResult } from '../core/batch/fromView';
import type { BatchDocument } from '../core/batch/documents';
import type { BatchResult } from '../core/batch/results';
import type { Chunk } from '../core/chunk';
import type { DocOutcome } from '../core/jobs';
import { TASK_DEFINITIONS, type DefinedTaskId, type TaskDefinition } from '../core/tasks/definitions';
import type { ChatTurn } from '../core/tasks/dialogue';
import type { TaskGrammar } from '../core/grammar';
import type { JobAnswer } from './jobAnswer';
import { chunksFor, halve } from './taskRun';
import { taskStore } from './taskStore';
import type { WorkbenchKey } from '../i18n/keys';

type AnyDefinition = TaskDefinition<Record<string, unknown>, unknown>;
const definition = (id: DefinedTaskId) => TASK_DEFINITIONS[id] as unknown as AnyDefinition;

/** The form field a document fills: the text input, or the context of a question. Null when the task takes no document. */
export function documentField(id: DefinedTaskId): string | null {
  const form = definition(id).form;
  return 'input' in form ? 'input' : 'context' in form ? 'context' : null;
}

/** The defined tasks that take a document, in tab order. */
export const BATCH_TASKS = (Object.keys(TASK_DEFINITIONS) as DefinedTaskId[]).filter((id) => documentField(id) !== null);
export type BatchTaskId = DefinedTaskId;

/** What a batch job stores as its options: the task's form, without a document. */
export interface BatchOptions {
  task: DefinedTaskId;
  form: Record<string, unknown>;
}

/** What each document keeps: the task's own result view, and its spans and answers for lists and exports. */
export interface BatchDocResult extends BatchResult {
  view: unknown;
}

/** The task's form as its tab holds it now; a question's document is its context, so the question asks about it. */
export function currentOptions(task: DefinedTaskId): BatchOptions {
  const state = taskStore(task).getState() as unknown as Record<string, unknown>;
  const form = Object.fromEntries(Object.keys(definition(task).form).map((k) => [k, state[k]]));
  form[documentField(task)!] = '';
  if (form.format === 'free') form.format = 'yesno';
  return { task, form };
}

/** The form one document runs with. */
export function documentForm(o: BatchOptions, doc: BatchDocument): Record<string, unknown> {
  return {
    ...o.form,
    [documentField(o.task)!]: doc.text,
    ...(doc.question?.trim() && 'question' in o.form ? { question: doc.question } : {}),
  };
}

/** Why these options cannot run on this document (a `workbench` translation key), or null. */
export const optionsProblem = (o: BatchOptions, doc: BatchDocument): WorkbenchKey | null =>
  definition(o.task).blocker(documentForm(o, doc));

type Ask = (turns: ChatTurn[], onText: (piece: string) => void, grammar: TaskGrammar | null) => Promise<JobAnswer>;

/** Runs `read` while `asking` is in flight; settles with the answer, or with what `read` threw once the answer is in. */
async function whileAsking<T>(asking: Promise<T>, read: (() => void) | null): Promise<T> {
  try {
    read?.();
  } catch (e) {
    await asking.catch(() => undefined);
    throw e;
  }
  return asking;
}

/** A document's plan and the chunks it runs in, or why it cannot run (a `workbench` translation key). */
export type DocumentPlan = { plan: ReturnType<AnyDefinition['plan']>; chunks: Chunk[] } | { blocker: WorkbenchKey };

/** Plans one document: its task's plan for the document's form, and its chunks as the tabs cut them. */
export async function planBatchDocument(o: BatchOptions, doc: BatchDocument): Promise<DocumentPlan> {
  const def = definition(o.task);
  const form = documentForm(o, doc);
  const blocker = def.blocker(form);
  if (blocker) return { blocker };
  const plan = def.plan(form);
  const chunks =
    plan.kind === 'chunked' ? await chunksFor(plan.document, plan.prompt) : [{ text: doc.text, start: 0, end: doc.text.length }];
  return { plan, chunks };
}

/**
 * Runs one document through its task's plan (`planned`, made ahead while the document before ran, or now): the
 * chunks in order (a chunk that still overflows the context is
 * halved and retried, as in the tabs), each asked with the task's answer grammar and folded into the view (an
 * answer cut off at the token limit is read as such). Each answer is folded while the next prompt runs; the last
 * is left to the outcome's `result` (`answered`), which the job reads once its next document has gone to the
 * engine. The outcome keeps each answer's finish reason.
 */
export async function runBatchDocument(
  o: BatchOptions,
  doc: BatchDocument,
  ask: Ask,
  onText: (piece: string) => void,
  planned: Promise<DocumentPlan> = planBatchDocument(o, doc),
): Promise<DocOutcome<BatchDocResult>> {
  const made = await planned;
  if ('blocker' in made) return { kind: 'failed', raw: [], error: { code: 'input', message: made.blocker } };
  const { plan, chunks: queue } = made;
  const prompt = (chunk: Chunk) => (plan.kind === 'chunked' ? plan.prompt(chunk.text) : plan.prompt);
  let view = plan.initial;
  let unread: (() => void) | null = null;
  const raw: string[] = [];
  const usage = { promptTokens: 0, completionTokens: 0, generationMs: 0 };
  const finish: { finishReasons: string[]; grammarRejected?: string } = { finishReasons: [] };
  while (queue.length) {
    const chunk = queue.shift()!;
    if (raw.length) onText('\n\n');
    const asking = ask([{ role: 'user', content: prompt(chunk) }], onText, plan.grammar ?? null);
    const read = unread;
    unread = null;
    const answer = await whileAsking(asking, read);
    if (answer.kind === 'interrupted') return answer;
    if (answer.kind === 'failed') {
      const parts = plan.kind === 'chunked' && answer.code === 'context-overflow' ? halve(chunk) : null;
      if (parts) {
        queue.unshift(...parts);
        continue;
      }
      return { kind: 'failed', raw, error: { code: answer.code, message: answer.message }, usage, ...finish };
    }
    raw.push(answer.text);
    finish.finishReasons.push(answer.finishReason);
    if (answer.grammarRejected !== undefined) finish.grammarRejected ??= answer.grammarRejected;
    usage.promptTokens += answer.usage.promptTokens;
    usage.completionTokens += answer.usage.completionTokens;
    usage.generationMs += answer.usage.totalMs;
    const end = { truncated: answer.finishReason === 'length' };
    unread = () => {
      view = plan.kind === 'chunked' ? plan.addAnswer(view, answer.text, chunk, end) : plan.addAnswer(view, answer.text, end);
    };
  }
  const result = (): BatchDocResult => {
    unread?.();
    unread = null;
    return { ...batchResult(view), view };
  };
  return { kind: 'answered', raw, result, usage, ...finish };
}
