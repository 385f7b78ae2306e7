// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { useBatch } from '../../store/batch';
import { useJobs } from '../../store/jobs';
import { useModel } from '../../store/model';
import { useSettings } from '../../store/settings';
import { taskStore } from '../../store/taskStore';
import { expectWaitsUnlessServer, grammars, inFlight, queueAnswers, readyModel } from '../workbench/fakeModel.testutil';
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

  it('takes a zip in the file input: its documents join those gathered, a bad member or zip is named and loses nothing', async () => {
    render(<BatchPanel />);
    const input = screen.getByTestId('batch-file-input') as HTMLInputElement;
    expect(input.accept).toContain('.zip');
    const pick = (name: string, bytes: Uint8Array) =>
      fireEvent.change(input, { target: { files: [new File([new Uint8Array(bytes)], name, { type: 'application/zip' })] } });
    fireEvent.change(screen.getByTestId('batch-paste'), { target: { value: 'Pasted first.' } });
    fireEvent.click(screen.getByTestId('batch-paste-add'));

    pick(
      'corpus.zip',
      zipSync({
        'notes/a.txt': strToU8('Aspirin and asthma.'),
        'notes/a.ann': strToU8('T1\tChemical 0 7\tAspirin\n'),
        'more.jsonl': strToU8('{"id": "j1", "text": "Heparin."}\n{"id": "j2"}\n'),
        'table.csv': strToU8('pmid,abstract\n9,Warfarin and bleeding.\n'),
      }),
    );
    // the .txt is read, the JSON Lines member fails at its line, the CSV member waits for its columns
    const problem = await screen.findByTestId('batch-import-error');
    expect(problem).toHaveTextContent('Could not read corpus.zip › more.jsonl, line 2; nothing gathered so far was lost');
    expect(problem).toHaveTextContent('expected an object with "text"');
    expect(screen.getByTestId('batch-draft').dataset.count).toBe('2');
    expect(screen.getByTestId('batch-columns')).toHaveTextContent('Columns of corpus.zip › table.csv');
    fireEvent.click(screen.getByTestId('batch-columns-add'));
    expect(screen.getByTestId('batch-draft').dataset.count).toBe('3');
    expect(useBatch.getState().draft.map((d) => d.id)).toEqual(['pasted-1', 'notes/a.txt', '9']);

    pick('broken.zip', strToU8('PK\x03\x04 not a zip'));
    await vi.waitFor(() => expect(screen.getByTestId('batch-import-error')).toHaveTextContent('Could not read broken.zip'));
    expect(screen.getByTestId('batch-import-error')).toHaveTextContent('not a readable zip');
    pick('pictures.zip', zipSync({ 'a.png': new Uint8Array([1, 2, 3]) }));
    await vi.waitFor(() => expect(screen.getByTestId('batch-import-error')).toHaveTextContent('it holds no file the batch reads'));
    expect(screen.getByTestId('batch-draft').dataset.count).toBe('3');

    // a folder's zips are read the same way, named by their path in the folder
    const inFolder = (path: string, bytes: Uint8Array) =>
      Object.defineProperty(new File([new Uint8Array(bytes)], path.split('/').pop()!), 'webkitRelativePath', { value: path });
    fireEvent.change(screen.getByTestId('batch-folder-input'), {
      target: {
        files: [inFolder('export/notes.zip', zipSync({ 'x.txt': strToU8('Naproxen.') })), inFolder('export/bad.zip', strToU8('no'))],
      },
    });
    await vi.waitFor(() => expect(screen.getByTestId('batch-draft').dataset.count).toBe('4'));
    expect(
      useBatch
        .getState()
        .draft.map((d) => d.id)
        .at(-1),
    ).toBe('x.txt');
    expect(screen.getByTestId('batch-import-error')).toHaveTextContent('Could not read export/bad.zip');

    // in Chinese
    await i18n.changeLanguage('zh');
    pick('broken.zip', strToU8('PK\x03\x04 not a zip'));
    await vi.waitFor(() => expect(screen.getByTestId('batch-import-error')).toHaveTextContent('无法读取 broken.zip；已收集的内容没有丢失'));
    expect(screen.getByTestId('batch-import-error')).toHaveTextContent('不是可读取的 zip');
    await i18n.changeLanguage('en');
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
    // the job ends before the file does: nothing of it may outlive the test's document
    await vi.waitFor(() => expect(screen.getByTestId('batch-progress')).toHaveAttribute('data-done', '1'));
    await vi.waitFor(() => expect(useJobs.getState().runningId).toBeNull());
  });
});

describe('starting a job while a tab answers', () => {
  it('waits on a model in the browser, saying why, and starts beside it on a model server', () => {
    render(<BatchPanel />);
    fireEvent.change(screen.getByTestId('batch-paste'), { target: { value: 'Aspirin induced asthma.' } });
    fireEvent.click(screen.getByTestId('batch-paste-add'));
    expect(screen.getByTestId('batch-start')).toBeEnabled();
    expectWaitsUnlessServer('batch-start');
  });
});
