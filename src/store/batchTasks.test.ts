import { beforeEach, describe, expect, it, vi } from 'vitest';
import { grammars, queueAnswers, readyModel } from '../features/workbench/fakeModel.testutil';
import { taskGrammar } from '../core/grammar';
import type { TaskGrammar } from '../core/grammar';
import type { ChatTurn } from '../core/tasks/dialogue';
import type { EntityView } from '../core/tasks/definitions/entities';
import type { RelationView } from '../core/tasks/definitions/relations';
import type { JobAnswer } from './jobAnswer';
import { readOutcome } from '../core/jobs';
import { planBatchDocument, runBatchDocument, type BatchDocResult, type BatchOptions } from './batchTasks';
import { taskStore } from './taskStore';

vi.mock('./modelActions', async () => (await import('../features/workbench/fakeModel.testutil')).fakeModelActions);

const usage = { promptTokens: 3, completionTokens: 2, timeToFirstTokenMs: 1, prefillTokensPerSec: 1, decodeTokensPerSec: 1, totalMs: 5 };
const entities: BatchOptions = {
  task: 'entities',
  form: { input: '', langMode: 'en', preset: 'bc5cdr', unchecked: [], freeTypes: '', hidden: [] },
};
const doc = { id: 'd1', text: 'Aspirin and ibuprofen caused asthma.' };

/** A test double for the model: answers in order, recording the grammar each prompt was asked with. */
function answering(...answers: Partial<Extract<JobAnswer, { kind: 'answer' }>>[]) {
  const asked: (TaskGrammar | null)[] = [];
  const ask = async (_turns: ChatTurn[], _on: (piece: string) => void, grammar: TaskGrammar | null): Promise<JobAnswer> => {
    asked.push(grammar);
    return { kind: 'answer', text: '', usage, finishReason: 'stop', ...answers.shift() };
  };
  return { ask, asked };
}

const spansOf = (r: BatchDocResult) => (r.view as EntityView).spans.map((s) => `${s.type}:${s.text}`);

describe('a batch document through its task', () => {
  it('asks with the task’s answer grammar, as the tab does', async () => {
    const { ask, asked } = answering({ text: 'Chemical: Aspirin; ibuprofen\nDisease: asthma' });
    const out = readOutcome(await runBatchDocument(entities, doc, ask, () => {}));
    expect(asked).toEqual([taskGrammar('entities', { types: ['Chemical', 'Disease'] }, 'en')]);
    expect(asked[0]?.gbnf).toContain('Chemical');
    if (out.kind !== 'done') throw new Error(out.kind);
    expect(spansOf(out.result)).toEqual(['Chemical:Aspirin', 'Chemical:ibuprofen', 'Disease:asthma']);
    expect(out.finishReasons).toEqual(['stop']);
    expect(out.grammarRejected).toBeUndefined();
  });

  it('keeps each answer’s finish reason and drops the mention cut off at the token limit', async () => {
    const { ask } = answering({ text: 'Chemical: Aspirin; ibu', finishReason: 'length' });
    const out = readOutcome(await runBatchDocument(entities, doc, ask, () => {}));
    if (out.kind !== 'done') throw new Error(out.kind);
    expect(out.finishReasons).toEqual(['length']);
    // `ibu` is half of `ibuprofen`: read as whole it would highlight a piece of a word
    expect(spansOf(out.result)).toEqual(['Chemical:Aspirin']);
    // shown as text not read, never highlighted
    expect(out.result.unparsed).toEqual(['ibu']);
    expect(out.raw).toEqual(['Chemical: Aspirin; ibu']);
  });

  it('keeps a relation pair cut off at the token limit out of the relations, and lists it as not read', async () => {
    const relations: BatchOptions = {
      task: 'relations',
      form: { input: '', langMode: 'en', preset: 'bc5cdr-cid', unchecked: [], freeTypes: '' },
    };
    const text = 'Aspirin caused asthma and nausea.';
    const answer = 'chemical-induced disease: [Aspirin, asthma]; [Aspirin, nau';
    const out = readOutcome(
      await runBatchDocument(relations, { id: 'r', text }, answering({ text: answer, finishReason: 'length' }).ask, () => {}),
    );
    if (out.kind !== 'done') throw new Error(out.kind);
    expect((out.result.view as RelationView).rows.map((x) => `${x.head}>${x.tail}`)).toEqual(['Aspirin>asthma']);
    expect(out.result.relations).toHaveLength(1);
    expect(out.result.unparsed).toEqual(['; [Aspirin, nau']);
  });

  it('says when the engine refused the grammar and answered unconstrained', async () => {
    const { ask } = answering({ text: 'Chemical: Aspirin', grammarRejected: 'failed to parse grammar' });
    const out = readOutcome(await runBatchDocument(entities, doc, ask, () => {}));
    expect(out).toMatchObject({ kind: 'done', grammarRejected: 'failed to parse grammar', finishReasons: ['stop'] });
  });
});

describe('a batch document planned ahead', () => {
  it('runs on the plan made for it, and a document that cannot run fails without asking the model', async () => {
    const planned = await planBatchDocument(entities, doc);
    if ('blocker' in planned) throw new Error(planned.blocker);
    const prompts: string[] = [];
    const ask = async (turns: ChatTurn[]): Promise<JobAnswer> => {
      prompts.push(turns[0].content);
      return { kind: 'answer', text: 'Chemical: Aspirin', usage, finishReason: 'stop' };
    };
    const out = readOutcome(await runBatchDocument(entities, doc, ask, () => {}, Promise.resolve(planned)));
    if (out.kind !== 'done') throw new Error(out.kind);
    expect(prompts).toEqual([planned.plan.kind === 'chunked' ? planned.plan.prompt(doc.text) : planned.plan.prompt]);
    expect(spansOf(out.result)).toEqual(['Chemical:Aspirin']);

    const empty = { id: 'e', text: '  ' };
    expect(await planBatchDocument(entities, empty)).toEqual({ blocker: 'run.needInput' });
    const failed = await runBatchDocument(entities, empty, ask, () => {}, planBatchDocument(entities, empty));
    expect(failed).toEqual({ kind: 'failed', raw: [], error: { code: 'input', message: 'run.needInput' } });
    expect(prompts).toHaveLength(1);
  });
});

describe('a long batch document', () => {
  beforeEach(() => readyModel(96));

  it('folds every chunk’s answer at its offsets, the last one when the job reads the outcome', async () => {
    const first = 'Aspirin was given to the patients in the morning for many long weeks of the cold winter season.';
    const second = 'Severe asthma followed in several of the patients during the following weeks of that winter season.';
    const text = `${first} ${second}`;
    const { ask, asked } = answering({ text: 'Chemical: Aspirin' }, { text: 'Disease: asthma' });
    const out = await runBatchDocument(entities, { id: 'long', text }, ask, () => {});
    expect(asked).toHaveLength(2);
    expect(out.kind).toBe('answered');
    const read = readOutcome(out);
    if (read.kind !== 'done') throw new Error(read.kind);
    const spans = (read.result.view as EntityView).spans.map((s) => [s.type, s.start, s.end]);
    expect(spans).toEqual([
      ['Chemical', 0, 7],
      ['Disease', text.indexOf('asthma'), text.indexOf('asthma') + 6],
    ]);
    expect(read.raw).toEqual(['Chemical: Aspirin', 'Disease: asthma']);
  });
});

describe('the entities tab', () => {
  beforeEach(() => readyModel());

  it('reads an answer cut off at the token limit without its half-written last mention', async () => {
    const store = taskStore('entities');
    store.setState({ input: doc.text, langMode: 'en', preset: 'bc5cdr', unchecked: [], freeTypes: '' });
    // the last mention may be whole or not: cut off there, it cannot be told
    queueAnswers({ text: 'Chemical: Aspirin; ibuprofen', finish: 'length' });
    await store.getState().start();
    expect(grammars[0]?.gbnf).toContain('Chemical');
    expect(store.getState().view!.spans.map((s) => s.text)).toEqual(['Aspirin']);
    expect(store.getState().run.truncated).toBe(1);

    queueAnswers({ text: 'Chemical: Aspirin; ibuprofen' });
    await store.getState().start();
    // finished normally, the same answer is taken at its word
    expect(store.getState().view!.spans.map((s) => s.text)).toEqual(['Aspirin', 'ibuprofen']);
  });
});
