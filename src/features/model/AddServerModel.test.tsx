// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n';
import { useModel } from '../../store/model';
import type * as ModelActions from '../../store/modelActions';
import { savedServerModels } from '../../store/serverModels';
import { AddServerModel } from './AddServerModel';

// adding connects at once; the connection is not what this form's test is about
vi.mock('../../store/modelActions', async (original) => ({
  ...(await original<typeof ModelActions>()),
  loadSelected: async () => undefined,
}));

beforeEach(() => {
  localStorage.clear();
  useModel.setState({ status: 'idle', entries: [], selectedId: null, loaded: null });
});
afterEach(cleanup);

function fill(grammar?: string) {
  fireEvent.change(screen.getByLabelText(/Server address|服务器地址/), { target: { value: 'http://localhost:8000/v1' } });
  fireEvent.change(screen.getByTestId('server-model-name'), { target: { value: 'taiyi' } });
  if (grammar) fireEvent.change(screen.getByTestId('server-grammar'), { target: { value: grammar } });
  // consent is asked once per host
  const consent = screen.queryByTestId('server-consent');
  if (consent) fireEvent.click(consent);
  fireEvent.click(screen.getByTestId('server-add'));
}

describe('adding a server model', () => {
  it('offers every way a server takes grammars, auto first, with labels in both languages', async () => {
    await i18n.changeLanguage('en');
    render(<AddServerModel />);
    const select = screen.getByLabelText('Answer grammars') as HTMLSelectElement;
    expect(select).toBe(screen.getByTestId('server-grammar'));
    expect([...select.options].map((o) => o.value)).toEqual(['auto', 'llama-server', 'vllm', 'vllm-guided', 'none']);
    expect(select.value).toBe('auto');
    expect([...select.options].map((o) => o.textContent)).toContain('vLLM (structured_outputs)');
    expect(select.getAttribute('aria-describedby')).toBeTruthy();
    cleanup();
    await i18n.changeLanguage('zh');
    render(<AddServerModel />);
    const zh = screen.getByLabelText('回答语法') as HTMLSelectElement;
    expect(zh.options[0].textContent).toBe('从服务器自动识别');
    await i18n.changeLanguage('en');
  });

  it('keeps the chosen grammar field with the model, also across visits; auto leaves it to the server', async () => {
    await i18n.changeLanguage('en');
    render(<AddServerModel />);
    fill('vllm-guided');
    expect(useModel.getState().entries).toMatchObject([{ engine: 'openai', server_model: 'taiyi', server_grammar: 'vllm-guided' }]);
    expect(savedServerModels()).toMatchObject([{ server_grammar: 'vllm-guided' }]);

    cleanup();
    render(<AddServerModel />);
    fill();
    const [entry] = useModel.getState().entries;
    expect(entry.server_grammar).toBeUndefined();
    expect(savedServerModels()[0].server_grammar).toBeUndefined();
  });

  it('reads a remembered grammar field only when it is one the engine knows', () => {
    localStorage.setItem(
      'taiyi.serverModels',
      JSON.stringify([
        { baseUrl: 'http://a:1/v1', model: 'm', promptFormat: 'taiyi', serverGrammar: 'llama-server' },
        { baseUrl: 'http://b:1/v1', model: 'm', promptFormat: 'taiyi', serverGrammar: 'outlines' },
      ]),
    );
    expect(savedServerModels().map((e) => e.server_grammar)).toEqual(['llama-server', undefined]);
  });
});
