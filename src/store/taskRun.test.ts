import { beforeEach, describe, expect, it, vi } from 'vitest';
import { calls, queueAnswers, readyModel, signals } from '../features/workbench/fakeModel.testutil';
import { chosenNames } from '../core/tasks/definitions';
import { IDLE_RUN, taskRunner, type RunState } from './taskRun';

vi.mock('./modelActions', async () => (await import('../features/workbench/fakeModel.testutil')).fakeModelActions);

/** A bare store holding only a run, as the task stores do. */
function runStore() {
  let state: { run: RunState } = { run: IDLE_RUN };
  const runner = taskRunner<{ run: RunState }>((fn) => (state = { ...state, ...fn(state) }));
  return { runner, run: () => state.run };
}

const chunks = ['one. ', 'two. ', 'three.'].map((text, i) => ({ text, start: i * 5, end: i * 5 + text.length }));

beforeEach(() => readyModel());

describe('taskRunner', () => {
  it('streams each chunk’s answer and stops between chunks when asked', async () => {
    const { runner, run } = runStore();
    queueAnswers('a1', 'a2', 'a3');
    const answers: string[] = [];
    const outcome = await runner.chunks(
      chunks,
      (t) => `prompt: ${t}`,
      (chunk, text) => {
        answers.push(`${chunk.start}:${text}`);
        runner.stop();
      },
    );
    expect(outcome).toBe('stopped');
    expect(answers).toEqual(['0:a1']);
    expect(calls).toHaveLength(1);
    expect(run()).toMatchObject({ raws: ['a1'], running: false, outcome: 'stopped', progress: { done: 1, total: 3 } });
  });

  it('gives every run its own stop: a stop while idle does not cut the next run short', async () => {
    const { runner, run } = runStore();
    runner.stop();
    queueAnswers('x', 'y');
    const outcome = await runner.prompts(['first', 'second'], () => {});
    expect(outcome).toBe('done');
    expect(run().raws).toEqual(['x', 'y']);
  });

  it('stops only its own run: another one under way on the same engine (a job, another tab) answers whole', async () => {
    const [tab, job] = [runStore(), runStore()];
    queueAnswers({ text: 'first answer', slow: true }, { text: 'second answer', slow: true });
    const runs = [tab.runner.prompts(['a'], () => {}), job.runner.prompts(['b'], () => {})];
    tab.runner.stop();
    expect(signals.map((s) => s?.aborted)).toEqual([true, false]);
    expect(await Promise.all(runs)).toEqual(['stopped', 'done']);
    expect(tab.run().raws).toEqual(['first ']);
    expect(job.run().raws).toEqual(['second answer']);
  });

  it('counts the answers cut off at the token limit, and still hands them on', async () => {
    const { runner, run } = runStore();
    queueAnswers({ text: 'cut', finish: 'length' }, 'whole', { text: 'cut too', finish: 'length' });
    const answers: string[] = [];
    await runner.chunks(
      chunks,
      (t) => t,
      (_, text) => answers.push(text),
    );
    expect(answers).toEqual(['cut', 'whole', 'cut too']);
    expect(run()).toMatchObject({ outcome: 'done', truncated: 2 });
    expect(run().provenance).toMatchObject({
      model: { id: 'fake', engine: 'gguf' },
      prompts: ['one. ', 'two. ', 'three.'],
      finishReasons: ['length', 'stop', 'length'],
      settings: { max_tokens: 500 },
    });
    expect(Date.parse(run().provenance!.startedAt)).not.toBeNaN();
    queueAnswers('fine');
    await runner.prompts(['again'], () => {});
    expect(run().truncated).toBe(0);
  });
});

describe('chosenNames', () => {
  const preset = { label: 'P', names: { en: ['Chemical', 'Disease'], zh: ['化学物质', '疾病'] } };
  it('offers the preset’s names in the prompt language minus the unchecked, then the user’s own, each once', () => {
    expect(chosenNames(preset, ['Disease'], 'gene；Chemical, variant', 'en')).toEqual(['Chemical', 'gene', 'variant']);
    expect(chosenNames(preset, [], '', 'zh')).toEqual(['化学物质', '疾病']);
    expect(chosenNames(null, [], '基因', 'zh')).toEqual(['基因']);
  });
});
