// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { DATASETS, loadBenchmark, scoreBenchmark } from '../../core/benchmarks';
import { useEval } from '../../store/evalRun';
import { useJobs } from '../../store/jobs';
import { useSettings } from '../../store/settings';
import { calls, grammars, queueAnswers, readyModel } from '../workbench/fakeModel.testutil';
import { EvalPanel } from './EvalPanel';

vi.mock('../../store/modelActions', async () => (await import('../workbench/fakeModel.testutil')).fakeModelActions);

const PUBTATOR = [
  '1|t|Aspirin induced asthma.',
  '1|a|Patients took aspirin.',
  '1\t0\t7\tAspirin\tChemical\tD001241',
  '1\t16\t22\tasthma\tDisease\tD001249',
  '',
  '2|t|Ibuprofen and naproxen.',
  '2|a|Both caused nausea.',
  '2\t0\t9\tIbuprofen\tChemical\tD007052',
  '2\t14\t22\tnaproxen\tChemical\tD009288',
  '',
].join('\n');
const ANSWERS = ['Chemical: Aspirin\nDisease: asthma', 'Chemical: Ibuprofen; paracetamol\nDisease: nausea'];

// the job tabs' strings load with their code (features/tabs.ts)
beforeAll(() => i18n.changeLanguage('en').then(() => i18n.loadNamespaces('jobs')));
beforeEach(async () => {
  // a job of the test before may still be writing its last state
  await vi.waitFor(() => expect(useJobs.getState().runningId).toBeNull());
  readyModel();
  useEval.setState({ dataset: 'bc5cdr-chem', files: [], limit: '', seed: '', problem: null, jobId: null, examples: [], metrics: null });
});
afterEach(cleanup);

describe('eval tab', () => {
  it('runs a test set greedy with the CLI prompts and shows the scorer score beside the paper', { timeout: 30_000 }, async () => {
    render(<EvalPanel />);
    expect([...(screen.getByTestId('eval-dataset') as HTMLSelectElement).options].map((o) => o.value)).toEqual(Object.keys(DATASETS));
    const file = new File([PUBTATOR], 'CDR_TestSet.PubTator.txt', { type: 'text/plain' });
    fireEvent.change(screen.getByTestId('eval-file-input'), { target: { files: [file] } });
    await screen.findByTestId('eval-files');
    queueAnswers(...ANSWERS);
    fireEvent.click(screen.getByTestId('eval-run'));
    await vi.waitFor(() => expect(screen.getByTestId('eval-progress').dataset.done).toBe('2'), { timeout: 15_000 });

    const { examples } = loadBenchmark('bc5cdr-chem', [{ path: 'x', content: PUBTATOR }]);
    expect(calls.map((turns) => turns[0].content)).toEqual(examples.map((ex) => ex.prompt));
    // each asked with its answer grammar, as `npm run eval --grammar on` sends it (the setting decides)
    expect(grammars).toEqual(examples.map((ex) => DATASETS['bc5cdr-chem'].grammar!(ex)));
    expect(grammars[0]?.gbnf).toContain('Chemical');
    const expected = scoreBenchmark(DATASETS['bc5cdr-chem'], examples, new Map(examples.map((ex, i) => [ex.id, ANSWERS[i]])));
    await vi.waitFor(() => expect(screen.getByTestId('eval-score').dataset.score).toBe(expected.score.toFixed(2)));
    expect(screen.getByTestId('eval-paper').textContent).toContain('Taiyi 80.2, GPT-3.5 60.3');
    // the second example: ibuprofen found, naproxen missed, paracetamol not in the gold
    const second = screen.getAllByTestId('eval-example')[1];
    expect(
      [...second.querySelectorAll('[data-mark]')].map((li) => [
        li.getAttribute('data-mark'),
        li.textContent?.replace(/^\S+\s+(in gold\s+)?/, ''),
      ]),
    ).toEqual([
      ['found', 'Chemical: Ibuprofen'],
      ['missed', 'Chemical: naproxen'],
      ['extra', 'Chemical: paracetamol'],
    ]);
    // the job's record of the run says greedy, whatever the sampling setting
    expect(useSettings.getState().greedy).toBe(false);
    const job = useJobs.getState().jobs.find((j) => j.id === useEval.getState().jobId);
    expect(job?.runs?.map((r) => [r.model.id, r.settings.greedy])).toEqual([['fake', true]]);
  });

  it('names the file and line of an unusable file', async () => {
    render(<EvalPanel />);
    const file = new File(['1|t|Title\nnot a pubtator line\n'], 'bad.txt', { type: 'text/plain' });
    fireEvent.change(screen.getByTestId('eval-file-input'), { target: { files: [file] } });
    await screen.findByTestId('eval-files');
    fireEvent.click(screen.getByTestId('eval-run'));
    expect((await screen.findByTestId('eval-error')).textContent).toContain('bad.txt, line 2');
  });
});
