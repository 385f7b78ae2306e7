// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { useModel } from '../../store/model';
import type { ModelEntry } from '../../engine/types';
import { queueAnswers, readyModel } from '../workbench/fakeModel.testutil';
import { ChatPanel } from './ChatPanel';

vi.mock('../../store/modelActions', async () => (await import('../workbench/fakeModel.testutil')).fakeModelActions);

beforeAll(() => i18n.changeLanguage('en'));
afterEach(cleanup);

const entry = (id: string, label: string): ModelEntry => ({
  id,
  label,
  engine: 'gguf',
  url: `https://h/${id}.gguf`,
  quantization: 'Q4_K_M',
  context_window_size: 2048,
  prompt_format: 'native',
  languages: ['en'],
});

async function say(text: string, replies: number) {
  fireEvent.change(screen.getByTestId('task-input'), { target: { value: text } });
  fireEvent.click(screen.getByTestId('run'));
  await waitFor(() => expect(screen.getAllByTestId('chat-assistant')).toHaveLength(replies));
}

describe('chat tab', () => {
  it('names each reply after the model that wrote it, also once another model is loaded', async () => {
    readyModel();
    useModel.setState({
      entries: [entry('a', 'Model A'), entry('b', 'Model B')],
      loaded: { id: 'a', engine: 'gguf', contextWindow: 2048 },
    });
    queueAnswers('Hello from A.', 'Hello from B.');
    render(<ChatPanel />);
    await say('Hi', 1);
    act(() => useModel.setState({ loaded: { id: 'b', engine: 'gguf', contextWindow: 2048 } }));
    await say('Hi again', 2);
    const names = screen.getAllByTestId('chat-assistant').map((li) => li.querySelector('.who')!.textContent);
    expect(names).toEqual(['Model A', 'Model B']);
    // after an unload the replies keep their authors
    act(() => useModel.setState({ loaded: null, status: 'idle' }));
    await waitFor(() => expect(screen.getAllByTestId('chat-assistant')[0]!.querySelector('.who')).toHaveTextContent('Model A'));
  });
});
