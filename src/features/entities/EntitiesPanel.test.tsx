// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataPath } from '../../../test-data/index.ts';
import i18n from '../../i18n';
import { example, promptLine } from '../../components/taiyiExamples.testutil';
import { IDLE_RUN } from '../../store/taskRun';
import { useEntities, useRelations } from '../../store/tasks';
import { useSettings } from '../../store/settings';
import { calls, queueAnswers, readyModel } from '../workbench/fakeModel.testutil';
import { EntitiesPanel } from './EntitiesPanel';

vi.mock('../../store/modelActions', async () => (await import('../workbench/fakeModel.testutil')).fakeModelActions);

beforeAll(() => i18n.changeLanguage('en'));
beforeEach(() => {
  readyModel();
  useEntities.setState({
    input: '',
    preset: 'bc5cdr',
    unchecked: [],
    freeTypes: '',
    langMode: 'auto',
    view: null,
    run: IDLE_RUN,
    hidden: [],
  });
});
afterEach(cleanup);

const run = () => fireEvent.click(screen.getByTestId('run'));
const offsetsOf = (el: HTMLElement) => `${el.dataset.type}:${el.textContent}@${el.dataset.start}-${el.dataset.end}`;

describe('entities tab', () => {
  it("sends Taiyi's Chinese prompt and highlights the README answer at the right offsets", async () => {
    const ex = example('从下面文本中识别出指定的实体类型', 'NER');
    const text = promptLine(ex.human);
    useEntities.setState({ input: text, preset: '', freeTypes: '疾病，药物' });
    queueAnswers(ex.assistant);
    render(<EntitiesPanel />);
    run();
    const marks = await screen.findAllByTestId('entity');
    expect(calls[0][0].content).toBe(ex.human.replace(/\r\n/g, '\n'));
    const at = (m: string) => `${text.indexOf(m)}-${text.indexOf(m) + m.length}`;
    expect(marks.map(offsetsOf)).toEqual([
      `药物:大环内酯类抗生素@${at('大环内酯类抗生素')}`,
      `疾病:沙眼衣原体肺炎@${at('沙眼衣原体肺炎')}`,
      `药物:磺胺二甲基异唑@${at('磺胺二甲基异唑')}`,
      `药物:氟喹诺酮类@${at('氟喹诺酮类')}`,
    ]);
    expect(screen.getByTestId('output-raw').textContent).toBe(ex.assistant);
    // Legend with counts per type.
    const legend = within(screen.getByTestId('entity-legend'));
    expect(legend.getByText('药物').parentElement!.textContent).toBe('药物3');
    expect(screen.queryByTestId('nothing-parsed')).toBeNull();
  });

  it('lists mentions the model gave that the text does not contain', async () => {
    const ex = example('Extract the gene, disease entities');
    useEntities.setState({ input: promptLine(ex.human), preset: '', freeTypes: 'gene, disease' });
    queueAnswers(`${ex.assistant}\r\ndisease: Ehlers-Danlos syndrome`);
    render(<EntitiesPanel />);
    run();
    await screen.findAllByTestId('entity');
    expect(screen.getAllByTestId('entity').map((m) => m.textContent)).toEqual(['FBN1', 'Marfan syndrome']);
    const missing = screen.getAllByTestId('not-found-mention');
    expect(missing.map((m) => [m.dataset.type, m.textContent])).toEqual([['disease', 'disease: Ehlers-Danlos syndrome']]);
  });

  it('says clearly when the answer holds nothing parseable, and shows the lines it could not read', async () => {
    useEntities.setState({ input: 'Famotidine-associated delirium.' });
    queueAnswers('the patient was with cells and of the disease');
    render(<EntitiesPanel />);
    run();
    const nothing = await screen.findByTestId('nothing-parsed');
    expect(nothing.textContent).toContain('nothing that could be read as entities');
    expect(nothing.textContent).toContain('the patient was with cells and of the disease');
    expect(screen.queryAllByTestId('entity')).toHaveLength(0);
    // listed once: the raw block below folds, one click away
    const raw = screen.getByTestId('output-raw').closest('details')!;
    await waitFor(() => expect(raw.open).toBe(false));
    expect(raw.querySelector('summary')).toHaveTextContent('its lines are listed above');
  });

  it('lists the mentions hidden inside a longer one of the same type in the details', async () => {
    useEntities.setState({ input: 'Famotidine-associated acute renal failure in two patients.' });
    queueAnswers('Chemical: Famotidine\nDisease: acute renal failure; renal failure');
    render(<EntitiesPanel />);
    run();
    await screen.findAllByTestId('entity');
    expect(screen.getAllByTestId('entity').map((m) => m.textContent)).toEqual(['Famotidine', 'acute renal failure']);
    const hidden = screen.getByTestId('shadowed');
    expect(hidden).toHaveTextContent('1 mention hidden by a longer one');
    expect(screen.getAllByTestId('shadowed-mention').map((m) => [m.dataset.type, m.textContent])).toEqual([
      ['Disease', 'Disease: renal failure'],
    ]);
  });

  it('keeps the raw answer open when something was read', async () => {
    useEntities.setState({ input: 'Famotidine-associated delirium.' });
    queueAnswers('Chemical: Famotidine\nDisease: delirium');
    render(<EntitiesPanel />);
    run();
    await screen.findAllByTestId('entity');
    expect(screen.getByTestId('output-raw').closest('details')!.open).toBe(true);
  });

  it("runs a long text chunk by chunk with progress; stopping keeps the finished chunks' entities", async () => {
    useSettings.setState({ max_tokens: 100 });
    readyModel(240);
    const sentence = 'Famotidine is a histamine H2-receptor antagonist that may cause delirium in elderly patients. ';
    const text = sentence.repeat(12);
    useEntities.setState({ input: text });
    queueAnswers('Chemical: Famotidine\nDisease: delirium', { text: 'Chemical: Famo', finish: 'aborted' });
    render(<EntitiesPanel />);
    run();
    await screen.findByText(/Stopped/);
    expect(calls.length).toBe(2);
    const progress = screen.getByTestId('chunk-progress').textContent!;
    const total = Number(/1 of (\d+) parts done/.exec(progress)?.[1]);
    expect(total).toBeGreaterThan(2);
    // Only the first chunk's text carries highlights, at document offsets.
    const firstChunkEnd = text.length / total + sentence.length;
    const marks = screen.getAllByTestId('entity');
    expect(marks.length).toBeGreaterThanOrEqual(2);
    for (const m of marks) expect(Number(m.dataset.end)).toBeLessThanOrEqual(firstChunkEnd);
    expect(marks.map((m) => text.slice(Number(m.dataset.start), Number(m.dataset.end)))).toContain('Famotidine');
    useSettings.getState().reset();
  });

  it('splits a chunk and retries when the prompt overflows the context', async () => {
    const ex = example('Extract the gene, disease entities');
    const text = `${promptLine(ex.human)} ${promptLine(ex.human)}`;
    useEntities.setState({ input: text, preset: '', freeTypes: 'gene, disease' });
    queueAnswers({ text: '', error: 'context-overflow' }, ex.assistant, ex.assistant);
    render(<EntitiesPanel />);
    run();
    await waitFor(() => expect(screen.getAllByTestId('entity')).toHaveLength(4));
    expect(calls).toHaveLength(3);
    const half = promptLine(ex.human).length + 1;
    const at = [text.indexOf('FBN1'), text.indexOf('Marfan')];
    expect(screen.getAllByTestId('entity').map((m) => Number(m.dataset.start))).toEqual([...at, ...at.map((x) => x + half)]);
  });

  it('imports a PubTator file: every mention of the first document is highlighted, and relations fill the relations tab', async () => {
    const path = dataPath('benchmarks/bc5cdr/CDR_TestSet.sample.PubTator.txt');
    const content = readFileSync(path, 'utf8');
    const first = content
      .split('\n\n')[0]
      .split('\n')
      .filter((l) => /^\d+\t\d+\t\d+\t/.test(l))
      .map((l) => l.split('\t'));
    render(<EntitiesPanel />);
    fireEvent.change(screen.getByTestId('annotations-file-input'), { target: { files: [new File([content], 'cdr.PubTator.txt')] } });
    const marks = await screen.findAllByTestId('entity');
    expect(marks.map((m) => [m.dataset.start, m.dataset.end, m.textContent, m.dataset.type])).toEqual(first.map((c) => c.slice(1, 5)));
    const rows = useRelations.getState().view!.rows;
    expect(rows.map((r) => [r.type, r.head, r.tail])).toEqual([['CID', 'Famotidine', 'delirium']]);
    expect(screen.getByTestId('import-document')).toBeInTheDocument();
  });
});

describe('entity type names in the Chinese UI', () => {
  it("show a preset's English names translated, while data-type keeps the dataset's name", async () => {
    await i18n.changeLanguage('zh');
    try {
      useEntities.getState().showView({
        text: 'Aspirin and fever.',
        spans: [
          { type: 'Chemical', start: 0, end: 7, text: 'Aspirin' },
          { type: 'Disease', start: 12, end: 17, text: 'fever' },
        ],
        notFound: [{ type: 'Disease', text: 'asthma' }],
        unparsed: [],
        source: 'import',
      });
      render(<EntitiesPanel />);
      const legend = await screen.findAllByTestId('legend-type');
      expect(legend.map((b) => b.dataset.type)).toEqual(['Chemical', 'Disease']);
      expect(legend.map((b) => b.textContent)).toEqual(['化学物质1', '疾病1']);
      const missing = screen.getAllByTestId('not-found-mention');
      expect(missing.map((m) => [m.dataset.type, m.textContent])).toEqual([['Disease', '疾病: asthma']]);
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
