// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { EditorView } from '@codemirror/view';
import { TaskInput } from './TaskInput';
import { LONG_EDITOR_CHARS } from './textBox';

beforeAll(() => i18n.changeLanguage('en'));
afterEach(cleanup);

function Box() {
  const [value, setValue] = useState('typed by the user');
  return <TaskInput label="Text" value={value} onChange={setValue} />;
}

const open = (file: File) => {
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  fireEvent.change(input, { target: { files: [file] } });
};

/**
 * The box with its store writes (and the text at each Ctrl+Enter) counted, the stored length shown, and buttons that
 * replace the text from outside with an example or with `book`.
 */
function Counted({ first, book = '', writes, submits = [] }: { first: string; book?: string; writes: string[]; submits?: string[] }) {
  const [value, setValue] = useState(first);
  return (
    <>
      <TaskInput
        label="Text"
        value={value}
        onChange={(v) => {
          writes.push(v);
          setValue(v);
        }}
        onSubmit={() => submits.push(writes.at(-1) ?? '')}
      />
      <button type="button" onClick={() => setValue(book)}>
        book
      </button>
      <button type="button" onClick={() => setValue('An example.')}>
        example
      </button>
      <output data-testid="stored">{value.length}</output>
    </>
  );
}

describe('TaskInput file reading', () => {
  it('reads a GB18030 file as Chinese text and says it was not UTF-8', async () => {
    render(<Box />);
    // 患者主诉咳嗽 in GB18030.
    open(
      new File([new Uint8Array([0xbb, 0xbc, 0xd5, 0xdf, 0xd6, 0xf7, 0xcb, 0xdf, 0xbf, 0xc8, 0xcb, 0xd4])], 'note.txt', {
        type: 'text/plain',
      }),
    );
    await waitFor(() => expect(screen.getByTestId('task-input')).toHaveValue('患者主诉咳嗽'));
    expect(screen.getByTestId('input-encoding')).toHaveTextContent('Read as GB18030');
  });

  it('refuses a binary file dropped as text and keeps what was typed', async () => {
    render(<Box />);
    const gguf = new Uint8Array(2048);
    gguf.set([0x47, 0x47, 0x55, 0x46, 3, 0, 0, 0]);
    open(new File([gguf], 'model.gguf'));
    await screen.findByText('model.gguf is not a plain text file.');
    expect(screen.getByTestId('task-input')).toHaveValue('typed by the user');
    expect(screen.queryByTestId('input-encoding')).toBeNull();
  });
});

describe('TaskInput with a long document', () => {
  const long = 'Aspirin was given. '.repeat(2000); // ≈38,000 characters

  it('keeps typing out of the store until a pause or leaving the box, then writes the whole text once', async () => {
    const writes: string[] = [];
    render(<Counted first={long} writes={writes} />);
    const box = screen.getByTestId('task-input');
    for (const extra of ['a', 'ab', 'abc']) fireEvent.change(box, { target: { value: long + extra } });
    expect(writes).toEqual([]);
    fireEvent.blur(box);
    expect(writes).toEqual([long + 'abc']);
    expect(screen.getByText(`${long.length + 3} characters`)).toBeInTheDocument();
    // shown unwrapped, which the browser lays out at each key in half the time, and said so
    expect(box).toHaveAttribute('wrap', 'off');
    expect(screen.getByText(/lines are not wrapped here/)).toBeInTheDocument();
    expect(screen.getByTestId('stored')).toHaveTextContent(String(long.length + 3));

    fireEvent.change(box, { target: { value: long + 'abcd' } });
    await waitFor(() => expect(writes).toHaveLength(2), { timeout: 2000 });
    expect(writes[1]).toBe(long + 'abcd');
  });

  it('shows a text replaced from outside, dropping what was still being typed', () => {
    const writes: string[] = [];
    render(<Counted first={long} writes={writes} />);
    const box = screen.getByTestId('task-input');
    fireEvent.change(box, { target: { value: long + 'x' } });
    fireEvent.click(screen.getByText('example'));
    expect(box).toHaveValue('An example.');
    fireEvent.blur(box);
    expect(writes).toEqual([]);
  });

  it('writes short texts at every keystroke', () => {
    const writes: string[] = [];
    function Short() {
      const [value, setValue] = useState('');
      return <TaskInput label="Text" value={value} onChange={(v) => (writes.push(v), setValue(v))} />;
    }
    render(<Short />);
    expect(screen.getByTestId('task-input')).not.toHaveAttribute('wrap');
    fireEvent.change(screen.getByTestId('task-input'), { target: { value: 'a' } });
    fireEvent.change(screen.getByTestId('task-input'), { target: { value: 'ab' } });
    expect(writes).toEqual(['a', 'ab']);
  });
});

describe('TaskInput with a text too long for a text area', () => {
  const book = 'Aspirin was given. '.repeat(3000); // ≈57,000 characters
  expect(book.length).toBeGreaterThan(LONG_EDITOR_CHARS);

  const Stored = (props: { writes: string[]; submits?: string[] }) => <Counted first="typed by the user" book={book} {...props} />;

  /** The long-text editor's text box (in its shadow root) and its view, once it is shown. */
  const shownEditor = async () => {
    const content = await waitFor(() => {
      const found = document.querySelector('.long-text')?.shadowRoot?.querySelector<HTMLElement>('[data-testid="task-input"]');
      if (!found) throw new Error('the long-text editor is not shown');
      return found;
    });
    return { content, view: EditorView.findFromDOM(content)! };
  };

  it('shows a long text from outside in the long-text editor, and a short one in the text area again', async () => {
    render(<Stored writes={[]} />);
    fireEvent.click(screen.getByText('book'));
    const { content, view } = await shownEditor();
    expect(view.state.doc.toString()).toBe(book);
    expect(content).toHaveAttribute('aria-label', 'Text');
    expect(screen.queryByRole('textbox', { name: 'Text' })).toBeNull(); // the text area is gone
    expect(screen.getByText(`${book.length} characters`)).toBeInTheDocument();
    expect(screen.queryByText(/lines are not wrapped here/)).toBeNull();
    fireEvent.click(screen.getByText('example'));
    expect(screen.getByTestId('task-input')).toHaveValue('An example.');
    expect(document.querySelector('.long-text')).toBeNull();
  });

  it('writes what is typed there once typing pauses, at once when the box is left, and before Ctrl+Enter submits', async () => {
    const writes: string[] = [];
    const submits: string[] = [];
    render(<Stored writes={writes} submits={submits} />);
    fireEvent.click(screen.getByText('book'));
    const { content, view } = await shownEditor();
    const type = (text: string) => view.dispatch({ changes: { from: view.state.doc.length, insert: text }, userEvent: 'input.type' });
    type('!');
    expect(writes).toEqual([]);
    fireEvent.blur(content);
    expect(writes).toEqual([`${book}!`]);
    type('?');
    await waitFor(() => expect(writes).toHaveLength(2), { timeout: 2000 });
    expect(writes[1]).toBe(`${book}!?`);
    type('.');
    content.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
    expect(submits).toEqual([`${book}!?.`]);
  });

  it('moves a long text typed or pasted into the text area into the editor, with its caret and the focus', async () => {
    const writes: string[] = [];
    render(<Stored writes={writes} />);
    const box = screen.getByTestId<HTMLTextAreaElement>('task-input');
    box.focus();
    fireEvent.change(box, { target: { value: book } });
    box.setSelectionRange(5, 9);
    const { view } = await shownEditor();
    expect(view.state.selection.main).toMatchObject({ from: 5, to: 9 });
    expect(view.hasFocus).toBe(true);
    expect(writes).toEqual([book]);
  });
});
