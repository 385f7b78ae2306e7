// @vitest-environment jsdom
import { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLongTextEditor, type LongTextOptions } from './editor';

afterEach(() => document.body.replaceChildren());

function editor(text: string, more: Partial<LongTextOptions> = {}) {
  const host = document.createElement('div');
  document.body.append(host);
  const options = { text, label: 'Text', testId: 'task-input', onInput: vi.fn(), onBlur: vi.fn(), onDropFiles: vi.fn(), ...more };
  const box = createLongTextEditor(host, options);
  const content = host.shadowRoot!.querySelector<HTMLElement>('[data-testid="task-input"]')!;
  return { box, options, content, view: EditorView.findFromDOM(content)! };
}
const key = (target: HTMLElement, init: KeyboardEventInit) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));

describe('the long-text editor', () => {
  it('is a named, multi-line text box in its own shadow root, starting with the given selection', () => {
    const { content, view } = editor('first line\nsecond line', { selection: { anchor: 3, head: 8 } });
    expect(content.getAttribute('role')).toBe('textbox');
    expect(content.getAttribute('aria-multiline')).toBe('true');
    expect(content.getAttribute('aria-label')).toBe('Text');
    expect(content.getAttribute('contenteditable')).toBe('true');
    expect(view.state.selection.main).toMatchObject({ anchor: 3, head: 8 });
  });

  it("tells of the user's changes only, not of a text replaced from outside", () => {
    const { box, options, view } = editor('abc');
    box.replace('an example');
    expect(box.text).toBe('an example');
    expect(options.onInput).not.toHaveBeenCalled();
    view.dispatch({ changes: { from: 10, insert: '!' }, userEvent: 'input.type' });
    expect(options.onInput).toHaveBeenCalledTimes(1);
    expect(box.text).toBe('an example!');
  });

  it('Enter starts a new line without copying indentation; Ctrl+Enter submits', () => {
    const onSubmit = vi.fn();
    const { box, content, view } = editor('  indented', { onSubmit });
    view.dispatch({ selection: { anchor: 10 } });
    key(content, { key: 'Enter' });
    expect(box.text).toBe('  indented\n');
    key(content, { key: 'Enter', ctrlKey: true });
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(box.text).toBe('  indented\n');
  });

  it('hands dropped files to the page instead of pasting their text', () => {
    const { box, options, content } = editor('abc');
    const file = new File(['dropped text'], 'note.txt', { type: 'text/plain' });
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file], types: ['Files'] } });
    content.dispatchEvent(drop);
    expect(options.onDropFiles).toHaveBeenCalledWith([file]);
    expect(drop.defaultPrevented).toBe(true);
    expect(box.text).toBe('abc');
  });
});
