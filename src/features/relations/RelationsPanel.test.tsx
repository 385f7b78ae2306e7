// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { example, promptLine } from '../../components/taiyiExamples.testutil';
import { useRelations } from '../../store/tasks';
import { IDLE_RUN } from '../../store/taskRun';
import { calls, queueAnswers, readyModel } from '../workbench/fakeModel.testutil';
import { RelationsPanel } from './RelationsPanel';

vi.mock('../../store/modelActions', async () => (await import('../workbench/fakeModel.testutil')).fakeModelActions);

beforeAll(() => i18n.changeLanguage('en'));
beforeEach(() => {
  readyModel();
  useRelations.setState({ input: '', preset: 'bc5cdr-cid', unchecked: [], freeTypes: '', langMode: 'auto', view: null, run: IDLE_RUN });
});
afterEach(cleanup);

const cells = (row: HTMLElement) =>
  ['relation-head', 'relation-type', 'relation-tail'].map((id) => within(row).getByTestId(id).textContent);

describe('relations tab', () => {
  it('shows the README DDI answer as rows and outlines both arguments of a focused row', async () => {
    const ex = example('Find the relations of drug entity pairs');
    const text = promptLine(ex.human);
    useRelations.setState({ input: text, preset: 'ddi' });
    queueAnswers(ex.assistant);
    render(<RelationsPanel />);
    fireEvent.click(screen.getByTestId('run'));
    const rows = await screen.findAllByTestId('relation-row');
    expect(calls[0][0].content).toBe(ex.human.replace(/\r\n/g, '\n'));
    expect(rows.map(cells)).toEqual([
      ['Mitotane', 'ADVISE', 'coumarin-type anticoagulants'],
      ['Mitotane', 'MECHANISM', 'warfarin'],
    ]);
    fireEvent.focus(rows[1]);
    const outlined = document.querySelectorAll<HTMLElement>('mark.emph');
    const count = (s: string) => text.split(s).length - 1;
    expect(outlined).toHaveLength(count('Mitotane') + count('warfarin'));
    for (const m of outlined) expect(['Mitotane', 'warfarin']).toContain(m.textContent);
    expect(screen.getByTestId('relation-active').textContent).toContain('Mitotane — MECHANISM — warfarin');
  });

  it('reads the Chinese CMeIE-style README answer and locates arguments written with different spacing', async () => {
    const ex = example('给出句子中药物治疗关系类型的实体对', 'RE');
    const text = ex.human.slice(ex.human.indexOf('：') + 1);
    useRelations.setState({ input: text, preset: '', freeTypes: '药物治疗' });
    queueAnswers(ex.assistant);
    render(<RelationsPanel />);
    fireEvent.click(screen.getByTestId('run'));
    const [row] = await screen.findAllByTestId('relation-row');
    expect(cells(row)).toEqual(['慢性阻塞性肺疾病', '药物治疗', 'β2 受体激动剂']);
    expect(calls[0][0].content).toBe(ex.human);
    fireEvent.focus(row);
    expect([...document.querySelectorAll('mark.emph')].map((m) => m.textContent)).toEqual(['慢性阻塞性肺疾病', 'β2 受体激动剂']);
  });

  it('sorts and filters the table', async () => {
    const ex = example('Find the relations of drug entity pairs');
    useRelations.setState({ input: promptLine(ex.human), preset: 'ddi' });
    queueAnswers(ex.assistant);
    render(<RelationsPanel />);
    fireEvent.click(screen.getByTestId('run'));
    await screen.findAllByTestId('relation-row');
    fireEvent.click(screen.getByRole('button', { name: /Tail/ }));
    expect(screen.getAllByTestId('relation-row').map((r) => cells(r)[2])).toEqual(['coumarin-type anticoagulants', 'warfarin']);
    fireEvent.click(screen.getByRole('button', { name: /Tail/ }));
    expect(screen.getAllByTestId('relation-row').map((r) => cells(r)[2])).toEqual(['warfarin', 'coumarin-type anticoagulants']);
    fireEvent.change(screen.getByTestId('relation-filter'), { target: { value: 'warf' } });
    expect(screen.getAllByTestId('relation-row')).toHaveLength(1);
    fireEvent.change(screen.getByTestId('relation-filter'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('relation-type-filter'), { target: { value: 'ADVISE' } });
    expect(screen.getAllByTestId('relation-row').map((r) => cells(r)[1])).toEqual(['ADVISE']);
  });

  it('reports an answer with no pairs as nothing parseable', async () => {
    useRelations.setState({ input: 'Indomethacin induced hypotension in rats.' });
    queueAnswers('The text does not describe any relation.');
    render(<RelationsPanel />);
    fireEvent.click(screen.getByTestId('run'));
    expect((await screen.findByTestId('nothing-parsed')).textContent).toContain('read as relations');
    expect(screen.queryAllByTestId('relation-row')).toHaveLength(0);
  });

  it("names the model's arguments in the interface language, not by their internal type", async () => {
    const ex = example('Find the relations of drug entity pairs');
    useRelations.setState({ input: promptLine(ex.human), preset: 'ddi' });
    queueAnswers(ex.assistant);
    await i18n.changeLanguage('zh');
    try {
      render(<RelationsPanel />);
      fireEvent.click(screen.getByTestId('run'));
      await screen.findAllByTestId('relation-row');
      const marks = screen.getAllByTestId('entity');
      expect(marks.map((m) => m.dataset.label)).toEqual(marks.map(() => '关系实体'));
      fireEvent.focus(marks[0]);
      expect(document.querySelector('[aria-live="polite"]')?.textContent).toMatch(/^关系实体：Mitotane/);
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
