// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { useModel } from '../../store/model';
import { useSettings } from '../../store/settings';
import { ClassifyPanel } from '../classify/ClassifyPanel';
import { SettingsPanel } from '../playground/SettingsPanel';
import { TranslatePanel } from '../translate/TranslatePanel';
import { grammars, queueAnswers, readyModel } from './fakeModel.testutil';

vi.mock('../../store/modelActions', async () => (await import('./fakeModel.testutil')).fakeModelActions);

beforeAll(() => i18n.changeLanguage('en'));
beforeEach(() => {
  readyModel();
  useModel.setState({ loaded: { id: 'fake', engine: 'gguf', contextWindow: 2048, supportsGrammar: true } });
  useSettings.getState().reset();
});
afterEach(cleanup);

const box = () => screen.getByTestId('settings-grammar') as HTMLInputElement;

describe('the setting "Constrain answers to the task\'s format"', () => {
  it('is on by default for a task with a format, and off and fixed for free text', () => {
    render(<SettingsPanel task="entities" />);
    expect(box()).toBeChecked();
    expect(box()).toBeEnabled();
    cleanup();
    render(<SettingsPanel task="translate" />);
    expect(box()).not.toBeChecked();
    expect(box()).toBeDisabled();
    expect(screen.getByText(/free text/)).toBeInTheDocument();
  });

  it('is off and fixed, saying why, when the loaded engine cannot constrain answers', () => {
    useModel.setState({ loaded: { id: 'x', engine: 'gguf', contextWindow: 2048, supportsGrammar: false } });
    render(<SettingsPanel task="classify" />);
    expect(box()).not.toBeChecked();
    expect(box()).toBeDisabled();
    expect(screen.getByText('The loaded engine cannot constrain answers.')).toBeInTheDocument();
  });

  it('is remembered when switched off', () => {
    render(<SettingsPanel task="qa" />);
    fireEvent.click(box());
    expect(useSettings.getState().grammar).toBe(false);
  });
});

describe('task runs and their answer grammar', () => {
  it('a classification run passes the grammar of its offered labels; a free-text run passes none', async () => {
    render(<ClassifyPanel />);
    fireEvent.change(screen.getByTestId('task-input'), { target: { value: 'Treatment of COVID-19 with remdesivir.' } });
    queueAnswers('Result: Treatment');
    await act(async () => fireEvent.click(screen.getByTestId('run')));
    expect(grammars).toHaveLength(1);
    expect(grammars[0]!.gbnf).toMatch(/^root ::= "Result: "/m);
    expect(grammars[0]!.ebnf).toContain('"Treatment"');
    cleanup();
    render(<TranslatePanel />);
    fireEvent.change(screen.getByTestId('task-input'), { target: { value: 'Aspirin relieves pain.' } });
    queueAnswers('阿司匹林缓解疼痛。');
    await act(async () => fireEvent.click(screen.getByTestId('run')));
    expect(grammars[1]).toBeNull();
  });

  it('an engine refusing the grammar is said in the tab, and the answer is still read', async () => {
    render(<ClassifyPanel />);
    fireEvent.change(screen.getByTestId('task-input'), { target: { value: 'Treatment of COVID-19 with remdesivir.' } });
    queueAnswers({ text: 'Result: Treatment', grammarRejected: 'failed to parse grammar' });
    await act(async () => fireEvent.click(screen.getByTestId('run')));
    expect(screen.getByTestId('grammar-rejected')).toHaveTextContent("refused the task's answer format");
    expect(screen.getByTestId('grammar-rejected')).toHaveTextContent('failed to parse grammar');
    expect(screen.getByTestId('label')).toHaveTextContent('Treatment');
  });
});
