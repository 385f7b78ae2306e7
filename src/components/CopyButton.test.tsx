// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import { COPY_STATUS_MS, CopyButton } from './CopyButton';

beforeAll(() => i18n.changeLanguage('en'));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function withClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
}

describe('copy button', () => {
  it('copies the text of the moment, says so, then reads as before', async () => {
    vi.useFakeTimers();
    const copied: string[] = [];
    withClipboard(async (text) => void copied.push(text));
    let text = 'first';
    render(<CopyButton label="Copy" text={() => text} testId="c" />);
    text = 'second';
    await act(async () => fireEvent.click(screen.getByTestId('c')));
    expect(copied).toEqual(['second']);
    expect(screen.getByTestId('c')).toHaveTextContent('Copied');
    act(() => vi.advanceTimersByTime(COPY_STATUS_MS));
    expect(screen.getByTestId('c')).toHaveTextContent('Copy');
  });

  it('reports a refusal in its status line and tells the caller, then clears it', async () => {
    vi.useFakeTimers();
    withClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    const statuses: string[] = [];
    render(<CopyButton label="Copy" text={() => 'x'} testId="c" failedMessage="Select it by hand." onStatus={(s) => statuses.push(s)} />);
    await act(async () => fireEvent.click(screen.getByTestId('c')));
    expect(screen.getByTestId('c-status')).toHaveTextContent('Select it by hand.');
    expect(screen.getByTestId('c')).toHaveTextContent('Copy');
    act(() => vi.advanceTimersByTime(COPY_STATUS_MS));
    expect(screen.getByTestId('c-status')).toBeEmptyDOMElement();
    expect(statuses).toEqual(['failed', 'idle']);
  });

  it('says the general line, in Chinese too, when no clipboard exists', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    await i18n.changeLanguage('zh');
    render(<CopyButton label="复制" text={() => 'x'} testId="c" />);
    await act(async () => fireEvent.click(screen.getByTestId('c')));
    expect(screen.getByTestId('c-status')).toHaveTextContent('浏览器不允许复制。');
    await i18n.changeLanguage('en');
  });
});
