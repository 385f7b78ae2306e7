// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { example } from '../../components/taiyiExamples.testutil';
import { ChatPanel } from '../chat/ChatPanel';
import { ClassifyPanel } from '../classify/ClassifyPanel';
import { EventsPanel } from '../events/EventsPanel';
import { SimilarityPanel } from '../similarity/SimilarityPanel';
import { TitlePanel } from '../title/TitlePanel';
import { TranslatePanel } from '../translate/TranslatePanel';
import { Playground } from '../playground/Playground';
import { usePlayground } from '../../store/playground';
import { useChat } from '../../store/chat';
import { IDLE_RUN } from '../../store/taskRun';
import { calls, expectWaitsUnlessServer, queueAnswers, readyModel } from './fakeModel.testutil';

vi.mock('../../store/modelActions', async () => (await import('./fakeModel.testutil')).fakeModelActions);

beforeAll(() => i18n.changeLanguage('en'));
beforeEach(() => readyModel());
afterEach(cleanup);

const pick = (id: string) => fireEvent.change(screen.getByTestId('example-picker'), { target: { value: id } });
const run = () => fireEvent.click(screen.getByTestId('run'));
/** The prompt as Taiyi saw it in training (README pairs use CRLF). */
const lf = (s: string) => s.replace(/\r\n/g, '\n');

describe('single-answer tabs with Taiyi README answers', () => {
  it('classify: KUAKE-QIC intent', async () => {
    const ex = example('现有以下文本：\r\n治皮肤病费用大概多少？');
    render(<ClassifyPanel />);
    pick('clsKuake');
    queueAnswers(ex.assistant);
    run();
    expect((await screen.findAllByTestId('label')).map((l) => l.textContent)).toEqual(['医疗费用']);
    expect(calls[0][0].content).toBe(lf(ex.human));
  });

  it('similarity: Chinese pair judged different', async () => {
    const ex = example('语句1：');
    render(<SimilarityPanel />);
    pick('ssZh');
    queueAnswers(ex.assistant);
    run();
    const answer = await screen.findByTestId('similarity-answer');
    expect(answer.dataset.similar).toBe('false');
    expect(answer.textContent).toContain('语义不相同');
    expect(calls[0][0].content).toBe(lf(ex.human));
  });

  it('title: English abstract', async () => {
    const ex = example('Output a title for the following abstract');
    render(<TitlePanel />);
    pick('titleEn');
    queueAnswers(ex.assistant);
    run();
    expect((await screen.findByTestId('title-answer')).textContent).toBe(ex.assistant);
    expect(calls[0][0].content).toBe(lf(ex.human));
  });

  it('translate: Chinese to English, direction detected from the text', async () => {
    const ex = example('将下面文本翻译成英文');
    render(<TranslatePanel />);
    fireEvent.change(screen.getByTestId('task-input'), { target: { value: lf(ex.human).split('\n')[1] } });
    queueAnswers(ex.assistant);
    run();
    expect((await screen.findByTestId('translation')).textContent).toBe(ex.assistant);
    expect(calls[0][0].content).toBe(lf(ex.human));
  });

  it('events: Chinese clinical-finding event with an empty role, and the English README event', async () => {
    const zh = example('找出指定的临床发现事件属性');
    render(<EventsPanel />);
    pick('eeZh');
    queueAnswers(zh.assistant);
    run();
    const [row] = await screen.findAllByTestId('event-row');
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['临床发现', '疼痛', '—', '明显好转', '腹']);
    expect(calls[0][0].content).toBe(lf(zh.human));
    // Arguments found in the text are highlighted by role; 疼痛 is not in the text verbatim (it says 腹痛).
    expect(screen.getAllByTestId('entity').map((m) => `${m.dataset.type}:${m.textContent}`)).toEqual(['解剖部位:腹', '描述词:明显好转']);
    cleanup();

    const en = example('Input text: "Contaminated');
    render(<EventsPanel />);
    pick('eeEn');
    queueAnswers(en.assistant);
    run();
    const [enRow] = await screen.findAllByTestId('event-row');
    expect([...enRow.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      'Cause of disease',
      'responsible',
      'diarrheal diseases',
      'Contaminated drinking water',
    ]);
    expect(calls[1][0].content).toBe(lf(en.human));
  });

  it('chat: a consultation report in six sections', async () => {
    const ex = example('问诊对话历史');
    render(<ChatPanel />);
    pick('chatReport');
    queueAnswers(ex.assistant);
    run();
    const report = await screen.findByTestId('report');
    expect([...report.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(['主诉', '现病史', '辅助检查', '既往史', '诊断', '建议']);
    expect(calls[0][0].content).toBe(lf(ex.human));
  });

  it('chat: turns accumulate and the history is sent back with each message', async () => {
    useChat.setState({ mode: 'chat', input: '', turns: [], stoppedAt: [], report: null, run: IDLE_RUN });
    render(<ChatPanel />);
    fireEvent.change(screen.getByTestId('task-input'), { target: { value: '什么是糖尿病？' } });
    queueAnswers('糖尿病是一种以高血糖为特征的代谢性疾病。');
    run();
    expect((await screen.findByTestId('chat-assistant')).textContent).toContain('糖尿病是一种以高血糖为特征的代谢性疾病。');
    fireEvent.change(screen.getByTestId('task-input'), { target: { value: '如何预防？' } });
    queueAnswers('保持健康饮食和规律运动。');
    run();
    await vi.waitFor(() => expect(screen.getAllByTestId('chat-assistant')).toHaveLength(2));
    expect(screen.getAllByTestId('chat-assistant')[1].textContent).toContain('保持健康饮食和规律运动。');
    expect(calls[1].map((t) => t.role)).toEqual(['user', 'assistant', 'user']);
    expect(screen.getAllByTestId('chat-user')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('chat-reset'));
    expect(screen.queryAllByTestId('chat-user')).toHaveLength(0);
  });
});

describe('text the user typed', () => {
  it('is replaced by an example only with a way back, until the user types on', () => {
    render(<TitlePanel />);
    const input = () => screen.getByTestId('task-input') as HTMLTextAreaElement;
    fireEvent.change(input(), { target: { value: 'My own abstract, not saved anywhere.' } });
    pick('titleEn');
    expect(input().value).not.toContain('My own abstract');
    pick('titleZh');
    fireEvent.click(screen.getByTestId('input-undo'));
    expect(input().value).toBe('My own abstract, not saved anywhere.');
    expect(screen.queryByTestId('input-undo')).toBeNull();
    pick('titleEn');
    fireEvent.change(input(), { target: { value: input().value + ' edited' } });
    expect(screen.queryByTestId('input-undo')).toBeNull();
  });

  it('offers no undo when nothing typed was replaced', () => {
    render(<TranslatePanel />);
    fireEvent.change(screen.getByTestId('task-input'), { target: { value: '' } });
    pick(screen.getByTestId('example-picker').querySelectorAll('option')[1].getAttribute('value')!);
    expect(screen.queryByTestId('input-undo')).toBeNull();
  });
});

describe('running while another run (a job) generates', () => {
  it.each([
    [
      'a task tab',
      () => {
        render(<TitlePanel />);
        pick('titleEn');
      },
    ],
    [
      'the playground',
      () => {
        usePlayground.setState({ prompt: 'Once upon a time' });
        render(<Playground />);
      },
    ],
  ])('%s waits on a model on this device, saying why, and runs beside it on a model server', (_, open) => {
    open();
    expectWaitsUnlessServer('run');
  });
});
