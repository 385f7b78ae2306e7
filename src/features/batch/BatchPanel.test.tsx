// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { useBatch } from '../../store/batch';
import { useJobs } from '../../store/jobs';
import { useModel } from '../../store/model';
import { useSettings } from '../../store/settings';
import { taskStore } from '../../store/taskStore';
import { grammars, inFlight, queueAnswers, readyModel } from '../workbench/fakeModel.testutil';
import { BatchPanel } from './BatchPanel';

vi.mock('../../store/modelActions', async () => (await import('../workbench/fakeModel.testutil')).fakeModelActions);

// the job tabs' strings load with their code (features/tabs.ts)
beforeAll(() => i18n.changeLanguage('en').then(() => i18n.loadNamespaces('jobs')));
beforeEach(async () => {
  // a job of the test before may still be writing its last state
  await vi.waitFor(() => expect(useJobs.getState().runningId).toBeNull());
  readyModel();
  useBatch.setState({ draft: [], problems: [], tables: [], pasted: '', jobId: null, selected: null, task: 'entities' });
  taskStore('entities').setState({ preset: 'bc5cdr', unchecked: [], freeTypes: '', langMode: 'auto' });
});
afterEach(cleanup);

describe('batch tab', () => {
  it(
    'runs pasted documents with the entities tab options, lists each with its status and opens one in the entity view',
    { timeout: 30_000 },
    async () => {
      render(<BatchPanel />);
      fireEvent.change(screen.getByTestId('batch-paste'), { target: { value: 'Aspirin induced asthma.\n\nIbuprofen and nausea.' } });
      fireEvent.click(screen.getByTestId('batch-paste-add'));
      expect(screen.getByTestId('batch-draft').dataset.count).toBe('2');
      queueAnswers('Chemical: Aspirin\nDisease: asthma', 'Chemical: Ibuprofen\nDisease: nausea');
      fireEvent.click(screen.getByTestId('batch-start'));
      await vi.waitFor(() => expect(screen.getByTestId('batch-progress').dataset.done).toBe('2'), { timeout: 15_000 });
      await vi.waitFor(() => expect(screen.getAllByTestId('batch-row').map((r) => r.dataset.status)).toEqual(['done', 'done']));
      expect(screen.getAllByTestId('batch-row').map((r) => r.dataset.docId)).toEqual(['pasted-1', 'pasted-2']);
      expect(screen.getByTestId('batch-progress').dataset.total).toBe('2');

      // keyboard: the list is one tab stop, arrows move, Enter opens
      const list = screen.getByTestId('batch-rows');
      list.focus();
      fireEvent.keyDown(list, { key: 'ArrowDown' });
      fireEvent.keyDown(list, { key: 'Enter' });
      const doc = await screen.findByTestId('batch-doc');
      expect(doc.dataset.docId).toBe('pasted-2');
      await vi.waitFor(() =>
        expect(
          within(doc)
            .getAllByTestId('entity')
            .map((e) => [e.dataset.type, e.textContent]),
        ).toEqual([
          ['Chemical', 'Ibuprofen'],
          ['Disease', 'nausea'],
        ]),
      );
    },
  );

  it(
    'asks with the task’s grammar, marks a document cut off at the token limit as partial and says when the grammar was refused',
    { timeout: 30_000 },
    async () => {
      useModel.setState({ loaded: { id: 'fake', engine: 'gguf', contextWindow: 2048, supportsGrammar: true } });
      render(<BatchPanel />);
      // the setting of the single-document tabs, offered for the batch's task
      expect(screen.getByTestId('settings-grammar')).toBeChecked();
      fireEvent.change(screen.getByTestId('batch-paste'), { target: { value: 'Aspirin induced asthma.\n\nIbuprofen and nausea.' } });
      fireEvent.click(screen.getByTestId('batch-paste-add'));
      queueAnswers(
        { text: 'Chemical: Aspirin\nDisease: asthma', grammarRejected: 'failed to parse grammar' },
        { text: 'Chemical: Ibuprofen\nDisease: nau', finish: 'length' },
      );
      fireEvent.click(screen.getByTestId('batch-start'));
      await vi.waitFor(() => expect(grammars).toHaveLength(2), { timeout: 15_000 });
      await vi.waitFor(() => expect(screen.getAllByTestId('batch-row').map((r) => r.dataset.partial)).toEqual(['false', 'true']));
      expect(screen.getByTestId('batch-progress').dataset.done).toBe('2');
      expect(grammars.map((g) => g?.gbnf.includes('Disease'))).toEqual([true, true]);
      expect(screen.getByTestId('grammar-rejected')).toHaveTextContent('failed to parse grammar');
      const cut = screen.getAllByTestId('batch-row')[1];
      expect(cut).toHaveTextContent('partial — token limit reached');
      fireEvent.click(cut);
      const doc = await screen.findByTestId('batch-doc');
      expect(doc.dataset.partial).toBe('true');
      expect(doc).toHaveTextContent('an answer was cut off at the token limit');
      // the half-written last mention is dropped
      await vi.waitFor(() =>
        expect(
          within(doc)
            .getAllByTestId('entity')
            .map((e) => e.textContent),
        ).toEqual(['Ibuprofen']),
      );
    },
  );

  it('offers requests at once only on a model server, and runs that many documents together, each once', { timeout: 30_000 }, async () => {
    render(<BatchPanel />);
    expect(screen.queryByTestId('job-concurrency')).toBeNull();
    cleanup();
    useModel.setState({ loaded: { id: 'server', engine: 'openai', contextWindow: 2048, concurrent: true } });
    render(<BatchPanel />);
    fireEvent.change(screen.getByTestId('job-concurrency'), { target: { value: '3' } });
    expect(useSettings.getState().serverConcurrency).toBe(3);
    const texts = ['Aspirin.', 'Ibuprofen.', 'Naproxen.', 'Heparin.', 'Warfarin.'];
    fireEvent.change(screen.getByTestId('batch-paste'), { target: { value: texts.join('\n\n') } });
    fireEvent.click(screen.getByTestId('batch-paste-add'));
    queueAnswers(...texts.map((t) => ({ text: `Chemical: ${t.slice(0, -1)}`, slow: true })));
    fireEvent.click(screen.getByTestId('batch-start'));
    await vi.waitFor(() => expect(screen.getAllByTestId('batch-row').map((r) => r.dataset.status)).toEqual(Array(5).fill('done')), {
      timeout: 15_000,
    });
    expect(inFlight.peak).toBe(3);
    expect(screen.getAllByTestId('batch-row').map((r) => r.dataset.starts)).toEqual(Array(5).fill('1'));
    expect(screen.getByTestId('batch-progress').dataset.done).toBe('5');
    useSettings.setState({ serverConcurrency: 1 });
  });

  it(
    'shows the model and settings a job ran with, and those of the opened document with how its answers ended',
    { timeout: 30_000 },
    async () => {
      const before = useSettings.getState().max_tokens;
      useSettings.setState({ max_tokens: 77 });
      render(<BatchPanel />);
      fireEvent.change(screen.getByTestId('batch-paste'), { target: { value: 'Aspirin induced asthma.\n\nIbuprofen and nausea.' } });
      fireEvent.click(screen.getByTestId('batch-paste-add'));
      queueAnswers('Chemical: Aspirin', { text: 'Chemical: Ibu', finish: 'length' });
      fireEvent.click(screen.getByTestId('batch-start'));
      await vi.waitFor(() => expect(screen.getByTestId('batch-progress').dataset.done).toBe('2'), { timeout: 15_000 });
      const runs = within(screen.getByTestId('batch-runs')).getAllByTestId('provenance');
      expect(runs).toHaveLength(1);
      expect(runs[0]).toHaveTextContent('Model and settings of run 1: fake');
      expect(within(runs[0]).getByTestId('provenance-model')).toHaveTextContent('fake (gguf)');
      expect(runs[0]).toHaveTextContent('up to 77 tokens');
      // a run's own record has no finish reasons: each document keeps its own
      expect(within(runs[0]).queryByTestId('provenance-finish')).toBeNull();
      await vi.waitFor(() => expect(screen.getAllByTestId('batch-row').map((r) => r.dataset.status)).toEqual(['done', 'done']));
      fireEvent.click(screen.getAllByTestId('batch-row')[1]);
      const doc = await screen.findByTestId('batch-doc');
      const details = await within(doc).findByTestId('provenance');
      expect(within(details).getByTestId('provenance-model')).toHaveTextContent('fake (gguf)');
      expect(within(details).getByTestId('provenance-finish')).toHaveTextContent('length');
      useSettings.setState({ max_tokens: before });
    },
  );

  it('offers the export formats of the contract', async () => {
    render(<BatchPanel />);
    fireEvent.change(screen.getByTestId('batch-paste'), { target: { value: 'One.' } });
    fireEvent.click(screen.getByTestId('batch-paste-add'));
    queueAnswers('Chemical: none');
    fireEvent.click(screen.getByTestId('batch-start'));
    const select = (await screen.findByTestId('batch-export')) as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['json', 'csv', 'bioc', 'pubtator', 'brat']);
  });
});
